import type { ReactNode } from "react";
import { Document } from "@/components/ui/document";

export const metadata = { title: "Pay — JoPay" };

export default function PayLayout({ children }: { children: ReactNode }) {
  return <Document>{children}</Document>;
}
