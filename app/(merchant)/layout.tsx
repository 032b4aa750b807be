import type { ReactNode } from "react";
import { Document } from "@/components/ui/document";
import { merchantPreferences } from "./merchant/preferences";

export const metadata = { title: "JoPay — Merchant" };

// <html lang> is the dashboard's language (the switcher's choice, else Accept-Language).
export default async function MerchantLayout({ children }: { children: ReactNode }) {
  const { locale } = await merchantPreferences();
  return <Document lang={locale}>{children}</Document>;
}
