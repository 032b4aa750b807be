import type { ReactNode } from "react";
import { Document } from "@/components/ui/document";

export const metadata = { title: "JoPay — Admin" };

export default function AdminLayout({ children }: { children: ReactNode }) {
  return <Document>{children}</Document>;
}
