import { C, H2, Page } from "../_components/doc";

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
        Each billing period, a job creates one request per subscriber with an idempotency key made of the subscription id
        and period, so a re-run of the job never bills twice. Extend the subscription on the verified webhook.
      </p>
      <H2>Provisioning merchants (PSPs, marketplaces)</H2>
      <p>
        Create the merchant with the Merchants API when the seller signs up with you, redirect them to{" "}
        <C>onboarding_url</C> with a <C>return_url</C> back to your app, and wait for <C>merchant.onboarding_completed</C>{" "}
        before creating requests.
      </p>
      <H2>Reconciliation</H2>
      <p>
        Nightly, list <C>GET /api/v1/requests?proof_status=verified&amp;since=…&amp;until=…</C> and walk pages by{" "}
        <C>has_more</C>. Moving the <C>since</C>/<C>until</C> window stays correct while new requests arrive. Compare with
        the webhooks you recorded; anything missing can be replayed from <C>/api/v1/events</C>.
      </p>
    </Page>
  );
}
