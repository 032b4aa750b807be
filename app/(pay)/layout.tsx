import type { ReactNode } from "react";
import { headers } from "next/headers";
import { Document } from "@/components/ui/document";
import { DEFAULT_LOCALE, isLocale, LOCALE_HEADER } from "@/lib/i18n/locales";

export const metadata = { title: "Pay — JoPay", robots: { index: false, follow: false } };

// <html lang> for the customer's language: a root layout gets no searchParams, so proxy.ts
// negotiates the locale (?lang= then Accept-Language) and hands it over in a request header.
export default async function PayLayout({ children }: { children: ReactNode }) {
  const value = (await headers()).get(LOCALE_HEADER);
  return <Document lang={isLocale(value) ? value : DEFAULT_LOCALE}>{children}</Document>;
}
