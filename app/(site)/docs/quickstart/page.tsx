import Link from "next/link";
import { C, Code, H2, Page } from "../_components/doc";

export const metadata = { title: "Quickstart — JoPay docs" };

// Every block below runs as pasted in a POSIX shell (bash, zsh) with curl, sed and openssl, in
// order: e2e/docs-snippets.spec.ts runs them against a real server, from a test key to a verified
// webhook. Keep them that way — no placeholders a reader must edit except the first block's.
export default function Quickstart() {
  return (
    <Page title="Quickstart" lead="From a test key to a verified payment webhook in five commands.">
      <p>
        You need a test key (<C>jo_test_…</C>, from your partner console → Keys) and a URL that receives your webhooks. Test
        keys never touch real money: requests are paid on a test chain, or simulated with one call. Set three variables —
        the JoPay you talk to, your key and your webhook receiver:
      </p>
      <Code>{`
# JoPay: locally the server \`npm run dev\` starts; in production https://<partner-slug>.jopay.app
export JOPAY_BASE_URL=http://localhost:3000
# your test key
export JOPAY_KEY=jo_test_…
# where JoPay POSTs events: https in production; locally any URL your machine serves
export WEBHOOK_URL=http://localhost:4000/webhooks/jopay
`}</Code>
      <H2 id="test-merchant">1. An onboarded test merchant</H2>
      <p>
        Create a merchant, then finish its onboarding with{" "}
        <Link className="text-blue-700 underline" href="/docs/merchants#test-onboarding">test_onboarding</Link> — no browser,
        no wallet signature (test keys only). Its payout wallet here is a random address; any address you control will do.
      </p>
      <Code>{`
MERCHANT_ID=$(curl -s -X POST "$JOPAY_BASE_URL/api/v1/merchants" \\
  -H "Authorization: Bearer $JOPAY_KEY" -H "Content-Type: application/json" \\
  -d '{"business_name": "Test Café"}' | sed -n 's/.*"merchant_id":"\\([^"]*\\)".*/\\1/p')
curl -s -X POST "$JOPAY_BASE_URL/api/v1/merchants/$MERCHANT_ID/test_onboarding" \\
  -H "Authorization: Bearer $JOPAY_KEY" -H "Content-Type: application/json" \\
  -d '{"wallet_address": "0x'"$(openssl rand -hex 20)"'"}'
`}</Code>
      <p>
        The answer shows <C>&quot;onboarding_status&quot;:&quot;complete&quot;</C>. (A live merchant onboards on its{" "}
        <C>onboarding_url</C> with its own wallet instead.)
      </p>
      <H2 id="webhook">2. A webhook endpoint</H2>
      <Code>{`
WEBHOOK_SECRET=$(curl -s -X POST "$JOPAY_BASE_URL/api/v1/webhook_endpoints" \\
  -H "Authorization: Bearer $JOPAY_KEY" -H "Content-Type: application/json" \\
  -d '{"url": "'"$WEBHOOK_URL"'", "events": ["payment.proof_verified"]}' | sed -n 's/.*"secret":"\\([^"]*\\)".*/\\1/p')
echo "$WEBHOOK_SECRET"
`}</Code>
      <p>
        Keep the <C>whsec_…</C> secret: it is shown only once, and it is how your receiver checks that a webhook comes from
        JoPay (<Link className="text-blue-700 underline" href="/docs/webhooks#verify">Webhooks</Link>, or the{" "}
        <Link className="text-blue-700 underline" href="/docs/sdk">SDK</Link>&apos;s <C>webhooks.verify</C>).
      </p>
      <H2 id="request">3. Your first request</H2>
      <Code>{`
RESPONSE=$(curl -s -X POST "$JOPAY_BASE_URL/api/v1/requests/create" \\
  -H "Authorization: Bearer $JOPAY_KEY" -H "Content-Type: application/json" \\
  -H "Idempotency-Key: $(openssl rand -hex 16)" \\
  -d '{"merchant_id": "'"$MERCHANT_ID"'", "fiat_amount_int": 2500, "memo": "Order #1001", "metadata": {"order_id": "1001"}}')
echo "$RESPONSE"
REQUEST_ID=$(echo "$RESPONSE" | sed -n 's/.*"request_id":"\\([^"]*\\)".*/\\1/p')
`}</Code>
      <p>
        The answer is <C>201</C> with the request: send your customer to its <C>pay_page_url</C>. For a merchant priced in
        EUR at a rate of 1.10 USD per EUR, <C>amount.usdc_micro</C> is <C>&quot;27500000&quot;</C> (27.5 USDC; a few
        micro-units may be added so that open requests to one wallet never share an exact amount). Retrying the same call
        with the same <C>Idempotency-Key</C> (or body <C>idempotency_key</C>) returns the same request with{" "}
        <C>&quot;idempotent_replay&quot;: true</C>.
      </p>
      <H2 id="simulate">4. Pay it (simulated)</H2>
      <p>
        In test mode, <C>POST /api/v1/requests/:id/simulate_payment</C> pays a request without a chain. The body says how:{" "}
        <C>paid</C> (the exact amount), <C>underpaid</C> (refused: the request stays payable) or <C>late</C> (paid after its
        expiry). The payment walks the same path as a real one — the request becomes <C>verified</C> and your endpoint gets{" "}
        <C>payment.proof_verified</C>, marked <C>&quot;simulated&quot;: true</C> in its proof.
      </p>
      <Code>{`
curl -s -X POST "$JOPAY_BASE_URL/api/v1/requests/$REQUEST_ID/simulate_payment" \\
  -H "Authorization: Bearer $JOPAY_KEY" -H "Content-Type: application/json" \\
  -d '{"outcome": "paid"}'
`}</Code>
      <H2 id="next">Next</H2>
      <ul className="list-disc pl-6">
        <li>Read the request back with <C>GET /api/v1/requests/:id</C>: <C>proof_status</C> is <C>verified</C>.</li>
        <li>Verify the webhook you just received with the secret from step 2 — see Webhooks for code.</li>
        <li>From Node.js, the <Link className="text-blue-700 underline" href="/docs/sdk">SDK</Link> does all of this with types, retries and webhook verification.</li>
      </ul>
    </Page>
  );
}
