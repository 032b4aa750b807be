// <html lang> in the customer's language (SPEC §8): the pay page passes its negotiated locale in
// its props. Same <body> classes as the App Router's shared Document.
import { Head, Html, Main, NextScript, type DocumentProps } from "next/document";
import { DEFAULT_LOCALE, isLocale } from "@/lib/i18n/locales";

export default function PayDocument(props: DocumentProps) {
  const locale = (props.__NEXT_DATA__.props?.pageProps as { locale?: unknown } | undefined)?.locale;
  return (
    <Html lang={isLocale(locale) ? locale : DEFAULT_LOCALE}>
      <Head />
      <body className="min-h-dvh bg-slate-50 text-slate-900 antialiased">
        <Main />
        <NextScript />
      </body>
    </Html>
  );
}
