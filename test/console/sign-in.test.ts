// Console sign-in rules: password check, lockout after repeated failures, per-IP throttling,
// disabled users and partners, and next-auth session cookies that expire or are forged.
import { newSessionId } from "@/lib/auth/session/revoked-sessions";
import { describe, expect, it } from "vitest";
import { MemoryStore } from "@/lib/rate-limit/counters";
import { MAX_FAILED_LOGINS, IP_ATTEMPTS_PER_WINDOW, signIn, SignInError } from "@/lib/auth/console/sign-in";
import { consoleSessionFromRequest } from "@/lib/auth/console/session";
import { requireAdmin, requirePartnerMember } from "@/lib/auth/console/require";
import { db } from "@/lib/db";
import { makePartner, uniq } from "../support/fixtures";
import { consoleCookie, cookiePair, mintSessionToken, requestWithCookie } from "../support/sessions";
import { makeUser, PASSWORD } from "./support";

const resolve = (cookie: string | null) => consoleSessionFromRequest(requestWithCookie(cookie));

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
    expect(await resolve(await consoleCookie(user.id))).toBeNull();

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
    const memberCookie = await consoleCookie(member.id);
    const adminCookie = await consoleCookie(admin.id);
    expect(await resolve(memberCookie)).not.toBeNull();
    expect(await resolve(adminCookie)).not.toBeNull();

    await db.user.update({ where: { id: admin.id }, data: { disabled: true } });
    expect(await reason(attempt(admin.email, PASSWORD))).toBe("invalid");
    expect(await resolve(adminCookie)).toBeNull();

    await db.partner.update({ where: { id: partner.id }, data: { disabled: true } });
    expect(await reason(attempt(member.email, PASSWORD))).toBe("invalid");
    expect(await resolve(memberCookie)).toBeNull();
  });
});

describe("console session cookie", () => {
  it("is refused once expired, when tampered with, or when minted under another secret", async () => {
    const user = await makeUser("admin");
    expect((await resolve(await consoleCookie(user.id)))?.user.id).toBe(user.id);
    // jose allows 15 s of clock skew; a minute past exp is well beyond it.
    expect(await resolve(await consoleCookie(user.id, { maxAge: -60 }))).toBeNull();
    expect(await resolve(await consoleCookie(user.id, { secret: "another-installation-secret-0123456789abcdef" }))).toBeNull();

    const token = await mintSessionToken({ kind: "console", sub: user.id, sid: newSessionId() });
    const parts = token.split(".");
    const flip = (s: string) => (s[0] === "A" ? "B" : "A") + s.slice(1);
    for (const i of [0, 1, 2, 3, 4]) {
      const tampered = parts.map((p, j) => (j === i ? flip(p) : p)).join(".");
      expect(await resolve(cookiePair(tampered))).toBeNull();
    }
    expect(await resolve(cookiePair("garbage"))).toBeNull();
    expect(await resolve(null)).toBeNull();
  });

  it("trusts only kind, subject and session id: unknown kinds, non-uuid subjects or no session id are no session, extra claims change nothing", async () => {
    const user = await makeUser("admin");
    const sid = newSessionId();
    expect(await resolve(cookiePair(await mintSessionToken({ kind: "console", sub: user.id, sid })))).not.toBeNull(); // the control
    for (const claims of [{ kind: "admin", sub: user.id, sid }, { kind: "console", sub: "not-a-uuid", sid }, { sub: user.id, sid }, { kind: "console", sub: user.id, wallet: "0x", sid }, { kind: "console", sub: user.id }, { kind: "console", sub: user.id, sid: "short" }]) {
      expect(await resolve(cookiePair(await mintSessionToken(claims)))).toBeNull();
    }
    const { partner } = await makePartner();
    const member = await makeUser("partner_member", partner.id);
    const other = await makePartner();
    const s = await resolve(cookiePair(await mintSessionToken({ kind: "console", sub: member.id, sid, role: "admin", partnerId: other.partner.id })));
    expect(s?.user.role).toBe("partner_member");
    expect(s?.partner?.id).toBe(partner.id);
  });

  it("gives roles: an admin is no partner member and a member is no admin", async () => {
    const { partner } = await makePartner();
    const member = await resolve(await consoleCookie((await makeUser("partner_member", partner.id)).id));
    const admin = await resolve(await consoleCookie((await makeUser("admin")).id));
    expect(requirePartnerMember(member).partner.id).toBe(partner.id);
    expect(requireAdmin(admin).user.role).toBe("admin");
    expect(() => requireAdmin(member)).toThrow(/access/);
    expect(() => requirePartnerMember(admin)).toThrow(/access/);
    expect(() => requireAdmin(null)).toThrow(/Sign in/);
  });
});
