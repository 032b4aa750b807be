import { C, Code, H2, Page, Table } from "../_components/doc";

export const metadata = { title: "Requests API — JoPay docs" };

export default function RequestsDocs() {
  return (
    <Page title="Requests API" lead="Create, get, list and cancel payment requests. Required scopes: requests:write to create and cancel, requests:read to read.">
      <H2>Create a request</H2>
      <p><C>POST /api/v1/requests/create</C> answers <C>201</C> with the request, or <C>200</C> with <C>&quot;idempotent_replay&quot;: true</C> for a replay.</p>
      <Table
        head={["Field", "Type", "Rules"]}
        rows={[
          [<C key="a">merchant_id</C>, "uuid", "Required. A merchant of your partner in your key's mode; otherwise 404."],
          [<C key="b">fiat_amount_int</C>, "integer", "Required. Minor units of the merchant's currency; 1 … 2,147,483,647."],
          [<C key="c">fiat_currency_code</C>, "ISO 4217", "Optional assertion. If it differs from the merchant's currency (its display currency, else your partner's): 400 currency_mismatch with expected_fiat_code."],
          [<C key="d">memo</C>, "string", "≤ 500 characters, shown on the pay page."],
          [<C key="e">idempotency_key</C>, "string", "32–64 characters of base64url or hex; else 400 invalid_idempotency_key."],
          [<C key="f">metadata</C>, "object", "String → string; ≤ 20 keys, keys ≤ 40 characters, values ≤ 500. Returned on every read and in webhooks."],
          [<C key="g">payment_mode</C>, "pos | invoice", "Default pos. Invoice requires customer_name and defaults to a 7-day expiry."],
          [<C key="h">customer_name</C>, "string", "≤ 200 characters; required in invoice mode."],
          [<C key="i">customer_email</C>, "string", "≤ 254 characters, an email address."],
          [<C key="j">customer_phone</C>, "string", "≤ 50 characters."],
          [<C key="k">expiry_minutes</C>, "integer", "One of your partner's allowed values (else 400 expiry_not_allowed with allowed_expiry_minutes). Default: your partner's POS expiry, or 10080 for invoices."],
        ]}
      />
      <p>
        Unknown fields are rejected, and a <C>validation_error</C> lists every failing field in <C>details</C>. The merchant
        must have finished onboarding (<C>merchant_onboarding_incomplete</C>) and not be disabled (<C>merchant_disabled</C>).
      </p>
      <H2>Amounts</H2>
      <p>
        <C>usdc_micro = ceil(fiat_amount_int × rate × 10^(6 − exponent))</C>, computed exactly in integers, where the rate is
        USD per 1 unit of the currency and the exponent is the ISO 4217 one (JPY 0, EUR 2, KWD 3). The rate, its source and
        time are stored on the request and returned in <C>fx</C>. Open requests to one wallet never share an exact amount:
        up to 99 micro-units (0.000099 USDC) may be added. If no fresh rate is available you get <C>503 fx_unavailable</C>;
        see <C>GET /api/v1/fx/rates?currency=EUR</C>.
      </p>
      <H2>Idempotency</H2>
      <p>
        Keys are scoped to (partner, merchant, key). The same key on the same merchant returns the original request
        unchanged, even if the new call had a different amount or metadata, with <C>&quot;idempotent_replay&quot;: true</C>.
        The same key on another merchant creates a new request. This holds when retries race each other: twenty
        simultaneous calls with one key create one request and get twenty answers naming it. Without a key every call
        creates a new request, so always send one in production.
      </p>
      <H2>Get, list, cancel</H2>
      <Code>{`
GET  /api/v1/requests/:id
GET  /api/v1/requests?status=requested&proof_status=verified&merchant_id=…&since=2026-04-01&until=2026-05-01&limit=50&offset=0
POST /api/v1/requests/:id/cancel
`}</Code>
      <p>
        Lists are newest first; <C>since</C> is inclusive, <C>until</C> exclusive; <C>limit</C> ≤ 100 (default 50). Paginate
        with <C>has_more</C>, not the page length. For reconciliation, move a <C>since</C> cursor instead of a large
        offset. Cancel works only while <C>status</C> is <C>requested</C> and <C>proof_status</C> is <C>none</C>; otherwise
        <C>409 cannot_cancel</C> returns the current <C>request</C>. A successful cancel sends a <C>request.voided</C> webhook.
      </p>
    </Page>
  );
}
