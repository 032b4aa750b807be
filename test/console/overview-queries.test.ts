// The partner console overview's queries and the admin portal's search and branding, against a real
// database: the partner-wide daily series (USDC bigint sums and verified counts, every merchant of
// the partner, only its mode), webhook health naming disabled, failing and recently failing
// endpoints with their latest failure, merchants stuck in onboarding and the audited resend, the
// admin's id/prefix search with each hit under its own partner, the admin editing a partner's
// branding through the console's validation and audit, and System health's FX rates when the
// source has none. Tenant isolation throughout: partner A's member never sees partner B's rows.
import { randomBytes } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import type { ConsoleSession } from "@/lib/auth/console/session";
import { adminUpdateBrandingAction } from "@/lib/console/actions/admin";
import { emailOnboardingLinkAction } from "@/lib/console/actions/merchants";
import type { ConsoleCtx } from "@/lib/console/context";
import { adminHealth } from "@/lib/console/read/admin";
import { adminSearch, idPrefixRange } from "@/lib/console/read/admin-search";
import { partnerOverview } from "@/lib/console/read/partner";
import { db } from "@/lib/db";
import { emitEvent } from "@/lib/events/emit-event";
import type { Merchant } from "@/lib/generated/prisma/client";
import { uuidv7Floor } from "@/lib/fx/last-used-rates";
import { setFxProviderForTests } from "@/lib/fx/rates";
import { partnerSalesSummary, SUMMARY_DAYS } from "@/lib/merchants/sales-summary";
import { stuckOnboarding } from "@/lib/merchants/stuck-onboarding";
import { createWebhookEndpoint } from "@/lib/webhooks/create-endpoint";
import { webhookHealth } from "@/lib/webhooks/webhook-health";
import { makeOnboardedMerchant, makePartner, uniq } from "../support/fixtures";
import { insertRequest } from "../support/request-fixtures";
import { makeUser, sessionFor } from "./support";

const CHAIN = 31337;
const NOW = new Date("2026-03-14T12:00:00Z");
const DAY = 86_400_000;

/** A request of `m` verified at `at` for `usdc` micro-units, with the verified proof of what arrived. */
async function paid(m: Merchant, at: Date, usdc: bigint, testMode = m.testMode) {
  const r = await insertRequest({ partnerId: m.partnerId, merchantId: m.id, testMode, receivingWallet: m.walletAddress!, chainId: CHAIN, usdcContract: `0x${"1".repeat(40)}`, usdcMicro: usdc });
  const txHash = `0x${randomBytes(32).toString("hex")}`;
  await db.proof.create({ data: { requestId: r.id, chainId: CHAIN, txHash, activeTxHash: txHash, source: "pay_page", expectedMicro: usdc, outcome: "verified", receivedMicro: usdc, overpaidMicro: 0n, verifiedAt: at } });
  return db.paymentRequest.update({ where: { id: r.id }, data: { proofStatus: "verified", txHash, proofVerifiedAt: at } });
}

async function failedAttempt(endpointId: string, at: Date, statusCode: number | null, error: string | null = null) {
  const endpoint = await db.webhookEndpoint.findUniqueOrThrow({ where: { id: endpointId } });
  const event = await db.$transaction((tx) => emitEvent(tx, { partnerId: endpoint.partnerId, testMode: endpoint.testMode, type: "request.voided", data: { request_id: "x" } }));
  const delivery = await db.webhookDelivery.upsert({ where: { eventId_endpointId: { eventId: event.id, endpointId } }, create: { eventId: event.id, endpointId, status: "failed" }, update: { status: "failed" } });
  await db.deliveryAttempt.create({ data: { deliveryId: delivery.id, eventId: event.id, endpointId, attemptNumber: 1, url: endpoint.url, statusCode, success: false, latencyMs: 5, error, createdAt: at } });
}

interface Tenant {
  partnerId: string;
  slug: string;
  member: ConsoleSession;
  shop: Merchant;
}

async function tenant(): Promise<Tenant> {
  const { partner } = await makePartner();
  const user = await makeUser("partner_member", partner.id);
  return { partnerId: partner.id, slug: partner.slug, member: await sessionFor(user.id), shop: await makeOnboardedMerchant(partner.id) };
}

const live = (t: Tenant) => ({ partnerId: t.partnerId, testMode: false });
const ctxOf = (t: Tenant, testMode = false): ConsoleCtx => ({ session: t.member, testMode, ip: "203.0.113.9" });

let A: Tenant;
let B: Tenant;
let adminSession: ConsoleSession;

beforeAll(async () => {
  [A, B] = [await tenant(), await tenant()];
  adminSession = await sessionFor((await makeUser("admin")).id);
});

