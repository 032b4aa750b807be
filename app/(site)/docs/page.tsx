import Link from "next/link";
import { C, H2, Page } from "./_components/doc";

export const metadata = { title: "JoPay developer docs" };

export default function DocsHome() {
  return (
    <Page
      title="JoPay developer docs"
      lead="A small REST API for platforms: create payment requests for your merchants, provision merchants, and hear back by webhook when a payment is verified on-chain."
    >
      <p>
        Every call carries a partner API key as a bearer token and speaks JSON over HTTPS. There is no OAuth and no callback
        registration to get started. The API is versioned under <C>/api/v1</C>; breaking changes ship as a new major version
        with an overlap period.
      </p>
      <H2>Start here</H2>
      <ul className="list-disc pl-6">
        <li><Link className="text-blue-700 underline" href="/docs/quickstart">Quickstart</Link>: your first payment request with one curl call.</li>
        <li><Link className="text-blue-700 underline" href="/docs/authentication">Authentication</Link>: keys, scopes, live and test mode, rotation.</li>
        <li><Link className="text-blue-700 underline" href="/docs/integration-patterns">Integration patterns</Link>: checkout, invoicing, subscriptions, reconciliation.</li>
      </ul>
      <H2>API surface</H2>
      <ul className="list-disc pl-6">
        <li><Link className="text-blue-700 underline" href="/docs/requests">Requests API</Link>: create, get, list and cancel payment requests; idempotency.</li>
        <li><Link className="text-blue-700 underline" href="/docs/merchants">Merchants API</Link>: provision merchants and hand them to onboarding.</li>
        <li><Link className="text-blue-700 underline" href="/docs/webhooks">Webhooks</Link>: signed event deliveries, retries, deduplication.</li>
        <li><Link className="text-blue-700 underline" href="/docs/matching">How JoPay matches payments</Link>: which request a transfer pays, wallet payments (EIP-3009), late and reversed payments.</li>
        <li><Link className="text-blue-700 underline" href="/docs/reference">API reference</Link>: every endpoint, generated from the <a className="text-blue-700 underline" href="/api/v1/openapi.json">OpenAPI 3.1 document</a>.</li>
      </ul>
      <H2>Conventions</H2>
      <ul className="list-disc pl-6">
        <li>JSON in and out. Success bodies have <C>{'"ok": true'}</C>; errors <C>{'{ "ok": false, "error": "<code>", "message": "…" }'}</C> with a matching HTTP status (<Link className="text-blue-700 underline" href="/docs/errors">table</Link>).</li>
        <li>Fiat amounts are integers in minor units: cents for EUR/USD/GBP, paise for INR, whole yen for JPY, fils for KWD. Never send a decimal.</li>
        <li>USDC amounts are micro-units (6 decimals) as decimal strings, e.g. <C>&quot;27500000&quot;</C> = 27.5 USDC.</li>
        <li>A key sees only its own partner&apos;s objects in its own mode. Anything else is a 404 identical to a typo.</li>
        <li>Every response carries <C>X-Request-Id</C>; quote it when you contact support.</li>
      </ul>
      <H2>SDKs</H2>
      <ul className="list-disc pl-6">
        <li>
          <Link className="text-blue-700 underline" href="/docs/sdk">Node.js: <C>@jopay/node</C></Link> — typed resources generated from the
          OpenAPI document, idempotent retries, webhook verification, no dependencies.
        </li>
      </ul>
      <p>Everywhere else, plain HTTP: the SDK page shows a create and the webhook check in Python and PHP with their standard libraries.</p>
    </Page>
  );
}
