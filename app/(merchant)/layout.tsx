import type { ReactNode } from "react";
import { Document } from "@/components/ui/document";

export const metadata = { title: "JoPay — Merchant" };

export default function MerchantLayout({ children }: { children: ReactNode }) {
  return <Document>{children}</Document>;
}