describe("partnerSalesSummary (the overview chart's series)", () => {
  it("adds up every merchant of the partner by UTC day, in bigint, in the scope's mode only", async () => {
    const second = await makeOnboardedMerchant(A.partnerId);
    const huge = 9_007_199_254_740_993n; // 2^53 + 1: a float would lose the 1
    await paid(A.shop, new Date("2026-03-14T01:00:00Z"), 11_000_000n);
    await paid(second, new Date("2026-03-14T11:59:00Z"), huge);
    await paid(A.shop, new Date("2026-03-10T23:59:00Z"), 2_500_000n);
    await paid(A.shop, new Date("2026-02-13T00:00:00Z"), 1_000_000n); // day 30 back: in
    await paid(A.shop, new Date("2026-02-12T23:59:59Z"), 7n); // day 31 back: out
    // Not A's live payments: A's test mode, partner B.
    await paid(A.shop, new Date("2026-03-14T02:00:00Z"), 500_000_000n, true);
    await paid(B.shop, new Date("2026-03-14T02:00:00Z"), 700_000_000n);

    const s = await partnerSalesSummary(live(A), { now: NOW, timeZone: "UTC" });
    expect(s.days).toHaveLength(SUMMARY_DAYS);
    expect(s.days.at(-1)).toEqual({ day: "2026-03-14", payments: 2, usdcMicro: 11_000_000n + huge });
    expect(s.days.find((d) => d.day === "2026-03-10")).toEqual({ day: "2026-03-10", payments: 1, usdcMicro: 2_500_000n });
    expect(s.days[0]).toEqual({ day: "2026-02-13", payments: 1, usdcMicro: 1_000_000n });
    expect(s.totals.month).toMatchObject({ payments: 4, usdcMicro: 11_000_000n + huge + 2_500_000n + 1_000_000n });

    const test = await partnerSalesSummary({ partnerId: A.partnerId, testMode: true }, { now: NOW, timeZone: "UTC" });
    expect(test.totals.month).toMatchObject({ payments: 1, usdcMicro: 500_000_000n });
    const b = await partnerSalesSummary(live(B), { now: NOW, timeZone: "UTC" });
    expect(b.totals.month).toMatchObject({ payments: 1, usdcMicro: 700_000_000n });
  });
});

describe("webhookHealth", () => {
  let ids: Record<"healthy" | "disabled" | "failing" | "flaky" | "old" | "testMode" | "other", string>;

  beforeAll(async () => {
    const make = async (scope: { partnerId: string; testMode: boolean }, name: string) =>
      (await createWebhookEndpoint(scope, { url: `http://127.0.0.1:9/${name}`, description: name, events: [] })).endpoint.id;
    ids = {
      healthy: await make(live(A), "healthy"),
      disabled: await make(live(A), "disabled"),
      failing: await make(live(A), "failing"),
      flaky: await make(live(A), "flaky"),
      old: await make(live(A), "old"),
      testMode: await make({ partnerId: A.partnerId, testMode: true }, "test-mode"),
      other: await make(live(B), "other-partner"),
    };
    await db.webhookEndpoint.update({ where: { id: ids.disabled }, data: { disabled: true, disabledReason: "failing_5_days", disabledAt: NOW } });
    await db.webhookEndpoint.update({ where: { id: ids.failing }, data: { failingSince: new Date(NOW.getTime() - DAY) } });
    await failedAttempt(ids.failing, new Date(NOW.getTime() - 3600_000), 500);
    await failedAttempt(ids.failing, new Date(NOW.getTime() - 60_000), null, "ECONNREFUSED");
    // Failed twice an hour ago and then recovered (no failing streak now).
    await failedAttempt(ids.flaky, new Date(NOW.getTime() - 3600_000), 502);
    await failedAttempt(ids.flaky, new Date(NOW.getTime() - 3000_000), 503);
    await failedAttempt(ids.flaky, new Date(NOW.getTime() - 2000_000), 504);
    // Failed two days ago only: outside the window, healthy now.
    await failedAttempt(ids.old, new Date(NOW.getTime() - 2 * DAY), 500);
    await failedAttempt(ids.testMode, new Date(NOW.getTime() - 60_000), 500);
    await failedAttempt(ids.other, new Date(NOW.getTime() - 60_000), 500);
    await db.webhookEndpoint.update({ where: { id: ids.other }, data: { disabled: true, disabledReason: "manual" } });
  });

  it("names the disabled, failing and recently failing endpoints with their latest failure, worst first", async () => {
    const h = await webhookHealth(live(A), { now: NOW });
    expect(h.endpoints).toBe(5);
    expect(h.problems.map((p) => p.endpointId)).toEqual([ids.disabled, ids.failing, ids.flaky]);
    const [disabled, failing, flaky] = h.problems;
    expect(disabled).toMatchObject({ url: "http://127.0.0.1:9/disabled", disabled: true, disabledReason: "failing_5_days", failedAttempts: 0, lastFailure: null });
    expect(failing).toMatchObject({ disabled: false, failedAttempts: 2, lastFailure: { statusCode: null, error: "ECONNREFUSED", at: new Date(NOW.getTime() - 60_000) } });
    expect(failing.failingSince).toEqual(new Date(NOW.getTime() - DAY));
    expect(flaky).toMatchObject({ failingSince: null, failedAttempts: 3, lastFailure: { statusCode: 504 } });
    // Failed deliveries counted on A's live endpoints only (failing 2, flaky 3, old 1).
    expect(h.failedDeliveries).toBe(6);
  });

  it("never shows another partner's or the other mode's endpoints", async () => {
    const a = await webhookHealth(live(A), { now: NOW });
    expect(a.problems.map((p) => p.endpointId)).not.toContain(ids.other);
    expect(a.problems.map((p) => p.endpointId)).not.toContain(ids.testMode);
    const b = await webhookHealth(live(B), { now: NOW });
    expect(b.problems.map((p) => p.endpointId)).toEqual([ids.other]);
    expect(b.endpoints).toBe(1);
    const test = await webhookHealth({ partnerId: A.partnerId, testMode: true }, { now: NOW });
    expect(test.problems.map((p) => p.endpointId)).toEqual([ids.testMode]);
  });
});

