import type { Metadata } from "next";
import type { ReactNode } from "react";
import { Document } from "@/components/ui/document";

export const metadata: Metadata = { title: "JoPay", description: "Non-custodial stablecoin payments for platforms" };

export default function SiteLayout({ children }: { children: ReactNode }) {
  return <Document>{children}</Document>;
}
