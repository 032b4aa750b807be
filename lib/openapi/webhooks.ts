// The OpenAPI 3.1 `webhooks` section (SPEC §7): one entry per subscribable event type, the POST
// JoPay makes to a partner's endpoint. Built from the same zod schemas the events are serialised
// through — the envelope is the Events API's `eventOutput`, `data` the REST object of the event's
// subject (emitEvent callers: serializeRequest for request events, serializeMerchant for merchant
// events) — so the documented payload cannot drift from the delivered one. The table is keyed by
// EVENT_TYPES: a new event type without an entry here is a compile error.
import { z, type ZodType } from "zod";
import { EVENT_TYPES } from "@/lib/events/event-types";
import { eventOutput } from "@/lib/schemas/event";
import { merchantOutput } from "@/lib/schemas/merchant";
import { webhookReceipt } from "@/lib/schemas/receipt";
import { refundOutput } from "@/lib/schemas/refund";
import { requestOutput } from "@/lib/schemas/request";
import { toSchema, type Json } from "./json-schema";

export const WEBHOOK_TAG = "Webhook events";
export const WEBHOOK_TAG_DESCRIPTION = "What JoPay POSTs to your endpoints, signed with Standard Webhooks headers.";

type SubscribableType = (typeof EVENT_TYPES)[number];

interface WebhookEventDoc {
  summary: string;
  description: string;
  /** The `data` object of the body. */
  data: ZodType;
  /** Whether the body carries the payment's signed `receipt` beside `data` (lib/receipts). */
  receipt?: true;
  /** Whether the body carries the `refund` the event is about beside `data` (lib/refunds). */
  refund?: true;
}

// lib/merchants/change-payout-wallet.ts: the merchant object plus the wallet it replaced.
const merchantWalletChangedData = merchantOutput.extend({
  previous_wallet_address: z.string().nullable().describe("The payout wallet before this change."),
});

const requestData = requestOutput.describe("The request object exactly as GET /api/v1/requests/{id} returns it (metadata included), with its latest proof.");
const merchantData = merchantOutput.describe("The merchant object exactly as GET /api/v1/merchants/{id} returns it.");

export const WEBHOOK_EVENTS: Record<SubscribableType, WebhookEventDoc> = {
  "payment.proof_attached": {
    summary: "A transaction was attached as proof",
    description:
      "A tx hash became a pending proof of the request — sent by your API call, pasted on the pay page, submitted by the customer's wallet, " +
      "or found by JoPay's transfer watcher. `proof_status` is `attached`, `proof.status` `pending`. Not a payment yet: wait for `payment.proof_verified`.",
    data: requestData,
  },
  "payment.proof_verified": {
    summary: "The payment was verified on chain",
    description:
      "The proof's USDC transfer belongs to this request and pays at least `amount.usdc_micro` (any overpayment in `proof.overpaid_usdc_micro`), " +
      "with the chain's required confirmations. `late: true` when it was mined after `expires_at`. `proof.finalized_at` stays null until the block is final; " +
      "before then a reorg can still remove the payment (`payment.reversed`). Sent again for the same request and tx when a reversed transaction is re-mined. " +
      "`receipt` is the payment's signed receipt (a new one for a re-mined transaction): verify it offline against /api/v1/receipts/jwks.json.",
    data: requestData,
    receipt: true,
  },
  "payment.proof_rejected": {
    summary: "A proof was refused",
    description:
      "`proof.status` is `rejected` and `proof.rejection_reason` says why (underpaid with `expected_usdc_micro` and `received_usdc_micro`, " +
      "`matches_other_request` when the transfer belongs to another request — which is not named —, `self_transfer`, `not_found`, …). " +
      "The request returns to `proof_status: none` and stays payable, or to `attached` when another proof of it is still pending.",
    data: requestData,
  },
  "payment.reversed": {
    summary: "A verified payment was removed by a reorg",
    description:
      "A verified payment disappeared from the chain before its block was final. The request is back to `proof_status: attached`, " +
      "its proof back to `pending` (the hash stays reserved to this request). Treat the order as not paid: hold fulfilment, or flag it for review " +
      "if already fulfilled. If the transaction is re-mined, `payment.proof_verified` follows for the same request and tx; if it never returns, " +
      "`payment.proof_rejected` with `not_found`. `receipt` is the receipt issued at verification, unchanged, with `status: reversed`.",
    data: requestData,
    receipt: true,
  },
  "payment.refunded": {
    summary: "A refund was verified on chain",
    description:
      "The merchant's wallet sent the refund: a USDC transfer of exactly `refund.amount_usdc_micro` from the wallet the payment went to " +
      "(`chain.receiving_wallet`) to `refund.to_address`, with the chain's required confirmations. `data.refunds` lists every refund of the payment. " +
      "`refund.finalized_at` stays null until the block is final; before then a reorg can still remove it (`payment.refund_reversed`).",
    data: requestData,
    refund: true,
  },
  "payment.refund_reversed": {
    summary: "A verified refund was removed by a reorg",
    description:
      "The refund's transaction disappeared from the chain before its block was final. The refund is back to `submitted` (its hash stays reserved to it): " +
      "if the transaction is re-mined, `payment.refunded` follows again; if it never returns, the refund is rejected with `not_found`.",
    data: requestData,
    refund: true,
  },
  "refund.requested": {
    summary: "A refund asked for through the API was recorded",
    description:
      "Acknowledges POST /api/v1/requests/{id}/refunds: the refund is `requested` and waits for the merchant to approve (and send) or decline it.",
    data: requestData,
    refund: true,
  },
  "request.expired": {
    summary: "The request expired unpaid",
    description: "`expires_at` passed with no payment. A payment that still arrives later is verified with `late: true`.",
    data: requestData,
  },
  "request.voided": {
    summary: "The request was cancelled",
    description: "Cancelled through POST /api/v1/requests/{id}/cancel or the partner console (only while `requested` with no proof); the pay page stops accepting payments.",
    data: requestData,
  },
  "merchant.onboarding_completed": {
    summary: "A merchant finished onboarding",
    description: "The merchant proved its wallet (EIP-4361), filled the required fields and accepted the terms; it can now receive requests.",
    data: merchantData,
  },
  "merchant.wallet_changed": {
    summary: "A merchant changed its payout wallet",
    description: "Signed by the new wallet. New requests pay `wallet_address`; requests already open keep the wallet they were created with.",
    data: merchantWalletChangedData,
  },
};