describe("stuck merchants and the resend", () => {
  let ids: Record<"stuck" | "stuckNoEmail" | "fresh" | "done" | "disabled" | "testMode" | "other", string>;

  beforeAll(async () => {
    const shell = async (partnerId: string, createdAt: Date, data: { email?: string | null; testMode?: boolean; disabled?: boolean } = {}) =>
      (await db.merchant.create({ data: { partnerId, testMode: data.testMode ?? false, businessName: uniq("Stuck "), email: data.email === undefined ? `${uniq("m")}@example.test` : data.email, disabled: data.disabled ?? false, createdAt } })).id;
    const old = new Date(NOW.getTime() - 5 * DAY);
    ids = {
      stuck: await shell(A.partnerId, old),
      stuckNoEmail: await shell(A.partnerId, new Date(NOW.getTime() - 4 * DAY), { email: null }),
      fresh: await shell(A.partnerId, new Date(NOW.getTime() - 2 * DAY)),
      done: await shell(A.partnerId, old),
      disabled: await shell(A.partnerId, old, { disabled: true }),
      testMode: await shell(A.partnerId, old, { testMode: true }),
      other: await shell(B.partnerId, old),
    };
    await db.merchant.update({ where: { id: ids.done }, data: { onboardingStatus: "complete", onboardingCompletedAt: NOW } });
  });

  it("lists the partner's merchants invited N or more days ago and not onboarded, oldest first", async () => {
    const s = await stuckOnboarding(live(A), { now: NOW, days: 3 });
    // A's live onboarded shop (fixture) is complete and newer; only the two stuck shells.
    expect(s.merchants.map((m) => m.merchantId)).toEqual([ids.stuck, ids.stuckNoEmail]);
    expect(s.total).toBe(2);
    expect(s.merchants[1].email).toBeNull();
    expect(s.merchants[0].lastLinkAt).toBeNull();
    // With N = 1 the two-day-old one is stuck too.
    expect((await stuckOnboarding(live(A), { now: NOW, days: 1 })).merchants.map((m) => m.merchantId)).toEqual([ids.stuck, ids.stuckNoEmail, ids.fresh]);
  });

  it("never lists another partner's or the other mode's merchants", async () => {
    expect((await stuckOnboarding(live(B), { now: NOW })).merchants.map((m) => m.merchantId)).toEqual([ids.other]);
    expect((await stuckOnboarding({ partnerId: A.partnerId, testMode: true }, { now: NOW })).merchants.map((m) => m.merchantId)).toEqual([ids.testMode]);
  });

  it("resend issues a fresh link through the domain function, audited without the link; B's merchant is not found for A", async () => {
    const { url, to } = await emailOnboardingLinkAction(ctxOf(A), { merchantId: ids.stuck });
    const merchant = await db.merchant.findUniqueOrThrow({ where: { id: ids.stuck } });
    expect(to).toBe(merchant.email);
    const audit = await db.auditLog.findMany({ where: { partnerId: A.partnerId, action: "merchant.onboarding_link_emailed", targetId: ids.stuck } });
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actorId: A.member.user.id, ip: "203.0.113.9" });
    expect(JSON.stringify(audit[0].after)).not.toContain(new URL(url).searchParams.get("token") ?? url);
    const s = await stuckOnboarding(live(A), { now: NOW });
    expect(s.merchants[0].lastLinkAt).not.toBeNull();

    await expect(emailOnboardingLinkAction(ctxOf(A), { merchantId: ids.other })).rejects.toMatchObject({ code: "not_found" });
    await expect(emailOnboardingLinkAction(ctxOf(A), { merchantId: ids.stuckNoEmail })).rejects.toMatchObject({ code: "validation_error" });
    expect(await db.onboardingToken.count({ where: { merchantId: { in: [ids.other, ids.stuckNoEmail] } } })).toBe(0);
  });
});

