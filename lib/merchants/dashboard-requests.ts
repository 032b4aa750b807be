// What the merchant dashboard reads and creates. Every function takes the signed-in merchant and
// filters by its id (plus its partner and mode, which a merchant's requests always share), so a
// merchant can never reach another merchant's request — not even by guessing an id.
import { db } from "@/lib/db";
import type { Event, Merchant, Partner, PaymentRequest, Prisma, Proof, Refund, WebhookDelivery } from "@/lib/generated/prisma/client";
import { UUID_RE } from "@/lib/ids";
import { refundsOf } from "@/lib/refunds/list-refunds";
import { payerOf } from "@/lib/refunds/payer-of";
import { refundableMicro } from "@/lib/refunds/refundable-amount";
import { createRequest } from "@/lib/requests/create-request";
import type { CreateRequestFields } from "@/lib/schemas/request";
import { paymentStateWhere, type PaymentState } from "./payment-state";
import { requestSearchWhere } from "./request-search";

export interface DashboardSubject {
  merchant: Merchant;
  partner: Partner;
}

const ownWhere = (m: Merchant) => ({ merchantId: m.id, partnerId: m.partnerId, testMode: m.testMode });

export interface RequestFilters {
  status?: PaymentRequest["status"];
  proofStatus?: PaymentRequest["proofStatus"];
  paymentMode?: PaymentRequest["paymentMode"];
  /** The shopkeeper's word for it (payment-state.ts), evaluated at `now`. */
  state?: PaymentState;
  /** The search box: memo, customer, amount, id or tx hash (request-search.ts). */
  q?: string;
  now?: Date;
  limit?: number;
  offset?: number;
}

export type RequestWithProofs = PaymentRequest & { proofs: Proof[] };

export async function listMerchantRequests(m: Merchant, f: RequestFilters = {}): Promise<{ requests: RequestWithProofs[]; hasMore: boolean }> {
  const limit = Math.min(Math.max(f.limit ?? 50, 1), 100);
  const search = requestSearchWhere(f.q);
  // The merchant's own scope is one AND branch the other filters cannot widen (their ORs nest inside).
  const and: Prisma.PaymentRequestWhereInput[] = [ownWhere(m)];
  if (f.status) and.push({ status: f.status });
  if (f.proofStatus) and.push({ proofStatus: f.proofStatus });
  if (f.paymentMode) and.push({ paymentMode: f.paymentMode });
  if (f.state) and.push(paymentStateWhere(f.state, f.now ?? new Date()));
  if (search) and.push(search);
  const rows = await db.paymentRequest.findMany({
    where: { AND: and },
    include: { proofs: { orderBy: [{ createdAt: "asc" }, { id: "asc" }] } },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    skip: Math.max(f.offset ?? 0, 0),
    take: limit + 1,
  });
  return { requests: rows.slice(0, limit), hasMore: rows.length > limit };
}

export interface MerchantRequestDetail {
  request: PaymentRequest;
  /** Oldest first. */
  events: Event[];
  /** Oldest first. */
  proofs: Proof[];
  /** The partner's webhook deliveries of those events, oldest first. */
  deliveries: WebhookDelivery[];
  /** Oldest first. */
  refunds: Refund[];
}

/** One of the merchant's own requests with what happened to it; null for anything else. */
export async function getMerchantRequest(m: Merchant, id: string): Promise<MerchantRequestDetail | null> {
  if (!UUID_RE.test(id)) return null;
  const request = await db.paymentRequest.findFirst({ where: { id, ...ownWhere(m) } });
  if (!request) return null;
  const [events, proofs, refunds] = await Promise.all([
    db.event.findMany({ where: { requestId: request.id, partnerId: m.partnerId }, orderBy: [{ createdAt: "asc" }, { id: "asc" }] }),
    db.proof.findMany({ where: { requestId: request.id }, orderBy: [{ createdAt: "asc" }, { id: "asc" }] }),
    refundsOf(request.id),
  ]);
  const deliveries = events.length
    ? await db.webhookDelivery.findMany({ where: { eventId: { in: events.map((e) => e.id) } }, orderBy: [{ createdAt: "asc" }, { id: "asc" }] })
    : [];
  return { request, events, proofs, deliveries, refunds };
}

export interface RefundOptions {
  /** What the verified payment can still refund (received minus refunds not cancelled or rejected). */
  refundableMicro: bigint;
  /** Where a refund goes by default: the verified transfer's sender; null for a simulated payment. */
  payer: string | null;
  simulated: boolean;
}

/** What a refund of the request's standing verified payment may be; null when it has none. */
export async function refundOptions(request: PaymentRequest, proofs: readonly Proof[]): Promise<RefundOptions | null> {
  const proof = request.txHash ? proofs.find((p) => p.txHash === request.txHash && p.outcome === "verified") : undefined;
  if (request.proofStatus !== "verified" || !proof || proof.receivedMicro === null) return null;
  const [left, payer] = await Promise.all([refundableMicro(db, proof), payerOf(db, proof.id)]);
  return { refundableMicro: left, payer, simulated: proof.simulated };
}

export type DashboardRequestInput = Omit<CreateRequestFields, "merchant_id" | "idempotency_key" | "fiat_currency_code">;

/**
 * A payment link from the dashboard: the same createRequest as the partner API (STYLE), for the
 * signed-in merchant only, recorded as createdVia "dashboard". Disabled merchants are refused there
 * (seeds: "Disabled merchants can't create new payment requests").
 */
export async function createDashboardRequest(s: DashboardSubject, input: DashboardRequestInput) {
  const { request } = await createRequest(
    { partner: s.partner, testMode: s.merchant.testMode, createdVia: "dashboard" },
    { ...input, merchant_id: s.merchant.id },
  );
  return request;
}
