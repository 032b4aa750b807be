// The authorisation walk over every console action and read (lib/console/**): signed out, a member
// of partner A aimed at partner B's objects (ids from B), the other mode's objects, a partner member
// on admin actions, an admin on partner-member actions — all refused, and nothing changes in the
// database. Positive controls at the end prove the ids used are real and the actions do work for
// the right caller, so the refusals are not vacuous.
import { beforeAll, describe, expect, it } from "vitest";
import { isApiError } from "@/lib/errors";
import { isConsoleAuthError } from "@/lib/auth/console/require";
import type { ConsoleSession } from "@/lib/auth/console/session";
import * as admin from "@/lib/console/actions/admin";
import { createKeyAction, revokeKeyAction, rollKeyAction } from "@/lib/console/actions/api-keys";
import { createMerchantAction, emailOnboardingLinkAction, onboardingLinkAction, setMerchantDisabledAction } from "@/lib/console/actions/merchants";
import { cancelRequestAction } from "@/lib/console/actions/requests";
import { updateBrandingAction } from "@/lib/console/actions/settings";
import { inviteTeammateAction } from "@/lib/console/actions/team";
import { createEndpointAction, redeliverAction, rotateSecretAction, sendTestEventAction, setEndpointDisabledAction } from "@/lib/console/actions/webhooks";
import * as adminRead from "@/lib/console/read/admin";
import * as partnerRead from "@/lib/console/read/partner";
import type { ConsoleCtx } from "@/lib/console/context";
import { db } from "@/lib/db";
import { emitEvent } from "@/lib/events/emit-event";
import { createWebhookEndpoint } from "@/lib/webhooks/create-endpoint";
import { createApiKey } from "@/lib/api-keys/create-api-key";
import { makeOnboardedMerchant, makePartner, uniq } from "../support/fixtures";
import { insertRequest } from "../support/request-fixtures";
import { makeUser, sessionFor } from "./support";

interface Tenant {
  partnerId: string;
  member: ConsoleSession;
  userId: string;
  keyId: string;
  merchantId: string;
  shellId: string;
  requestId: string;
  endpointId: string;
  eventId: string;
}

async function makeTenant(): Promise<Tenant> {
  const { partner } = await makePartner();
  const user = await makeUser("partner_member", partner.id);
  const merchant = await makeOnboardedMerchant(partner.id);
  const shell = await db.merchant.create({ data: { partnerId: partner.id, testMode: false, businessName: "Shell", email: `${uniq("shell")}@example.test` } });
  const request = await insertRequest({ partnerId: partner.id, merchantId: merchant.id, usdcMicro: 27_500_000n, receivingWallet: merchant.walletAddress!, chainId: 31337, usdcContract: `0x${"1".repeat(40)}` });
  const scope = { partnerId: partner.id, testMode: false };
  const { endpoint } = await createWebhookEndpoint(scope, { url: "http://127.0.0.1:9/hook", description: null, events: [] });
  const event = await db.$transaction((tx) => emitEvent(tx, { partnerId: partner.id, testMode: false, type: "request.voided", data: { request_id: request.id }, requestId: request.id }));
  const { apiKey } = await createApiKey({ partnerId: partner.id, mode: "live" });
  return { partnerId: partner.id, member: await sessionFor(user.id), userId: user.id, keyId: apiKey.id, merchantId: merchant.id, shellId: shell.id, requestId: request.id, endpointId: endpoint.id, eventId: event.id };
}

/** The slug every provisioning attempt below uses: a refused one must leave no partner with it. */
const provisionSlug = uniq("p");

/**
 * Every row that belongs to these partners or was written by these users, as comparable text.
 * Only rows this file owns: test files run in parallel on one database, so a global figure (say, a
 * count of all partners) changes whenever another file makes a partner, and made this walk flaky.
 */