describe("partnerOverview", () => {
  it("reads only the member's own partner in the toggle's mode", async () => {
    const a = await partnerOverview(ctxOf(A), { now: NOW });
    const b = await partnerOverview(ctxOf(B), { now: NOW });
    expect(a.summary.totals.month.usdcMicro).not.toBe(b.summary.totals.month.usdcMicro);
    expect(b.summary.totals.month.usdcMicro).toBe(700_000_000n);
    expect(b.webhooks.problems.every((p) => p.url.endsWith("/other-partner"))).toBe(true);
    expect(a.stuck.merchants.every((m) => m.merchantId !== b.stuck.merchants[0]?.merchantId)).toBe(true);
    const aTest = await partnerOverview(ctxOf(A, true), { now: NOW });
    expect(aTest.summary.totals.month.usdcMicro).toBe(500_000_000n);
    // No session, an admin: refused.
    await expect(partnerOverview({ session: null, testMode: false })).rejects.toMatchObject({ reason: "unauthenticated" });
    await expect(partnerOverview({ session: adminSession, testMode: false })).rejects.toMatchObject({ reason: "forbidden" });
  });
});

describe("adminSearch", () => {
  it("reads an id prefix as a UUID range (dashes optional, 4 to 32 hex digits)", () => {
    expect(idPrefixRange("0190ab")).toEqual({ from: "0190ab00-0000-0000-0000-000000000000", to: "0190abff-ffff-ffff-ffff-ffffffffffff", exact: false });
    expect(idPrefixRange("0190AB12-34")).toMatchObject({ from: "0190ab12-3400-0000-0000-000000000000" });
    expect(idPrefixRange("0190ab12-3456-7890-abcd-ef0123456789")).toEqual({ from: "0190ab12-3456-7890-abcd-ef0123456789", to: "0190ab12-3456-7890-abcd-ef0123456789", exact: true });
    for (const bad of ["", "abc", "xyz1", "0190ab12-3456-7890-abcd-ef01234567890", "0190 ab"]) expect(idPrefixRange(bad)).toBeNull();
  });

  it("finds partners, merchants and requests by whole id and by prefix, each under its own partner", async () => {
    const request = await db.paymentRequest.findFirstOrThrow({ where: { partnerId: B.partnerId } });
    const whole = await adminSearch({ session: adminSession }, request.id);
    expect(whole.requests.map((r) => r.id)).toEqual([request.id]);
    expect(whole.requests[0]).toMatchObject({ partner: { id: B.partnerId, slug: B.slug }, testMode: false });

    const m = await adminSearch({ session: adminSession }, A.shop.id.slice(0, 23));
    expect(m.merchants.find((x) => x.id === A.shop.id)).toMatchObject({ partner: { id: A.partnerId, slug: A.slug } });
    // Every hit's partner is the one its own row names.
    const hits = await adminSearch({ session: adminSession }, A.shop.id.slice(0, 8));
    for (const x of hits.merchants) expect(x.partner.id).toBe((await db.merchant.findUniqueOrThrow({ where: { id: x.id } })).partnerId);
    for (const x of hits.requests) expect(x.partner.id).toBe((await db.paymentRequest.findUniqueOrThrow({ where: { id: x.id } })).partnerId);

    expect((await adminSearch({ session: adminSession }, A.partnerId)).partners.map((p) => p.id)).toEqual([A.partnerId]);
    expect((await adminSearch({ session: adminSession }, B.slug.toUpperCase())).partners.map((p) => p.id)).toEqual([B.partnerId]);
    // A full id that is nobody's, and text that is neither an id nor a slug: nothing.
    const nobody = await adminSearch({ session: adminSession }, "ffffffff-ffff-7fff-bfff-ffffffffffff");
    expect([nobody.partners, nobody.merchants, nobody.requests]).toEqual([[], [], []]);
    expect(await adminSearch({ session: adminSession }, "no such thing!")).toMatchObject({ partners: [], merchants: [], requests: [], searched: true });
  });

  it("is for admins only: partner A's member cannot search (so never sees B's ids)", async () => {
    await expect(adminSearch({ session: A.member }, B.partnerId)).rejects.toMatchObject({ reason: "forbidden" });
    await expect(adminSearch({ session: null }, B.partnerId)).rejects.toMatchObject({ reason: "unauthenticated" });
  });
});

