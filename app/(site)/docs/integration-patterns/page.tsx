import { C, Code, H2, Page } from "../_components/doc";

export const metadata = { title: "Integration patterns — JoPay docs" };

export default function PatternsDocs() {
  return (
    <Page
      title="Integration patterns"
      lead="Partners build the experience; merchants receive the money directly in their own wallets; JoPay only issues instructions and verifies transfers."
    >
      <H2>E-commerce checkout (plugins, marketplaces)</H2>
      <p>
        When the buyer chooses crypto, your server creates a request with <C>{'metadata: { order_id }'}</C> and an{" "}
        <C>idempotency_key</C> derived from the order (e.g. its SHA-256), then redirects to <C>pay_page_url</C>. The
        verified-payment webhook carries the same metadata, so you mark the order paid without a mapping table.
      </p>
      <H2>Point of sale</H2>
      <p>
        The terminal creates a <C>pos</C> request with a short expiry (one of your allowed values), shows the QR from the
        pay page and waits for the webhook. If the customer walks away, cancel the request while it is still untouched.
      </p>
      <H2>Invoicing</H2>
      <p>
        Create an <C>invoice</C> request with <C>customer_name</C> (and an email for receipts). It stays payable for 7 days
        by default. Put <C>pay_page_url</C> in the invoice PDF and <C>invoice_number</C> in metadata.
      </p>
      <H2>Subscriptions</H2>
      <p>
        Each billing period, a job creates one request per subscriber with an idempotency key derived from the
        subscription id and the period, so a re-run of the job never bills twice. A key is 32–64 characters of{" "}
        <C>A–Z a–z 0–9 _ -</C>, so hash the pair rather than joining it: the SHA-256 hex digest is always 64 characters.
        Extend the subscription on the verified webhook.
      </p>
      <Code>{`import { createHash } from "node:crypto";
const idempotencyKey = createHash("sha256").update(\`\${subscriptionId}:\${period}\`).digest("hex"); // e.g. period "2026-12"`}</Code>
      <p>
        Many subscribers at one price is fine: JoPay gives every open request a distinct amount (a tag below one cent,
        see <a className="underline" href="/docs/matching">How JoPay matches payments</a>) and answers{" "}
        <C>503 amount_capacity_exhausted</C> with <C>Retry-After</C> only when 10,000 requests to one wallet at one
        price are open at once.
      </p>
      <H2>Provisioning merchants (PSPs, marketplaces)</H2>
      <p>
        Create the merchant with the Merchants API when the seller signs up with you, redirect them to{" "}
        <C>onboarding_url</C> with a <C>return_url</C> back to your app, and wait for <C>merchant.onboarding_completed</C>{" "}
        before creating requests.
      </p>
      <H2>Reconciliation</H2>
      <p>
        Nightly, ask for the requests <em>verified</em> since the last run — by verification time, not creation time, so
        a 7-day invoice created last week and paid last night is included — and walk the pages with{" "}
        <C>starting_after</C>. The list has one fixed order (newest <C>created_at</C> first, then <C>request_id</C>),
        and <C>starting_after</C> is the last <C>request_id</C> of the page you just read: requests that arrive during
        the walk sort before it, so nothing is skipped or read twice. Use the start of this run as{" "}
        <C>proof_verified_until</C> and store it as the next run&apos;s <C>proof_verified_since</C>; every verified
        payment then falls in exactly one run.
      </p>
      <Code>{`# first page
curl -s "$JOPAY_BASE_URL/api/v1/requests?proof_verified_since=2026-12-01T02:00:00Z&proof_verified_until=2026-12-02T02:00:00Z&limit=100" \\
  -H "Authorization: Bearer $JOPAY_KEY"
# while has_more is true: the same query after the last request_id you received
# (LAST_REQUEST_ID, e.g. from jq -r '.requests[-1].request_id')
curl -s "$JOPAY_BASE_URL/api/v1/requests?proof_verified_since=2026-12-01T02:00:00Z&proof_verified_until=2026-12-02T02:00:00Z&limit=100&starting_after=$LAST_REQUEST_ID" \\
  -H "Authorization: Bearer $JOPAY_KEY"`}</Code>
      <p>
        Compare with the webhooks you recorded; anything missing can be replayed from <C>/api/v1/events</C>. (The{" "}
        <C>since</C>/<C>until</C> filters select by <C>created_at</C>; stepping <C>offset</C> works for a list that does
        not change while you read it.)
      </p>
    </Page>
  );
}
