// The <html>/<body> shell shared by every route group's root layout (the pay page, on the pages
// router, has the same body in pages/_document.tsx).
import type { ReactNode } from "react";
import "@/app/globals.css";

export function Document({ lang = "en", children }: { lang?: string; children: ReactNode }) {
  return (
    <html lang={lang}>
      <body className="min-h-dvh bg-slate-50 text-slate-900 antialiased">{children}</body>
    </html>
  );
}