async function snapshot(partnerIds: string[], userIds: string[]) {
  const p = { partnerId: { in: partnerIds } };
  const rows = await Promise.all([
    db.partner.findMany({ where: { OR: [{ id: { in: partnerIds } }, { slug: provisionSlug }] }, orderBy: { id: "asc" } }),
    db.user.findMany({ where: { OR: [p, { id: { in: userIds } }] }, orderBy: { id: "asc" } }),
    db.invite.findMany({ where: p, orderBy: { id: "asc" } }),
    db.apiKey.findMany({ where: p, orderBy: { id: "asc" } }),
    db.merchant.findMany({ where: p, orderBy: { id: "asc" } }),
    db.onboardingToken.findMany({ where: { merchant: p }, orderBy: { id: "asc" } }),
    db.paymentRequest.findMany({ where: p, orderBy: { id: "asc" } }),
    db.webhookEndpoint.findMany({ where: p, orderBy: { id: "asc" } }),
    db.event.findMany({ where: p, orderBy: { id: "asc" } }),
    db.webhookDelivery.findMany({ where: { event: p }, orderBy: { id: "asc" } }),
    db.auditLog.findMany({ where: { OR: [p, { actorId: { in: userIds } }] }, orderBy: { id: "asc" } }),
  ]);
  return JSON.stringify(rows, (_k, v) => (typeof v === "bigint" ? v.toString() : v));
}

type Outcome = "unauthenticated" | "forbidden" | "not_found" | "validation_error" | "rejected_input" | "ok";

async function outcome(run: () => Promise<unknown>): Promise<Outcome> {
  try {
    await run();
    return "ok";
  } catch (e) {
    if (isConsoleAuthError(e)) return e.reason;
    if (isApiError(e)) return e.code === "not_found" ? "not_found" : e.code === "validation_error" ? "validation_error" : (e.code as Outcome);
    if (e instanceof Error && e.name === "ZodError") return "rejected_input";
    throw e;
  }
}

let A: Tenant;
let B: Tenant;
let adminSession: ConsoleSession;

beforeAll(async () => {
  [A, B] = await Promise.all([makeTenant(), makeTenant()]);
  adminSession = await sessionFor((await makeUser("admin")).id);
});

const branding = { name: "Renamed", currency: "USD", brandLogoUrl: "", brandPrimaryColor: "#000000", brandAccentColor: "#ffffff", allowedExpiryMinutes: [15], defaultPosExpiryMinutes: 15, onboardingRequiredFields: [] };

/** Partner-console actions, aimed at B's objects. */
const partnerActions = (ctx: ConsoleCtx): [string, () => Promise<unknown>][] => [
  ["createKey", () => createKeyAction(ctx, { mode: "live", name: "x" })],
  ["rollKey", () => rollKeyAction(ctx, { keyId: B.keyId, overlapDays: 1 })],
  ["revokeKey", () => revokeKeyAction(ctx, { keyId: B.keyId })],
  ["createMerchant", () => createMerchantAction(ctx, { business_name: "x" })],
  ["onboardingLink", () => onboardingLinkAction(ctx, { merchantId: B.shellId })],
  ["emailOnboardingLink", () => emailOnboardingLinkAction(ctx, { merchantId: B.shellId })],
  ["disableMerchant", () => setMerchantDisabledAction(ctx, { merchantId: B.merchantId, disabled: true })],
  ["cancelRequest", () => cancelRequestAction(ctx, { requestId: B.requestId })],
  ["createEndpoint", () => createEndpointAction(ctx, { url: "http://127.0.0.1:9/x" })],
  ["rotateSecret", () => rotateSecretAction(ctx, { endpointId: B.endpointId })],
  ["sendTestEvent", () => sendTestEventAction(ctx, { endpointId: B.endpointId })],
  ["disableEndpoint", () => setEndpointDisabledAction(ctx, { endpointId: B.endpointId, disabled: true })],
  ["redeliver", () => redeliverAction(ctx, { eventId: B.eventId })],
  ["redeliverOwnEventToForeignEndpoint", () => redeliverAction(ctx, { eventId: A.eventId, endpointId: B.endpointId })],
  ["updateBranding", () => updateBrandingAction(ctx, branding)],
  ["inviteTeammate", () => inviteTeammateAction(ctx, { email: `${uniq("i")}@example.test` })],
  ["readOverview", () => partnerRead.partnerOverview(ctx)],
  ["readKeys", () => partnerRead.partnerKeys(ctx)],
  ["readMerchants", () => partnerRead.partnerMerchants(ctx, {})],
  ["readRequests", () => partnerRead.partnerRequests(ctx, {})],
  ["readRequestDetail", () => partnerRead.partnerRequestDetail(ctx, B.requestId)],
  ["readEndpoints", () => partnerRead.partnerEndpoints(ctx)],
  ["readDeliveries", () => partnerRead.partnerDeliveries(ctx)],
  ["readTeam", () => partnerRead.partnerTeam(ctx)],
];

