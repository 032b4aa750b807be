// What the merchant dashboard reads and creates. Every function takes the signed-in merchant and
// filters by its id (plus its partner and mode, which a merchant's requests always share), so a
// merchant can never reach another merchant's request — not even by guessing an id.
import { db } from "@/lib/db";
import type { Event, Merchant, Partner, PaymentRequest } from "@/lib/generated/prisma/client";
import { UUID_RE } from "@/lib/ids";
import { createRequest } from "@/lib/requests/create-request";
import type { CreateRequestFields } from "@/lib/schemas/request";

export interface DashboardSubject {
  merchant: Merchant;
  partner: Partner;
}

const ownWhere = (m: Merchant) => ({ merchantId: m.id, partnerId: m.partnerId, testMode: m.testMode });

export interface RequestFilters {
  status?: PaymentRequest["status"];
  proofStatus?: PaymentRequest["proofStatus"];
  paymentMode?: PaymentRequest["paymentMode"];
  limit?: number;
  offset?: number;
}

export async function listMerchantRequests(m: Merchant, f: RequestFilters = {}) {
  const limit = Math.min(Math.max(f.limit ?? 50, 1), 100);
  const rows = await db.paymentRequest.findMany({
    where: {
      ...ownWhere(m),
      ...(f.status ? { status: f.status } : {}),
      ...(f.proofStatus ? { proofStatus: f.proofStatus } : {}),
      ...(f.paymentMode ? { paymentMode: f.paymentMode } : {}),
    },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    skip: Math.max(f.offset ?? 0, 0),
    take: limit + 1,
  });
  return { requests: rows.slice(0, limit), hasMore: rows.length > limit };
}

/** One of the merchant's own requests with its event timeline (oldest first); null otherwise. */
export async function getMerchantRequest(m: Merchant, id: string): Promise<{ request: PaymentRequest; events: Event[] } | null> {
  if (!UUID_RE.test(id)) return null;
  const request = await db.paymentRequest.findFirst({ where: { id, ...ownWhere(m) } });
  if (!request) return null;
  const events = await db.event.findMany({ where: { requestId: request.id, partnerId: m.partnerId }, orderBy: { createdAt: "asc" } });
  return { request, events };
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
