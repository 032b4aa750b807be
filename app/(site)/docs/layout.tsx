// Developer docs shell: a sidebar of the sections, the page beside it.
import Link from "next/link";
import type { ReactNode } from "react";

const SECTIONS: [string, string][] = [
  ["/docs", "Overview"],
  ["/docs/quickstart", "Quickstart"],
  ["/docs/authentication", "Authentication"],
  ["/docs/requests", "Requests API"],
  ["/docs/merchants", "Merchants API"],
  ["/docs/webhooks", "Webhooks"],
  ["/docs/matching", "How payments match"],
  ["/docs/receipts", "Payment receipts"],
  ["/docs/errors", "Errors"],
  ["/docs/rate-limits", "Rate limits"],
  ["/docs/integration-patterns", "Integration patterns"],
  ["/docs/sdk", "SDK (Node.js)"],
  ["/docs/reference", "API reference"],
];

export default function DocsLayout({ children }: { children: ReactNode }) {
  return (
    <div className="mx-auto flex max-w-6xl gap-10 p-8">
      <nav aria-label="Developer docs" className="w-52 shrink-0">
        <ul className="space-y-1 text-sm">
          {SECTIONS.map(([href, label]) => (
            <li key={href}>
              <Link className="text-blue-700 hover:underline" href={href}>
                {label}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      <main className="min-w-0 flex-1">{children}</main>
    </div>
  );
}
