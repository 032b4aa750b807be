// Console audit rows commit in the same transaction as the change they record (SPEC §8): every
// domain function a console action calls takes the action's audit entry and writes it with its own
// transaction client. An audit write that fails rolls the change back — and with it the event — and
// a successful one leaves both. The API passes no audit and behaves as before (its suites).
import { randomBytes } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import type { AuditFor } from "@/lib/audit/record";
import { db } from "@/lib/db";
import { emitEvent } from "@/lib/events/emit-event";
import type { User } from "@/lib/generated/prisma/client";
import { createMerchant } from "@/lib/merchants/create-merchant";
import { createOnboardingLink } from "@/lib/merchants/create-onboarding-link";
import * as admin from "@/lib/console/actions/admin";
import { cancelRequest } from "@/lib/requests/cancel-request";
import { createRequest } from "@/lib/requests/create-request";
import { createMerchantInput } from "@/lib/schemas/merchant";
import { createWebhookEndpoint } from "@/lib/webhooks/create-endpoint";
import { redeliverEvent } from "@/lib/webhooks/redeliver-event";
import { rotateEndpointSecret } from "@/lib/webhooks/rotate-endpoint-secret";
import { sendTestEvent } from "@/lib/webhooks/send-test-event";
import { updateWebhookEndpoint } from "@/lib/webhooks/update-endpoint";
import { createUser } from "@/lib/users/create-user";
import { makeOnboardedMerchant, makePartner, uniq } from "../support/fixtures";
import { insertRequest } from "../support/request-fixtures";
import { makeUser, sessionFor } from "./support";

class AuditDown extends Error {}
/** An audit write that fails inside the transaction. */
const failing = (): AuditFor<unknown> => () => {
  throw new AuditDown("audit log unavailable");
};

let partnerId: string;
let actor: User;
const scope = () => ({ partnerId, testMode: false });
const entry = (action: string): AuditFor<{ id: string } | unknown> => () => ({ actor, action, partnerId, targetType: "test", targetId: null });
const audited = (action: string) => db.auditLog.count({ where: { partnerId, action } });

beforeAll(async () => {
  partnerId = (await makePartner()).partner.id;
  actor = await createUser({ email: `${uniq("auditor")}@example.test`, password: "correct horse battery", role: "partner_member", partnerId });
});

async function endpoint() {
  return (await createWebhookEndpoint(scope(), { url: "http://127.0.0.1:9/hook", description: null, events: [] })).endpoint;
}

