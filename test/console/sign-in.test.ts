// Console sign-in rules: password check, lockout after repeated failures, per-IP throttling,
// disabled users and partners, and session cookies that expire or are forged.
import { describe, expect, it } from "vitest";
import { MemoryStore } from "@/lib/api/rate-limit";
import { MAX_FAILED_LOGINS, IP_ATTEMPTS_PER_WINDOW, signIn, SignInError } from "@/lib/console-auth/sign-in";
import { CONSOLE_SESSION_TTL_MS, openConsoleSession, sealConsoleSession } from "@/lib/console-auth/session-cookie";
import { resolveConsoleSession } from "@/lib/console-auth/session";
import { requireAdmin, requirePartnerMember } from "@/lib/console-auth/require";
import { db } from "@/lib/db";
import { makePartner, uniq } from "../support/fixtures";
import { makeUser, PASSWORD } from "./support";

const attempt = (email: string, password: string, opts: { ip?: string; store?: MemoryStore; now?: Date } = {}) =>
  signIn({ email, password, ip: opts.ip ?? uniq("ip"), store: opts.store ?? new MemoryStore(), now: opts.now });

async function reason(p: Promise<unknown>) {
  try {
    await p;
    return "ok";
  } catch (e) {
    if (e instanceof SignInError) return e.reason;
    throw e;
  }
}

describe("console sign-in", () => {
  it("accepts the right password (any email case) and refuses a wrong one or an unknown email alike", async () => {
    const { partner } = await makePartner();
    const user = await makeUser("partner_member", partner.id);
    const signedIn = await attempt(user.email.toUpperCase(), PASSWORD);
    expect(signedIn.id).toBe(user.id);
    expect(signedIn.lastLoginAt).not.toBeNull();

    const wrong = await attempt(user.email, "not the password").catch((e: SignInError) => e);
    const unknown = await attempt(`${uniq("nobody")}@example.test`, PASSWORD).catch((e: SignInError) => e);
    expect(wrong).toBeInstanceOf(SignInError);
    expect(unknown).toBeInstanceOf(SignInError);
    expect((wrong as SignInError).message).toBe((unknown as SignInError).message);
  });

  it(`locks the account after ${MAX_FAILED_LOGINS} failures, even for the right password, until the lock runs out`, async () => {
    const user = await makeUser("admin");
    const now = new Date();
    for (let i = 1; i < MAX_FAILED_LOGINS; i++) expect(await reason(attempt(user.email, "wrong", { now }))).toBe("invalid");
    expect(await reason(attempt(user.email, "wrong", { now }))).toBe("locked");
    expect(await reason(attempt(user.email, PASSWORD, { now }))).toBe("locked");
    const row = await db.user.findUniqueOrThrow({ where: { id: user.id } });
    expect(row.lockedUntil!.getTime()).toBeGreaterThan(now.getTime());
    // An existing session of a locked account stops working too.
    expect(await resolveConsoleSession(sealConsoleSession(user.id).value, now.getTime())).toBeNull();

    const later = new Date(row.lockedUntil!.getTime() + 1000);
    expect(await reason(attempt(user.email, PASSWORD, { now: later }))).toBe("ok");
    const after = await db.user.findUniqueOrThrow({ where: { id: user.id } });
    expect(after.failedLoginCount).toBe(0);
    expect(after.lockedUntil).toBeNull();
  });

  it("a success resets the failure streak", async () => {
    const user = await makeUser("admin");
    for (let i = 1; i < MAX_FAILED_LOGINS; i++) await reason(attempt(user.email, "wrong"));
    expect(await reason(attempt(user.email, PASSWORD))).toBe("ok");
    expect(await reason(attempt(user.email, "wrong"))).toBe("invalid");
  });

  it("throttles one IP across accounts", async () => {
    const store = new MemoryStore();
    const ip = uniq("ip");
    const user = await makeUser("admin");
    for (let i = 0; i < IP_ATTEMPTS_PER_WINDOW; i++) await reason(attempt(`${uniq("x")}@example.test`, "x", { ip, store }));
    expect(await reason(attempt(user.email, PASSWORD, { ip, store }))).toBe("throttled");
    expect(await reason(attempt(user.email, PASSWORD, { ip: uniq("other"), store }))).toBe("ok");
  });

  it("refuses disabled users and members of disabled partners, and ends their sessions", async () => {
    const { partner } = await makePartner();
    const member = await makeUser("partner_member", partner.id);
    const admin = await makeUser("admin");
    const memberCookie = sealConsoleSession(member.id).value;
    const adminCookie = sealConsoleSession(admin.id).value;
    expect(await resolveConsoleSession(memberCookie)).not.toBeNull();

    await db.user.update({ where: { id: admin.id }, data: { disabled: true } });
    expect(await reason(attempt(admin.email, PASSWORD))).toBe("invalid");
    expect(await resolveConsoleSession(adminCookie)).toBeNull();

    await db.partner.update({ where: { id: partner.id }, data: { disabled: true } });
    expect(await reason(attempt(member.email, PASSWORD))).toBe("invalid");
    expect(await resolveConsoleSession(memberCookie)).toBeNull();
  });
});

describe("console session cookie", () => {
  it("expires after 12 hours and rejects forgery", async () => {
    const user = await makeUser("admin");
    const t0 = Date.now();
    const { value } = sealConsoleSession(user.id, t0);
    expect((await resolveConsoleSession(value, t0 + 1000))?.user.id).toBe(user.id);
    expect(await resolveConsoleSession(value, t0 + CONSOLE_SESSION_TTL_MS)).toBeNull();

    const [, sig] = value.split(".");
    const forged = Buffer.from(JSON.stringify({ sub: user.id, exp: t0 + 10 * CONSOLE_SESSION_TTL_MS })).toString("base64url");
    expect(openConsoleSession(`${forged}.${sig}`, t0)).toBeNull();
    expect(openConsoleSession(`${value}x`, t0)).toBeNull();
    expect(await resolveConsoleSession(undefined)).toBeNull();
  });

  it("gives roles: an admin is no partner member and a member is no admin", async () => {
    const { partner } = await makePartner();
    const member = await resolveConsoleSession(sealConsoleSession((await makeUser("partner_member", partner.id)).id).value);
    const admin = await resolveConsoleSession(sealConsoleSession((await makeUser("admin")).id).value);
    expect(requirePartnerMember(member).partner.id).toBe(partner.id);
    expect(requireAdmin(admin).user.role).toBe("admin");
    expect(() => requireAdmin(member)).toThrow(/access/);
    expect(() => requirePartnerMember(admin)).toThrow(/access/);
    expect(() => requireAdmin(null)).toThrow(/Sign in/);
  });
});