/** The Standard Webhooks v1 headers of every attempt (lib/webhooks/sign.ts). */
export const webhookHeaderSchemas = {
  "webhook-id": z
    .string()
    .regex(/^evt_[0-9a-f]{32}$/)
    .describe("The event id (`id` in the body). The same on every retry and redelivery: use it to drop duplicates (delivery is at-least-once)."),
  "webhook-timestamp": z
    .string()
    .regex(/^[0-9]+$/)
    .describe("Unix seconds of this attempt. Reject attempts far from your clock (e.g. more than 5 minutes) to stop replays."),
  "webhook-signature": z
    .string()
    .regex(/^v1,[A-Za-z0-9+/]+=*( v1,[A-Za-z0-9+/]+=*)*$/)
    .describe(
      'Space-separated `v1,<base64 HMAC-SHA256 of "{webhook-id}.{webhook-timestamp}.{raw body}">`, keyed with the base64-decoded part of your ' +
        "`whsec_…` secret. During a secret rotation both secrets sign; accept the attempt if any signature matches.",
    ),
} as const;

/** The body JoPay POSTs for `type`: the event envelope with the subject's object as `data`. */
export function webhookBody(type: SubscribableType): ZodType {
  const doc = WEBHOOK_EVENTS[type];
  // Optional even where issued: a payment verified before receipts existed has none.
  const withReceipt = doc.receipt ? eventOutput.extend({ receipt: webhookReceipt.optional() }) : eventOutput.omit({ receipt: true });
  const envelope = doc.refund ? withReceipt.extend({ refund: refundOutput }) : withReceipt.omit({ refund: true });
  return envelope.extend({ type: z.literal(type), data: doc.data });
}

function webhookObject(type: SubscribableType, components?: Record<string, Json>): Json {
  const doc = WEBHOOK_EVENTS[type];
  return {
    post: {
      operationId: `webhook_${type.replace(/\./g, "_")}`,
      summary: doc.summary,
      description: doc.description,
      tags: [WEBHOOK_TAG],
      // Receivers authenticate JoPay by the signature, not by a key.
      security: [],
      parameters: Object.entries(webhookHeaderSchemas).map(([name, schema]) => {
        const s = toSchema(schema, "output");
        return { name, in: "header", required: true, description: s.description, schema: s };
      }),
      requestBody: { required: true, content: { "application/json": { schema: toSchema(webhookBody(type), "output", components) } } },
      responses: {
        "2XX": { description: "Received. Answer any 2xx within 15 s (the body is ignored); do slow work after answering." },
        "410": { description: "Gone: JoPay disables the endpoint and stops sending to it." },
        default: {
          description:
            "Anything else — another status, a 3xx (redirects are not followed), a timeout or a refused connection — is a failed attempt, " +
            "retried at 5 s, 5 min, 30 min, 2 h, 5 h, 10 h and 10 h (jittered); an endpoint failing for 5 days is disabled.",
        },
      },
    },
  };
}

/**
 * The document's top-level `webhooks`, keyed by event type. Given the document's `components`, the
 * payloads' named objects (Request, Merchant, …) are the same components the paths use; without
 * it each payload keeps its definitions inline ($defs).
 */
export function webhookObjects(components?: Record<string, Json>): Record<SubscribableType, Json> {
  return Object.fromEntries(EVENT_TYPES.map((type) => [type, webhookObject(type, components)])) as Record<SubscribableType, Json>;
}