const adminActions = (session: ConsoleSession | null): [string, () => Promise<unknown>][] => [
  ["provisionPartner", () => admin.provisionPartnerAction({ session }, { slug: provisionSlug, name: "X", currency: "EUR" })],
  ["disablePartner", () => admin.updatePartnerAction({ session }, { partnerId: B.partnerId, disabled: true })],
  ["invitePartnerUser", () => admin.invitePartnerUserAction({ session }, { partnerId: B.partnerId, email: `${uniq("i")}@example.test` })],
  ["disableUser", () => admin.setUserDisabledAction({ session }, { userId: B.userId, disabled: true })],
  ["disableMerchant", () => admin.adminSetMerchantDisabledAction({ session }, { merchantId: B.merchantId, disabled: true })],
  ["createRequestOnBehalf", () => admin.createRequestOnBehalfAction({ session }, { merchant_id: B.merchantId, fiat_amount_int: 100 })],
  ["readPartners", () => adminRead.adminPartners({ session })],
  ["readPartner", () => adminRead.adminPartner({ session }, B.partnerId)],
  ["readUsers", () => adminRead.adminUsers({ session })],
  ["readMerchants", () => adminRead.adminMerchants({ session })],
  ["readRequests", () => adminRead.adminRequests({ session })],
  ["readAudit", () => adminRead.adminAuditLog({ session })],
  ["readHealth", () => adminRead.adminHealth({ session })],
];

const ids = () => [A.partnerId, B.partnerId];
const users = () => [A.userId, B.userId, adminSession.user.id];

