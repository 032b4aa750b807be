// The <html>/<body> shell shared by every route group's root layout. Each audience has its own
// root layout (so the pay page can set <html lang> per customer); they all render through this.
import type { ReactNode } from "react";
import "@/app/globals.css";

export function Document({ lang = "en", children }: { lang?: string; children: ReactNode }) {
  return (
    <html lang={lang}>
      <body className="min-h-dvh bg-slate-50 text-slate-900 antialiased">{children}</body>
    </html>
  );
}
