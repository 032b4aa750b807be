// Calls any /api/v1 operation from its declaration alone: the path's ids and the example's ids are
// replaced by real objects of the tenant, in the mode asked for. The scope, isolation and fuzz
// walks (test/api/) go over every operation through this, so a new operation is walked as soon
// as it is declared — an operation without the example its required fields need fails here.
import { randomBytes } from "node:crypto";
import { expect } from "vitest";
import { operations } from "@/lib/api/operations";
import { EXAMPLE_IDS, EXAMPLE_WALLET, EXAMPLE_WEBHOOK_URL } from "@/lib/api/operations/example-values";
import type { ApiOperation } from "@/lib/api/operations/operation";
import { pathResources, type Resource } from "@/lib/api/operations/path-ids";
import { db } from "@/lib/db";
import { makeTenant } from "@/test/api/helpers";
import { call, type CallResult } from "./call-route";
import { randomWallet } from "./fixtures";

export type Tenant = Awaited<ReturnType<typeof makeTenant>>;
export type Mode = "live" | "test";
/**
 * One object of each kind. `merchant` is onboarded (bodies and queries name it: a request is made
 * for it); `shellMerchant` has not finished onboarding and is the one paths name, since a fresh
 * onboarding link is only for a merchant still onboarding and every other merchant path takes either.
 */
export type Ids = Record<Resource, string> & { shellMerchant: string };

/** Registered by walks; nothing listens there (and JOPAY_ALLOW_PRIVATE_WEBHOOKS admits it in tests). */
export const WALK_WEBHOOK_URL = "http://127.0.0.1:9/walk-hook";

/** The operations a partner key can call (the OpenAPI document itself is public). */
export const keyedOperations = operations.filter((op) => op.scope !== "public");

export const keyFor = (t: Tenant, mode: Mode) => (mode === "live" ? t.liveKey : t.testKey);

/** Which mode an operation is walked in by default: test for test-mode-only ones. */
export const modeOf = (op: ApiOperation): Mode => (op.testModeOnly ? "test" : "live");

/**
 * A fresh object of every kind in one mode of the tenant, made through the API: a request, an
 * endpoint (disabled unless asked: a disabled one queues no delivery a worker elsewhere would
 * change), the onboarded merchant, an event, and a paid request with one refund asked for (1 micro
 * of it, so the rest stays refundable).
 */
export async function makeObjects(t: Tenant, mode: Mode, opts: { enabledEndpoint?: boolean } = {}): Promise<Ids> {
  const key = keyFor(t, mode);
  const merchant = mode === "live" ? t.merchant.id : t.testMerchant.id;
  const request = await call("POST", "/api/v1/requests/create", { key, body: { merchant_id: merchant, fiat_amount_int: 100 } });
  const endpoint = await call("POST", "/api/v1/webhook_endpoints", { key, body: { url: WALK_WEBHOOK_URL } });
  const shell = await call("POST", "/api/v1/merchants", { key, body: {} });
  expect([request.status, endpoint.status, shell.status], `${request.text} ${endpoint.text} ${shell.text}`).toEqual([201, 201, 201]);
  const endpointId = endpoint.body.webhook_endpoint_id as string;
  if (!opts.enabledEndpoint) await db.webhookEndpoint.update({ where: { id: endpointId }, data: { disabled: true } });
  // Onboarding the fixture merchant emitted merchant.onboarding_completed in its mode.
  const event = await db.event.findFirstOrThrow({ where: { partnerId: t.partner.id, testMode: mode === "test" }, orderBy: { createdAt: "asc" } });
  const paid = await paidRequest(key, merchant, mode);
  const refund = await call("POST", `/api/v1/requests/${paid}/refunds`, { key, body: { amount_usdc_micro: "1", to_address: randomWallet() } });
  expect(refund.status, refund.text).toBe(201);
  return {
    request: request.body.request_id as string, merchant, shellMerchant: shell.body.merchant_id as string, webhook_endpoint: endpointId, event: event.id,
    paid_request: paid, refund: refund.body.refund_id as string,
  };
}

/**
 * A request with a verified payment: simulate_payment in test mode; in live mode (no chain here)
 * a verified, final proof written directly, as settleProof would leave it.
 */
async function paidRequest(key: string, merchant: string, mode: Mode): Promise<string> {
  const created = await call("POST", "/api/v1/requests/create", { key, body: { merchant_id: merchant, fiat_amount_int: 100 } });
  expect(created.status, created.text).toBe(201);
  const id = created.body.request_id as string;
  if (mode === "test") {
    const paid = await call("POST", `/api/v1/requests/${id}/simulate_payment`, { key, body: { outcome: "paid" } });
    expect(paid.status, paid.text).toBe(200);
    return id;
  }
  const r = await db.paymentRequest.findUniqueOrThrow({ where: { id } });
  const hash = `0x${randomBytes(32).toString("hex")}`;
  const now = new Date();
  await db.proof.create({
    data: {
      requestId: id, chainId: r.chainId, txHash: hash, activeTxHash: hash, source: "simulated", simulated: true, outcome: "verified",
      expectedMicro: r.usdcMicro, receivedMicro: r.usdcMicro, overpaidMicro: 0n, verifiedAt: now, finalizedAt: now,
    },
  });
  await db.paymentRequest.update({ where: { id }, data: { proofStatus: "verified", txHash: hash, proofVerifiedAt: now } });
  return id;
}

/** The example with its example ids swapped for `ids` and the example webhook URL for ours. */
function substitute(value: unknown, ids: Ids): unknown {
  if (typeof value === "string") {
    if (value === EXAMPLE_WEBHOOK_URL) return WALK_WEBHOOK_URL;
    if (value === EXAMPLE_WALLET) return randomWallet();
    const resource = (Object.keys(EXAMPLE_IDS) as Resource[]).find((r) => EXAMPLE_IDS[r] === value);
    return resource ? ids[resource] : value;
  }
  if (Array.isArray(value)) return value.map((v) => substitute(v, ids));
  if (value && typeof value === "object") return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, substitute(v, ids)]));
  return value;
}

export interface OperationCall {
  method: string;
  /** Path with query. */
  path: string;
  body: Record<string, unknown> | undefined;
}

/** A valid call of `op` on `ids` (the path's ids and the example's ids are taken from it). */
export function validCall(op: ApiOperation, ids: Ids): OperationCall {
  let path = op.path;
  for (const { name, resource } of pathResources(op.path)) {
    path = path.replace(`{${name}}`, encodeURIComponent(resource === "merchant" ? ids.shellMerchant : ids[resource]));
  }
  const query = substitute(op.example?.query ?? {}, ids) as Record<string, string>;
  const qs = new URLSearchParams(query).toString();
  const body = op.body ? ((substitute(op.example?.body ?? {}, ids) as Record<string, unknown>)) : undefined;
  return { method: op.method.toUpperCase(), path: qs ? `${path}?${qs}` : path, body };
}

export function send(c: OperationCall, key: string, extra: { headers?: Record<string, string> } = {}): Promise<CallResult> {
  return call(c.method, c.path, { key, body: c.body, headers: extra.headers });
}

/** Every id in `ids`, for "does this response mention another tenant's object" checks. */
export const idList = (ids: Ids) => Object.values(ids);
