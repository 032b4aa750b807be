import Link from "next/link";
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
        an amount tag of 0 to 9,999 micro-units (under one cent) may be added, so that a transfer of exactly{" "}
        <C>usdc_micro</C> identifies its request (
        <Link className="text-blue-700 underline" href="/docs/matching#amount-tags">
          amount tags
        </Link>
        ). If no fresh rate is available you get <C>503 fx_unavailable</C>; see <C>GET /api/v1/fx/rates?currency=EUR</C>.
      </p>
      <H2>Idempotency</H2>
      <p>
        Keys are scoped to (partner, merchant, key). The same key on the same merchant returns the original request
        unchanged, even if the new call had a different amount or metadata, with <C>&quot;idempotent_replay&quot;: true</C>.
        The same key on another merchant creates a new request. This holds when retries race each other: twenty
        simultaneous calls with one key create one request and get twenty answers naming it. Without a key every call
        creates a new request, so always send one in production.
      </p>
      <p>
        The key may travel as the <C>Idempotency-Key</C> request header instead of the body field, as most HTTP clients and
        SDKs send it: the same rules, the same replay. Sending both with different values is{" "}
        <C>400 validation_error</C> naming <C>idempotency_key</C>.
      </p>
      <H2>Get, list, cancel</H2>
      <Code>{`
GET  /api/v1/requests/:id
GET  /api/v1/requests?status=requested&proof_status=verified&merchant_id=…&since=2026-04-01&until=2026-05-01&limit=50&offset=0
POST /api/v1/requests/:id/cancel
`}</Code>
      <p>
        Lists are newest first; <C>since</C> is inclusive, <C>until</C> exclusive; <C>limit</C> ≤ 100 (default 50). Paginate
        with <C>has_more</C>, not the page length. To walk a long list, pass the last <C>request_id</C> of a page as{" "}
        <C>starting_after</C>: the order (created_at, then request_id) is fixed, so new requests never shift it; for
        reconciliation filter on <C>proof_verified_since</C>/<C>proof_verified_until</C> (see{" "}
        <a className="underline" href="/docs/integration-patterns">Integration patterns</a>). Cancel works only while <C>status</C> is <C>requested</C> and <C>proof_status</C> is <C>none</C>; otherwise{" "}
        <C>409 cannot_cancel</C> returns the current <C>request</C>. A successful cancel sends a <C>request.voided</C> webhook.
      </p>
      <H2 id="proof">The proof object</H2>
      <p>
        <C>proof_status</C> goes <C>none</C> → <C>attached</C> (a transaction hash was offered) → <C>verified</C>. A rejected
        proof returns the request to <C>none</C> (or to <C>attached</C> while another of its proofs is pending), and a
        verified payment removed by a reorg returns it to <C>attached</C>. <C>tx_hash</C> on the request is the hash of its
        current proof, <C>null</C> when it has none.
      </p>
      <p>
        <C>proof</C> is the request&apos;s <strong>latest proof, whatever its outcome</strong> — including a rejected one — on{" "}
        <C>GET /api/v1/requests/:id</C>, in the list and in every webhook; <C>null</C> only when no hash was ever attached. So
        after a rejection the request shows <C>proof_status: &quot;none&quot;</C> and <C>tx_hash: null</C>, and{" "}
        <C>proof</C> still says which transaction was refused and why:
      </p>
      <Code>{`
"proof_status": "none",
"tx_hash": null,
"proof": {
  "tx_hash": "0x4f1c…",
  "chain_id": 8453,
  "status": "rejected",
  "rejection_reason": "underpaid",
  "confirmations": 10,
  "expected_usdc_micro": "27500042",
  "received_usdc_micro": "20000000",
  "overpaid_usdc_micro": null,
  "late": false,
  "simulated": false,
  "created_at": "2026-11-21T10:14:55.310Z",
  "finalized_at": null
}
`}</Code>
      <Table
        head={["Field", "Meaning"]}
        rows={[
          [<C key="a">status</C>, "pending (being checked), verified, or rejected."],
          [
            <C key="b">rejection_reason</C>,
            <>
              Why a rejected proof was refused, else null: underpaid, matches_other_request, self_transfer, not_found, reverted,
              no_matching_transfer, wrong_token, wrong_recipient, before_request, wrong_chain, superseded (
              <Link className="text-blue-700 underline" href="/docs/webhooks#rejection-reasons">
                meanings
              </Link>
              ).
            </>,
          ],
          [<C key="c">confirmations</C>, "Confirmations when last checked; null before the receipt was found."],
          [<C key="d">expected_usdc_micro</C>, "The request's usdc_micro when the proof was attached."],
          [<C key="e">received_usdc_micro</C>, "What the transaction paid the request's wallet (USDC, from senders other than the wallet); null until read."],
          [<C key="f">overpaid_usdc_micro</C>, "For a verified proof, received minus expected (\"0\" for an exact payment); null otherwise."],
          [<C key="g">late</C>, "The payment was mined after expires_at and still accepted."],
          [<C key="h">simulated</C>, "Made by POST /api/v1/requests/:id/simulate_payment (test mode); never on a chain."],
          [<C key="i">created_at</C>, "When the hash was attached."],
          [
            <C key="j">finalized_at</C>,
            <>
              When a verified payment&apos;s block became final, so no reorg can remove it; null until then. Until it is set, a{" "}
              <C>payment.reversed</C> is possible (
              <Link className="text-blue-700 underline" href="/docs/matching#finality">
                finality
              </Link>
              ). Wait for it before releasing high-value goods.
            </>,
          ],
        ]}
      />
      <p>
        Which request a transaction pays — by its payment reference, else by its exact amount — is explained in{" "}
        <Link className="text-blue-700 underline" href="/docs/matching">
          How JoPay matches payments
        </Link>
        .
      </p>

      <H2 id="refunds">Refunds</H2>
      <p>
        A verified payment — late and overpaid ones included — can be refunded in full or in parts. The merchant refunds from its
        dashboard; you can ask for a refund, which the merchant then approves or declines. Either way the merchant&apos;s wallet
        sends the USDC (JoPay never holds keys) and JoPay verifies the transfer on chain like a payment. The refunds of a payment
        that are not cancelled or rejected never add up to more than it received.
      </p>
      <Code>{`
POST /api/v1/requests/{request_id}/refunds
Authorization: Bearer jo_live_…
Content-Type: application/json
Idempotency-Key: 5f0c8a52e1b64b2a9d3e7c41a0b6f9d2

{ "amount_usdc_micro": "5000000", "reason": "Item returned" }
`}</Code>
      <p>
        Scope <C>requests:write</C>. Omit <C>amount_usdc_micro</C> to refund everything still refundable. The refund goes to the
        payer (the sender of the verified transfer); <C>to_address</C> is needed only for a payment without a recorded payer (a
        simulated one) — with a known payer only the payer&apos;s own address is accepted, and the merchant alone may choose another. The answer (201) is the refund in status <C>requested</C>, and <C>refund.requested</C> is sent; more than what is
        left is 409 <C>refund_exceeds_received</C> with <C>refundable_usdc_micro</C>, a request without a verified payment 409{" "}
        <C>request_not_refundable</C>. <C>GET /api/v1/requests/:id/refunds</C> lists them; every request object carries them in{" "}
        <C>refunds</C>. With a test key, <C>POST /api/v1/requests/:id/refunds/:refund_id/simulate</C> settles one without a chain.
      </p>
      <Table
        head={["status", "Meaning"]}
        rows={[
          [<C key="a">requested</C>, "You asked for it; the merchant approves (awaiting_transfer) or declines (cancelled) it."],
          [<C key="b">awaiting_transfer</C>, "Approved, or created by the merchant: its wallet is to send it."],
          [<C key="c">submitted</C>, "The wallet sent it; JoPay is verifying the transaction on chain (and again after a reorg removed it)."],
          [<C key="d">verified</C>, <>Verified on chain: <C>payment.refunded</C>. Final once <C>finalized_at</C> is set.</>],
          [<C key="e">rejected</C>, <>The transaction did not move the refund&apos;s USDC; <C>rejection_reason</C> says why. It no longer counts against the payment.</>],
          [<C key="f">cancelled</C>, "Declined or withdrawn before it was sent. It no longer counts against the payment."],
        ]}
      />
    </Page>
  );
}
