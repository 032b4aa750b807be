import Link from "next/link";
import { C, Code, H2, Page } from "../_components/doc";

export const metadata = { title: "Quickstart — JoPay docs" };

export default function Quickstart() {
  return (
    <Page title="Quickstart" lead="Create your first payment request in one call.">
      <p>
        You need a test key (<C>jo_test_…</C>, from your partner console) and the id of a merchant that has finished
        onboarding in test mode. Test keys never touch real money: requests are paid on a test chain, or with{" "}
        <C>POST /api/v1/requests/:id/simulate_payment</C>.
      </p>
      <H2 id="test-merchant">An onboarded test merchant in two calls</H2>
      <p>
        Create a merchant with your test key, then finish its onboarding with{" "}
        <Link className="text-blue-700 underline" href="/docs/merchants#test-onboarding">test_onboarding</Link> — no
        browser, no wallet signature (test mode only). Any address you control will do as its wallet.
      </p>
      <Code>{`
curl -X POST https://<partner-slug>.jopay.app/api/v1/merchants \
  -H "Authorization: Bearer jo_test_xxx" -H "Content-Type: application/json" \
  -d '{"business_name": "Test Café"}'
# → { "ok": true, "merchant_id": "<merchant uuid>", "onboarding_status": "incomplete", … }

curl -X POST https://<partner-slug>.jopay.app/api/v1/merchants/<merchant uuid>/test_onboarding \
  -H "Authorization: Bearer jo_test_xxx" -H "Content-Type: application/json" \
  -d '{"wallet_address": "0x1111111111111111111111111111111111111111"}'
# → { "ok": true, "merchant_id": "<merchant uuid>", "onboarding_status": "complete", … }
`}</Code>
      <H2>Your first request</H2>
      <Code>{`
curl -X POST https://<partner-slug>.jopay.app/api/v1/requests/create \\
  -H "Authorization: Bearer jo_test_xxx" \\
  -H "Content-Type: application/json" \\
  -d '{
    "merchant_id": "<merchant uuid>",
    "fiat_amount_int": 2500,
    "memo": "Order #1001",
    "idempotency_key": "'"$(uuidgen)"'",
    "metadata": { "order_id": "1001" }
  }'
`}</Code>
      <p>
        The answer is <C>201</C> with the request: send your customer to its <C>pay_page_url</C>. For a merchant priced in
        EUR at a rate of 1.10 USD per EUR, <C>amount.usdc_micro</C> is <C>&quot;27500000&quot;</C> (27.5 USDC; a few
        micro-units may be added so that open requests to one wallet never share an exact amount).
      </p>
      <H2>Next</H2>
      <ul className="list-disc pl-6">
        <li>Poll <C>GET /api/v1/requests/:id</C> for <C>proof_status</C>, or better, register a webhook endpoint.</li>
        <li>Retrying the same call with the same <C>idempotency_key</C> returns the same request with <C>&quot;idempotent_replay&quot;: true</C>.</li>
        <li>From Node.js, the <Link className="text-blue-700 underline" href="/docs/sdk">SDK</Link> does all of this with types, retries and webhook verification.</li>
      </ul>
    </Page>
  );
}