describe("console authorisation walk", () => {
  it("refuses every partner action and read when signed out, and every one to an admin session", async () => {
    const before = await snapshot(ids(), users());
    for (const [name, run] of partnerActions({ session: null, testMode: false })) expect([name, await outcome(run)]).toEqual([name, "unauthenticated"]);
    for (const [name, run] of partnerActions({ session: adminSession, testMode: false })) expect([name, await outcome(run)]).toEqual([name, "forbidden"]);
    expect(await snapshot(ids(), users())).toBe(before);
  });

  it("refuses every admin action and read when signed out or to a partner member", async () => {
    const before = await snapshot(ids(), users());
    for (const [name, run] of adminActions(null)) expect([name, await outcome(run)]).toEqual([name, "unauthenticated"]);
    for (const [name, run] of adminActions(A.member)) expect([name, await outcome(run)]).toEqual([name, "forbidden"]);
    expect(await snapshot(ids(), users())).toBe(before);
  });

  it("partner A's member cannot touch partner B's objects: the same not-found as a missing id, nothing changed", async () => {
    const ctx = { session: A.member, testMode: false };
    const byId = new Set(["revokeKey", "rollKey", "onboardingLink", "emailOnboardingLink", "disableMerchant", "cancelRequest", "rotateSecret", "sendTestEvent", "disableEndpoint", "redeliver", "readRequestDetail"]);
    const before = await snapshot([B.partnerId], [B.userId]);
    for (const [name, run] of partnerActions(ctx).filter(([n]) => byId.has(n))) expect([name, await outcome(run)]).toEqual([name, "not_found"]);
    // A's own event cannot be pointed at B's endpoint either.
    expect(await outcome(() => redeliverAction(ctx, { eventId: A.eventId, endpointId: B.endpointId }))).toBe("validation_error");
    expect(await snapshot([B.partnerId], [B.userId])).toBe(before);
  });

  it("A's reads never contain B's objects", async () => {
    const ctx = { session: A.member, testMode: false };
    const text = JSON.stringify(
      await Promise.all([partnerRead.partnerKeys(ctx), partnerRead.partnerMerchants(ctx, { search: B.merchantId }), partnerRead.partnerRequests(ctx, {}), partnerRead.partnerEndpoints(ctx), partnerRead.partnerDeliveries(ctx), partnerRead.partnerTeam(ctx)]),
    );
    for (const id of [B.keyId, B.merchantId, B.shellId, B.requestId, B.endpointId, B.eventId, B.userId]) expect(text).not.toContain(id);
    expect(text).toContain(A.requestId);
    // The API's merchant_id filter naming B's merchant is a not-found, not an empty list.
    await expect(partnerRead.partnerRequests(ctx, { merchant_id: B.merchantId })).rejects.toMatchObject({ code: "not_found" });
  });

  it("the test-mode toggle cannot reach live objects, even the member's own", async () => {
    const ctx = { session: A.member, testMode: true };
    const before = await snapshot([A.partnerId], [A.userId]);
    for (const [name, run] of [
      ["cancel", () => cancelRequestAction(ctx, { requestId: A.requestId })],
      ["disableMerchant", () => setMerchantDisabledAction(ctx, { merchantId: A.merchantId, disabled: true })],
      ["onboardingLink", () => onboardingLinkAction(ctx, { merchantId: A.shellId })],
      ["emailOnboardingLink", () => emailOnboardingLinkAction(ctx, { merchantId: A.shellId })],
      ["rotate", () => rotateSecretAction(ctx, { endpointId: A.endpointId })],
      ["sendTestEvent", () => sendTestEventAction(ctx, { endpointId: A.endpointId })],
      ["redeliver", () => redeliverAction(ctx, { eventId: A.eventId })],
      ["detail", () => partnerRead.partnerRequestDetail(ctx, A.requestId)],
    ] as const) {
      expect([name, await outcome(run)]).toEqual([name, "not_found"]);
    }
    expect(await snapshot([A.partnerId], [A.userId])).toBe(before);
  });

  it("form tampering: extra fields naming another partner are rejected or ignored", async () => {
    const before = await snapshot([B.partnerId], [B.userId]);
    const ctx = { session: A.member, testMode: false };
    expect(await outcome(() => createMerchantAction(ctx, { business_name: "x", partnerId: B.partnerId } as never))).toBe("rejected_input");
    const updated = await updateBrandingAction(ctx, { ...branding, name: "A renamed", partnerId: B.partnerId } as never);
    expect(updated.id).toBe(A.partnerId);
    const { key } = await createKeyAction(ctx, { mode: "test", partnerId: B.partnerId } as never);
    expect(await db.apiKey.count({ where: { partnerId: B.partnerId, mode: "test" } })).toBe(1); // makePartner's own test key only
    expect(key).toMatch(/^jo_test_/);
    expect(await snapshot([B.partnerId], [B.userId])).toBe(before);
  });

  it("positive controls: B's member and the admin can do what the others were refused", async () => {
    const ctx = { session: B.member, testMode: false };
    for (const [name, run] of partnerActions(ctx).filter(([n]) => n !== "redeliverOwnEventToForeignEndpoint")) expect([name, await outcome(run)]).toEqual([name, "ok"]);
    const cancelled = await db.paymentRequest.findUniqueOrThrow({ where: { id: B.requestId } });
    expect(cancelled.status).toBe("voided");
    for (const [name, run] of adminActions(adminSession).filter(([n]) => !["disableMerchant", "disablePartner", "createRequestOnBehalf"].includes(n))) {
      expect([name, await outcome(run)]).toEqual([name, "ok"]);
    }
    expect(await db.partner.count({ where: { slug: provisionSlug } })).toBe(1); // the refused attempts' slug was free
    // B's merchant was disabled by B's member above; the admin re-enables it and creates on its behalf.
    expect(await outcome(() => admin.adminSetMerchantDisabledAction({ session: adminSession }, { merchantId: B.merchantId, disabled: false }))).toBe("ok");
    const req = await admin.createRequestOnBehalfAction({ session: adminSession }, { merchant_id: B.merchantId, fiat_amount_int: 100 });
    expect(req).toMatchObject({ partnerId: B.partnerId, createdVia: "admin", merchantId: B.merchantId });
    const actions = (await db.auditLog.findMany({ where: { partnerId: B.partnerId } })).map((a) => a.action);
    expect(actions).toEqual(expect.arrayContaining(["api_key.rolled", "api_key.revoked", "merchant.onboarding_link_created", "merchant.onboarding_link_emailed", "merchant.disabled", "merchant.enabled", "request.cancelled", "webhook_endpoint.secret_rotated", "webhook_endpoint.test_event_sent", "request.created_on_behalf", "user.disabled", "partner.branding_updated"]));
    const audit = JSON.stringify(await db.auditLog.findMany({ where: { partnerId: B.partnerId } }));
    expect(audit).not.toMatch(/jo_(live|test)_[0-9A-Za-z]{32}|whsec_|keyHash|secretSealed|onboarding\?token=/);
  });
});
