import Link from "next/link";
import { C, Code, H2, Page, Table } from "../_components/doc";

export const metadata = { title: "Webhooks — JoPay docs" };

export default function WebhooksDocs() {
  return (
    <Page
      title="Webhooks"
      lead="JoPay tells your server when something happens to a payment request or a merchant, with signed HTTPS POSTs that follow the Standard Webhooks specification."
    >
      <H2 id="endpoints">Register an endpoint</H2>
      <Code>{`
curl -X POST "$JOPAY_BASE_URL/api/v1/webhook_endpoints" \\
  -H "Authorization: Bearer $JOPAY_KEY" -H "Content-Type: application/json" \\
  -d '{"url": "'"$WEBHOOK_URL"'", "events": ["payment.proof_verified"]}'
`}</Code>
      <p>
        <C>WEBHOOK_URL</C> is your receiver, e.g. <C>https://your.app/webhooks/jopay</C>. Scope <C>webhooks:write</C>. The response (status 201) contains <C>secret</C> (<C>whsec_…</C>): store it now, it is
        never shown again. Omit <C>events</C> (or send <C>[]</C>) to receive every type, including types added later.
        Endpoints belong to the key&apos;s mode: a <C>jo_test_</C> key registers endpoints that receive only test-mode events.
      </p>
      <p>
        The URL must be <C>https</C> and its host must resolve to public addresses only; JoPay checks this when you register
        it and again on every connection, and never follows redirects. Manage endpoints with{" "}
        <C>GET /api/v1/webhook_endpoints</C>, <C>GET</C>/<C>PATCH</C>/<C>DELETE /api/v1/webhook_endpoints/:id</C> (change{" "}
        <C>url</C>, <C>description</C>, <C>events</C>, or <C>disabled</C>).
      </p>

      <H2 id="events">Events</H2>
      <Table
        head={["Type", "When", "data"]}
        rows={[
          [<C key="a">payment.proof_attached</C>, "A transaction hash was attached to a request (by you, the customer, or JoPay's watcher).", "request"],
          [<C key="b">payment.proof_verified</C>, "The transfer is confirmed on-chain, belongs to this request and covers the amount. Fulfil the order on this one (for high-value goods, see finality below). Sent again if a reversed payment is mined again.", "request"],
          [
            <C key="c">payment.proof_rejected</C>,
            <>
              The attached transaction does not pay the request — <C>proof.rejection_reason</C> says why (
              <a className="text-blue-700 underline" href="#rejection-reasons">reasons</a>); proof_status is back to none (or attached while
              another proof is pending).
            </>,
            "request",
          ],
          [<C key="r">payment.reversed</C>, <>A verified payment disappeared from the chain (a reorg) before its block was final; proof_status is back to attached (<a className="text-blue-700 underline" href="#reversed">what to do</a>).</>, "request"],
          [<C key="rf">payment.refunded</C>, <>A refund of the payment was verified on chain (<a className="text-blue-700 underline" href="#refunds">refunds</a>); <C>refund</C> beside <C>data</C> is the refund, <C>data.refunds</C> lists them all.</>, "request + refund"],
          [<C key="rr">payment.refund_reversed</C>, "A verified refund disappeared from the chain (a reorg) before its block was final; the refund is back to submitted.", "request + refund"],
          [<C key="rq">refund.requested</C>, "Your POST /api/v1/requests/:id/refunds was recorded; the refund waits for the merchant to approve or decline it.", "request + refund"],
          [<C key="d">request.expired</C>, "The request passed expires_at without a proof.", "request"],
          [<C key="e">request.voided</C>, "The request was cancelled.", "request"],
          [<C key="f">merchant.onboarding_completed</C>, "A merchant finished onboarding and can receive requests.", "merchant"],
          [<C key="g">merchant.wallet_changed</C>, "A merchant changed its payout wallet. Open requests keep the wallet they were created with.", "merchant"],
          [<C key="h">webhook.test</C>, "You asked for a test event (API or console). Sent only to the endpoint you chose; you cannot subscribe to it.", "{ webhook_endpoint_id, message }"],
        ]}
      />

      <H2 id="payload">Payload</H2>
      <p>
        Every delivery is a <C>POST</C> with <C>Content-Type: application/json</C>. <C>data</C> is exactly the object the REST
        API returns for the request or merchant — <C>metadata</C> included, so you can match <C>data.metadata.order_id</C>{" "}
        to your order without a mapping table.
      </p>
      <Code>{`
POST /webhooks/jopay HTTP/1.1
webhook-id: evt_0193a8c4e2b07c3f9d1e5a7b2c4d6e8f
webhook-timestamp: 1795000000
webhook-signature: v1,K5oZfzN95Z9UVu1EsfQmfVNQhnkZ2pj9o9NDN/H/pI4=
content-type: application/json

{
  "id": "evt_0193a8c4e2b07c3f9d1e5a7b2c4d6e8f",
  "type": "payment.proof_verified",
  "created_at": "2026-11-21T10:15:02.114Z",
  "test_mode": false,
  "data": {
    "request_id": "0193a8c1-…",
    "status": "opened",
    "proof_status": "verified",
    "tx_hash": "0x…",
    "amount": { "fiat_int": 2500, "fiat_code": "EUR", "usdc_micro": "27500000" },
    "metadata": { "order_id": "ORD-12345" },
    "…": "the rest of the request object"
  }
}
`}</Code>

      <p>
        Every type&apos;s exact body and headers are in the <C>webhooks</C> section of the{" "}
        <a className="text-blue-700 underline" href="/api/v1/openapi.json">OpenAPI 3.1 document</a>, generated from the same
        schemas the events are serialised through.
      </p>

      <H2 id="rejection-reasons">Why a proof was rejected</H2>
      <p>
        In <C>payment.proof_rejected</C>, <C>data.proof</C> is the rejected proof: <C>status: &quot;rejected&quot;</C>,{" "}
        <C>rejection_reason</C>, <C>expected_usdc_micro</C> and <C>received_usdc_micro</C>. The same proof stays visible on{" "}
        <C>GET /api/v1/requests/:id</C> and in the list until a newer proof replaces it. How JoPay decides is described in{" "}
        <Link className="text-blue-700 underline" href="/docs/matching">
          How JoPay matches payments
        </Link>
        .
      </p>
      <Table
        head={["rejection_reason", "Meaning"]}
        rows={[
          [<C key="a">underpaid</C>, "The transfer belongs to no other request and pays less than usdc_micro; compare expected_usdc_micro and received_usdc_micro."],
          [
            <C key="b">matches_other_request</C>,
            "The transfer belongs to another request — it carries that request's payment reference, or exactly the amount of another open " +
              "request to the same wallet. This request is not paid by it; JoPay attaches the transaction to the request it belongs to, " +
              "which gets its own events. Which request that is, is never revealed.",
          ],
          [<C key="c">self_transfer</C>, "The merchant's wallet sent USDC to itself: not a payment."],
          [<C key="d">not_found</C>, "The chain never returned a transaction with this hash within 1 hour of its attach (or of the reorg that removed it), while the RPC answered."],
          [<C key="e">reverted</C>, "The transaction failed on-chain."],
          [<C key="f">no_matching_transfer</C>, "The transaction has no USDC transfer to the request's wallet."],
          [<C key="g">wrong_token</C>, "It sent a token other than the request's USDC contract to the wallet."],
          [<C key="h">wrong_recipient</C>, "It sent USDC, but to another address."],
          [<C key="i">before_request</C>, "It was mined before the request was created."],
          [<C key="j">wrong_chain</C>, "The proof is not on the request's chain."],
          [<C key="k">superseded</C>, "The request is already paid by another proof: this one was pending alongside it, or is a second payment (the funds still reached the merchant's wallet)."],
        ]}
      />

      <H2 id="reversed">Reversed payments</H2>
      <p>
        A verified payment is re-checked until its block is final, and <C>proof.finalized_at</C> is set then. If the chain
        reorganises before that and the payment&apos;s transaction is no longer in it, JoPay sends <C>payment.reversed</C>: the
        same envelope and request object as every <C>payment.*</C> event, signed the same way. In it, <C>proof_status</C> is{" "}
        <C>attached</C>, <C>proof_verified_at</C> is <C>null</C>, and <C>proof.status</C> is <C>pending</C> with the same{" "}
        <C>tx_hash</C>, which stays reserved to this request.
      </p>
      <Code>{`
{
  "id": "evt_…",
  "type": "payment.reversed",
  "created_at": "2026-11-21T10:16:40.001Z",
  "test_mode": false,
  "data": {
    "request_id": "0193a8c1-…",
    "proof_status": "attached",
    "proof_verified_at": null,
    "tx_hash": "0x…",
    "metadata": { "order_id": "ORD-12345" },
    "proof": { "tx_hash": "0x…", "status": "pending", "rejection_reason": null, "finalized_at": null, "…": "…" },
    "…": "the rest of the request object"
  }
}
`}</Code>
      <p>What to do:</p>
      <ul className="list-disc pl-6">
        <li>treat the order as <strong>not paid</strong>: hold shipping or fulfilment if it has not happened; if it has, flag the order for review;</li>
        <li>
          keep listening: when the transaction is included again — usually within minutes — a <C>payment.proof_verified</C>{" "}
          for the same request and transaction follows; if it never comes back, a <C>payment.proof_rejected</C> with{" "}
          <C>not_found</C>;
        </li>
        <li>
          if your business needs finality, do not release goods on <C>payment.proof_verified</C> alone: check{" "}
          <C>GET /api/v1/requests/:id</C> for the value and, for high-value goods, wait until <C>proof.finalized_at</C> is
          non-null.
        </li>
      </ul>
      <p>
        Events are unordered: a late retry of <C>payment.proof_verified</C> can reach you after <C>payment.reversed</C>.
        Compare <C>created_at</C>, or read the request, before acting.
      </p>

      <H2 id="refunds">Refunds</H2>
      <p>
        A refund is sent by the merchant&apos;s own wallet — JoPay never holds keys — and verified on chain with the same rules as a
        payment: a USDC transfer of exactly the refund&apos;s amount from the wallet that was paid to the refund&apos;s{" "}
        <C>to_address</C>, with the chain&apos;s confirmations. Its events carry the refund beside <C>data</C>, and <C>data</C> is the
        request object with every refund in <C>refunds</C>:
      </p>
      <Code>{`
{
  "id": "evt_…",
  "type": "payment.refunded",
  "created_at": "2026-11-22T09:02:11.410Z",
  "test_mode": false,
  "data": {
    "request_id": "0193a8c1-…",
    "proof_status": "verified",
    "refunds": [{ "refund_id": "0193b0d2-…", "status": "verified", "amount_usdc_micro": "5000000", "…": "…" }],
    "…": "the rest of the request object"
  },
  "refund": {
    "refund_id": "0193b0d2-…",
    "status": "verified",
    "amount_usdc_micro": "5000000",
    "to_address": "0x…",
    "tx_hash": "0x…",
    "reason": "Item returned",
    "initiated_by": "partner",
    "rejection_reason": null,
    "simulated": false,
    "created_at": "2026-11-22T08:55:03.120Z",
    "verified_at": "2026-11-22T09:02:11.402Z",
    "finalized_at": null
  }
}
`}</Code>
      <p>
        Like a payment, a verified refund is re-checked until its block is final (<C>refund.finalized_at</C>); a reorg before that
        sends <C>payment.refund_reversed</C> and, when the transaction is mined again, <C>payment.refunded</C> once more. A refund whose
        transaction does not move the right USDC is <C>rejected</C> with a <C>rejection_reason</C>: <C>reverted</C>,{" "}
        <C>wrong_token</C>, <C>wrong_recipient</C>, <C>wrong_sender</C>, <C>amount_mismatch</C>, <C>before_refund</C> or{" "}
        <C>not_found</C>. See <Link className="text-blue-700 underline" href="/docs/requests#refunds">Requests: refunds</Link>.
      </p>

      <H2 id="verify">Verify the signature</H2>
      <p>
        <C>webhook-signature</C> is <C>v1,</C> followed by the base64 HMAC-SHA256 of <C>{"{webhook-id}.{webhook-timestamp}.{raw body}"}</C>,
        keyed with the base64-decoded part of your secret after <C>whsec_</C>. Verify against the <strong>raw bytes</strong>{" "}
        of the body, before any JSON parsing. The Standard Webhooks libraries do all of this, including rejecting timestamps
        more than 5 minutes away (replays). Node example with the <C>standardwebhooks</C> npm package:
      </p>
      <Code>{`
import express from "express";
import { Webhook } from "standardwebhooks";

const wh = new Webhook(process.env.JOPAY_WEBHOOK_SECRET); // "whsec_…"
const app = express();

app.post("/webhooks/jopay", express.raw({ type: "application/json" }), async (req, res) => {
  let event;
  try {
    event = wh.verify(req.body, req.headers); // throws on a bad signature or an old timestamp
  } catch {
    return res.status(400).send("invalid signature");
  }
  if (await alreadyProcessed(event.id)) return res.status(200).send("duplicate"); // webhook-id === event.id
  if (event.type === "payment.proof_verified") {
    await markOrderPaid(event.data.metadata.order_id, event.data.request_id);
  } else if (event.type === "payment.reversed") {
    await holdOrder(event.data.metadata.order_id, event.data.request_id); // not paid (yet): see "Reversed payments"
  }
  await rememberProcessed(event.id);
  res.status(200).send("ok");
});
`}</Code>
      <p>
        Libraries for other languages (Python, Go, Ruby, PHP, Java, …) are listed at{" "}
        <a className="text-blue-700 underline" href="https://www.standardwebhooks.com/">standardwebhooks.com</a>.
      </p>

      <H2 id="retries">Delivery and retries</H2>
      <p>
        A delivery succeeds when your endpoint answers with a <C>2xx</C> status within 15 seconds. Anything else — a{" "}
        <C>3xx</C> (redirects are not followed), <C>4xx</C>, <C>5xx</C>, a timeout or a connection error — is retried after
        these waits, each jittered by ±10 %:
      </p>
      <Table
        head={["Attempt", "1", "2", "3", "4", "5", "6", "7", "8"]}
        rows={[["Wait before it", "none", "5 s", "5 min", "30 min", "2 h", "5 h", "10 h", "10 h"]]}
      />
      <p>
        After the eighth failed attempt (about 28 hours) the delivery is marked <C>failed</C>. Answer <C>410 Gone</C> to tell
        JoPay to stop: the endpoint is disabled at once. An endpoint whose deliveries have all failed for 5 days is disabled
        too, and you get a notice in the partner console (and an email to your console members when the JoPay installation
        has email configured). Re-enable with <C>PATCH</C> <C>{`{"disabled": false}`}</C>.
      </p>
      <p>
        Respond quickly (queue the work and answer <C>200</C>) — a slow endpoint only slows its own deliveries, but every
        attempt that exceeds 15 s counts as a failure.
      </p>
      <p>
        JoPay sends up to 4 deliveries to one endpoint at a time. While an endpoint is failing, it gets one at a time,
        after the working endpoints: once an attempt succeeds, the backlog drains at full speed again.
      </p>

      <H2 id="idempotency">Handle duplicates and ordering</H2>
      <p>
        Delivery is <strong>at least once</strong> and <strong>unordered</strong>. The same event can arrive more than once
        (a retry after a timeout, a redelivery, a JoPay worker restarting mid-delivery); it always carries the same{" "}
        <C>webhook-id</C>, which equals the event&apos;s <C>id</C>. Record the ids you have processed and ignore repeats.
        Events can arrive out of order; <C>data</C> is the object&apos;s state when the event happened, so when order matters
        compare <C>created_at</C> or fetch the current state with <C>GET /api/v1/requests/:id</C>.
      </p>

      <H2 id="log">Event log and redelivery</H2>
      <p>
        <C>GET /api/v1/events?type=payment.proof_verified&amp;since=2026-11-01&amp;limit=50&amp;offset=0</C> lists your events
        (newest first, with <C>has_more</C>); <C>GET /api/v1/events/:id</C> shows one with every delivery attempt — status
        code, latency, the first 1 KiB of your response, and the error. Scope <C>webhooks:read</C>.
      </p>
      <Code>{`
curl -X POST "$JOPAY_BASE_URL/api/v1/events/$EVENT_ID/redeliver" \\
  -H "Authorization: Bearer $JOPAY_KEY"
`}</Code>
      <p>
        Redelivery (scope <C>webhooks:write</C>) queues the event again for every enabled endpoint subscribed to its type —
        or only <C>{`{"webhook_endpoint_id": "…"}`}</C> — with the <strong>same</strong> <C>webhook-id</C> and a fresh retry
        schedule, so your duplicate check still recognises it.
      </p>

      <H2 id="rotation">Rotate the secret</H2>
      <p>
        <C>POST /api/v1/webhook_endpoints/:id/rotate_secret</C> returns a new secret (shown once). For the next 24 hours
        every delivery is signed with both the new and the old secret (two space-separated <C>v1,</C> signatures), so you
        can deploy the new secret without failed verifications. <C>previous_secret_expires_at</C> on the endpoint shows
        when the old one stops signing.
      </p>

      <H2 id="test-event">Send a test event</H2>
      <Code>{`
curl -X POST "$JOPAY_BASE_URL/api/v1/webhook_endpoints/$ENDPOINT_ID/test" \\
  -H "Authorization: Bearer $JOPAY_KEY"
`}</Code>
      <p>
        Scope <C>webhooks:write</C>; the partner console has the same <strong>Send test event</strong> button on each
        endpoint. JoPay emits a <C>webhook.test</C> event and delivers it to <strong>this endpoint only</strong> — never to
        your other endpoints, whatever they subscribe to. It is signed, retried and logged like any event, appears in{" "}
        <C>GET /api/v1/events</C> (filter with <C>type=webhook.test</C>), and the response (status 201) is the event with its
        delivery. It changes nothing else, so handle it by verifying the signature and answering <C>200</C>:
      </p>
      <Code>{`
{
  "id": "evt_…",
  "type": "webhook.test",
  "created_at": "2026-11-21T10:15:02.114Z",
  "test_mode": false,
  "data": { "webhook_endpoint_id": "0193a8c1-…", "message": "A test event from JoPay. …" }
}
`}</Code>
      <p>A disabled endpoint is refused (<C>400 validation_error</C>): enable it first.</p>

      <H2 id="testing">Testing locally</H2>
      <p>
        Use a <C>jo_test_</C> key: test-mode requests emit the same events to your test-mode endpoints, and{" "}
        <C>POST /api/v1/requests/:id/simulate_payment</C> drives a request through a simulated payment. When you run JoPay
        yourself, <C>JOPAY_ALLOW_PRIVATE_WEBHOOKS=1</C> allows <C>http</C> and local addresses such as{" "}
        <C>http://localhost:4000/webhooks</C>; cloud metadata addresses stay refused.
      </p>
    </Page>
  );
}
