// The pay page when there is no request to show, in the visitor's language:
//  - PayNotFound: an unknown or malformed pay link, or another partner's request on a partner's
//    host (served with HTTP 404);
//  - PayUnavailable: JoPay cannot reach its database for a moment (a restart, a failover), served
//    with HTTP 503 and Retry-After; pages/pay/[id].tsx makes it reload itself (a meta refresh: no
//    JavaScript needed). A payment already sent is not affected: the chain has it, and
//    verification picks it up when the database is back.
import type { ReactNode } from "react";
import type { Messages } from "@/lib/i18n/messages";

function Notice({ testId, title, body, children }: { testId: string; title: string; body: string; children?: ReactNode }) {
  return (
    <main className="mx-auto max-w-md px-4 py-16 text-center">
      <h1 className="text-xl font-bold" data-testid={testId}>
        {title}
      </h1>
      <p className="mt-3 text-slate-700">{body}</p>
      {children}
    </main>
  );
}

export const PayNotFound = ({ m }: { m: Messages }) => <Notice testId="not-found" title={m.notFoundTitle} body={m.notFoundBody} />;

export const PayUnavailable = ({ m }: { m: Messages }) => (
  <Notice testId="pay-unavailable" title={m.unavailableTitle} body={m.unavailableBody}>
    <p className="mt-6">
      {/* This very page again: the query (language) stays. */}
      <a href="" className="font-medium text-slate-900 underline">
        {m.unavailableRetry}
      </a>
    </p>
  </Notice>
);
