import type { ReactNode } from "react";
import { Document } from "@/components/ui/document";

export const metadata = { title: "JoPay — Partner" };

export default function PartnerLayout({ children }: { children: ReactNode }) {
  return <Document>{children}</Document>;
}