describe("admin branding", () => {
  const branding = (name: string) => ({
    name,
    currency: "gbp",
    brandLogoUrl: "",
    brandPrimaryColor: "#112233",
    brandAccentColor: "#445566",
    allowedExpiryMinutes: [60, 15, 15],
    defaultPosExpiryMinutes: 15,
    onboardingRequiredFields: ["email" as const],
    payPageFrameAncestors: [],
  });

  it("saves through the console's domain function, audited with the admin as actor", async () => {
    const after = await adminUpdateBrandingAction({ session: adminSession, ip: "198.51.100.7" }, { partnerId: B.partnerId, ...branding("B rebranded") });
    expect(after).toMatchObject({ id: B.partnerId, name: "B rebranded", currency: "GBP", allowedExpiryMinutes: [15, 60], brandLogoUrl: null });
    const [audit] = await db.auditLog.findMany({ where: { partnerId: B.partnerId, action: "partner.branding_updated" } });
    expect(audit).toMatchObject({ actorId: adminSession.user.id, actorType: "admin", targetId: B.partnerId, ip: "198.51.100.7" });
    expect(audit.after).toMatchObject({ name: "B rebranded", brandPrimaryColor: "#112233" });
    expect(audit.before).toMatchObject({ name: "Test Partner" });
  });

  it("refuses what the console refuses, and partner members, changing nothing", async () => {
    const before = await db.partner.findUniqueOrThrow({ where: { id: A.partnerId } });
    await expect(adminUpdateBrandingAction({ session: adminSession }, { partnerId: A.partnerId, ...branding("x"), brandPrimaryColor: "red" })).rejects.toThrow(/colour like/);
    await expect(adminUpdateBrandingAction({ session: adminSession }, { partnerId: A.partnerId, ...branding("x"), defaultPosExpiryMinutes: 30 })).rejects.toThrow(/one of the allowed/);
    await expect(adminUpdateBrandingAction({ session: adminSession }, { partnerId: "not-an-id", ...branding("x") })).rejects.toMatchObject({ code: "not_found" });
    await expect(adminUpdateBrandingAction({ session: adminSession }, { partnerId: "ffffffff-ffff-7fff-bfff-ffffffffffff", ...branding("x") })).rejects.toMatchObject({ code: "not_found" });
    await expect(adminUpdateBrandingAction({ session: B.member }, { partnerId: A.partnerId, ...branding("hijack") })).rejects.toMatchObject({ reason: "forbidden" });
    expect(await db.partner.findUniqueOrThrow({ where: { id: A.partnerId } })).toEqual(before);
  });
});

describe("System health FX rates whatever the source", () => {
  it("shows the static table, and with a source that has no rates the rates requests last used", async () => {
    const shown = await adminHealth({ session: adminSession });
    expect(shown.fx.source).toBe("static");
    expect(shown.fx.rates.find((r) => r.currency === "EUR")).toMatchObject({ usdPerUnit: "1.1" });
    expect(shown.lastUsed).toEqual([]);

    await insertRequest({ partnerId: A.partnerId, merchantId: A.shop.id, usdcMicro: 1n, receivingWallet: A.shop.walletAddress!, chainId: CHAIN, usdcContract: `0x${"1".repeat(40)}` });
    setFxProviderForTests({ name: "ecb", quote: async () => null });
    try {
      const h = await adminHealth({ session: adminSession });
      expect(h.fx.rates).toEqual([]);
      expect(h.fx.problem).toBe("no rates from ecb");
      expect(h.lastUsed.find((r) => r.currency === "EUR")).toMatchObject({ usdPerUnit: "1.1", source: "static" });
      expect(h.notQuoted).toContain("EUR");
    } finally {
      setFxProviderForTests(undefined);
    }
  });

  it("bounds the look-back by id: the UUIDv7 floor of a time sorts below every id made from then on", () => {
    expect(uuidv7Floor(0)).toBe("00000000-0000-7000-8000-000000000000");
    expect(uuidv7Floor(0x0190abcdef12)).toBe("0190abcd-ef12-7000-8000-000000000000");
  });
});