describe("audit in the change's transaction", () => {
  it("cancelRequest: a failing audit leaves the request open with no request.voided event; a good one commits all three", async () => {
    const merchant = await makeOnboardedMerchant(partnerId);
    const request = await insertRequest({ partnerId, merchantId: merchant.id, usdcMicro: 1_000_000n, receivingWallet: merchant.walletAddress!, chainId: 31337, usdcContract: `0x${"2".repeat(40)}` });
    await expect(cancelRequest(scope(), request.id, { audit: failing() })).rejects.toBeInstanceOf(AuditDown);
    expect((await db.paymentRequest.findUniqueOrThrow({ where: { id: request.id } })).status).toBe("requested");
    expect(await db.event.count({ where: { requestId: request.id } })).toBe(0);

    const voided = await cancelRequest(scope(), request.id, { audit: entry("t.cancel") });
    expect(voided.status).toBe("voided");
    expect(await db.event.count({ where: { requestId: request.id, type: "request.voided" } })).toBe(1);
    expect(await audited("t.cancel")).toBe(1);
  });

  it("createMerchant and createOnboardingLink roll back with their audit", async () => {
    const before = await db.merchant.count({ where: { partnerId } });
    await expect(createMerchant(scope(), createMerchantInput.parse({ business_name: "Never" }), { audit: failing() })).rejects.toBeInstanceOf(AuditDown);
    expect(await db.merchant.count({ where: { partnerId } })).toBe(before);
    const { merchant } = await createMerchant(scope(), createMerchantInput.parse({ business_name: "Kept" }), { audit: entry("t.merchant") });
    expect(await audited("t.merchant")).toBe(1);

    const tokens = () => db.onboardingToken.count({ where: { merchantId: merchant.id } });
    const n = await tokens();
    await expect(createOnboardingLink(scope(), merchant.id, null, { audit: failing() })).rejects.toBeInstanceOf(AuditDown);
    expect(await tokens()).toBe(n);
    await createOnboardingLink(scope(), merchant.id, null, { audit: entry("t.link") });
    expect(await tokens()).toBe(n + 1);
    expect(await audited("t.link")).toBe(1);
  });

  it("webhook endpoints: create, rotate and disable roll back with their audit", async () => {
    const count = () => db.webhookEndpoint.count({ where: { partnerId } });
    const n = await count();
    await expect(createWebhookEndpoint(scope(), { url: "http://127.0.0.1:9/never", description: null, events: [] }, { audit: failing() })).rejects.toBeInstanceOf(AuditDown);
    expect(await count()).toBe(n);

    const e = await endpoint();
    await expect(rotateEndpointSecret(scope(), e.id, new Date(), { audit: failing() })).rejects.toBeInstanceOf(AuditDown);
    expect(await db.webhookEndpoint.findUniqueOrThrow({ where: { id: e.id } })).toMatchObject({ secretSealed: e.secretSealed, previousSecretSealed: null });

    await expect(updateWebhookEndpoint(scope(), e.id, { disabled: true }, { audit: failing() })).rejects.toBeInstanceOf(AuditDown);
    expect((await db.webhookEndpoint.findUniqueOrThrow({ where: { id: e.id } })).disabled).toBe(false);
    await updateWebhookEndpoint(scope(), e.id, { disabled: true }, { audit: entry("t.disable") });
    expect((await db.webhookEndpoint.findUniqueOrThrow({ where: { id: e.id } })).disabled).toBe(true);
    expect(await audited("t.disable")).toBe(1);
  });

  it("redeliverEvent and sendTestEvent queue nothing when their audit fails", async () => {
    const e = await endpoint();
    const event = await db.$transaction((tx) => emitEvent(tx, { partnerId, testMode: false, type: "request.expired", data: { request_id: uniq("r") } }));
    await db.webhookDelivery.updateMany({ where: { eventId: event.id }, data: { status: "failed" } });
    await expect(redeliverEvent(scope(), event.id, { webhook_endpoint_id: e.id }, new Date(), { audit: failing() })).rejects.toBeInstanceOf(AuditDown);
    expect((await db.webhookDelivery.findFirstOrThrow({ where: { eventId: event.id, endpointId: e.id } })).status).toBe("failed");
    await redeliverEvent(scope(), event.id, { webhook_endpoint_id: e.id }, new Date(), { audit: entry("t.redeliver") });
    expect((await db.webhookDelivery.findFirstOrThrow({ where: { eventId: event.id, endpointId: e.id } })).status).toBe("pending");
    expect(await audited("t.redeliver")).toBe(1);

    const tests = () => db.event.count({ where: { partnerId, type: "webhook.test" } });
    await expect(sendTestEvent(scope(), e.id, { audit: failing() })).rejects.toBeInstanceOf(AuditDown);
    expect(await tests()).toBe(0);
    await sendTestEvent(scope(), e.id, { audit: entry("t.test_event") });
    expect(await tests()).toBe(1);
    expect(await audited("t.test_event")).toBe(1);
  });

  it("createRequest: a failing audit inserts no request; a good one commits both; a replay writes no second row", async () => {
    const merchant = await makeOnboardedMerchant(partnerId);
    const partner = await db.partner.findUniqueOrThrow({ where: { id: partnerId } });
    const ctx = { partner, testMode: false, createdVia: "admin" as const };
    const requests = () => db.paymentRequest.count({ where: { merchantId: merchant.id } });
    const idempotency_key = randomBytes(16).toString("hex");

    await expect(createRequest(ctx, { merchant_id: merchant.id, fiat_amount_int: 1234, idempotency_key }, { audit: failing() })).rejects.toBeInstanceOf(AuditDown);
    expect(await requests()).toBe(0);

    const seen: string[] = [];
    const good: AuditFor<{ id: string }> = (r) => (seen.push(r.id), { actor, action: "t.create", partnerId, targetType: "request", targetId: r.id });
    const { request, replay } = await createRequest(ctx, { merchant_id: merchant.id, fiat_amount_int: 1234, idempotency_key }, { audit: good });
    expect(replay).toBe(false);
    expect(seen).toEqual([request.id]); // handed the inserted row, inside the insert
    expect(await requests()).toBe(1);
    expect(await db.auditLog.findMany({ where: { partnerId, action: "t.create" }, select: { targetId: true } })).toEqual([{ targetId: request.id }]);

    // The same key again: the original row, unchanged, and no audit for a create that did not happen.
    const again = await createRequest(ctx, { merchant_id: merchant.id, fiat_amount_int: 1234, idempotency_key }, { audit: good });
    expect(again).toMatchObject({ replay: true, request: { id: request.id } });
    expect(seen).toEqual([request.id]);
    expect(await audited("t.create")).toBe(1);
  });

  it("the admin's create on behalf writes its audit row with the request, once per created request", async () => {
    const merchant = await makeOnboardedMerchant(partnerId);
    const session = await sessionFor((await makeUser("admin")).id);
    const idempotency_key = randomBytes(16).toString("hex");
    const request = await admin.createRequestOnBehalfAction({ session }, { merchant_id: merchant.id, fiat_amount_int: 500, idempotency_key });
    expect(request).toMatchObject({ partnerId, merchantId: merchant.id, createdVia: "admin" });
    const rows = () => db.auditLog.findMany({ where: { action: "request.created_on_behalf", targetId: request.id } });
    const [row] = await rows();
    expect(row).toMatchObject({ actorId: session.user.id, actorType: "admin", partnerId, targetType: "request" });
    expect(row.after).toMatchObject({ request_id: request.id, merchant_id: merchant.id });

    const replayed = await admin.createRequestOnBehalfAction({ session }, { merchant_id: merchant.id, fiat_amount_int: 500, idempotency_key });
    expect(replayed.id).toBe(request.id);
    expect(await rows()).toHaveLength(1);
  });
});
