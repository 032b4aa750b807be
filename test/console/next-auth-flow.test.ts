// Sign-in and sign-out through next-auth's own HTTP endpoints (app/api/auth/[...nextauth]), with
// its CSRF double-submit, exactly as a browser posting to them would: the "console" provider runs
// our sign-in rules, the issued cookie is a session only of its own kind, and signing out clears
// it. Also: the session endpoint never stretches a session past its first expiry.
import { newSessionId, SESSION_ID_RE } from "@/lib/auth/session/revoked-sessions";
import { describe, expect, it } from "vitest";
import { GET } from "@/app/api/auth/[...nextauth]/route";
import { merchantSessionFromRequest } from "@/lib/auth/merchant/session";
import { claimsFromRequest, sessionCookie } from "@/lib/auth/session/session-token";
import { consoleSessionFromRequest } from "@/lib/auth/console/session";
import { makeOnboardedMerchant, makePartner, randomWallet, uniq } from "../support/fixtures";
import { AUTH_BASE as BASE, authPost as post, authRequest, consoleCookie, cookiePair, Jar, merchantCookie, mintSessionToken, requestWithCookie } from "../support/sessions";
import { makeUser, PASSWORD } from "./support";

const consoleOf = (jar: Jar) => consoleSessionFromRequest(requestWithCookie(jar.header()));

describe("console sign-in through next-auth's endpoints", () => {
  it("signs in with the right password, and signing out clears the session", async () => {
    const { partner } = await makePartner();
    const user = await makeUser("partner_member", partner.id);
    const jar = new Jar();
    const res = await post(jar, "callback/console", { email: user.email.toUpperCase(), password: PASSWORD });
    expect(res.status).toBe(302);
    expect(jar.session).not.toBeNull();
    const setCookie = res.headers.getSetCookie().find((c) => c.startsWith(`${sessionCookie().name}=`))!;
    expect(setCookie).toMatch(/HttpOnly/i);
    expect(setCookie).toMatch(/SameSite=Lax/i);
    expect(await claimsFromRequest(requestWithCookie(jar.header()))).toEqual({ kind: "console", sub: user.id, sid: expect.stringMatching(SESSION_ID_RE) });
    expect((await consoleOf(jar))?.partner?.id).toBe(partner.id);

    // The same user signed in elsewhere (another device), and a copy of this browser's cookie.
    const laptop = new Jar();
    await post(laptop, "callback/console", { email: user.email, password: PASSWORD });
    const copy = requestWithCookie(jar.header());
    expect(await consoleSessionFromRequest(copy)).not.toBeNull();

    const out = await post(jar, "signout", {});
    expect(out.status).toBe(302);
    expect(jar.session).toBeNull();
    expect(await consoleOf(jar)).toBeNull();
    // Signed out means signed out: the copy is refused too (the token alone would still decode)…
    expect(await claimsFromRequest(copy)).not.toBeNull();
    expect(await consoleSessionFromRequest(copy)).toBeNull();
    // …and only this sign-in ended.
    expect((await consoleOf(laptop))?.user.id).toBe(user.id);
  });

  it("refuses a wrong password without a session, and the account lock holds here too", async () => {
    const user = await makeUser("admin");
    const jar = new Jar();
    const ip = uniq("ip");
    let last: Response | undefined;
    for (let i = 0; i < 5; i++) last = await post(jar, "callback/console", { email: user.email, password: "wrong" }, ip);
    expect(jar.session).toBeNull();
    expect(last!.headers.get("location")).toMatch(/error=CredentialsSignin&code=locked/);
    const right = await post(jar, "callback/console", { email: user.email, password: PASSWORD }, ip);
    expect(right.headers.get("location")).toMatch(/code=locked/);
    expect(jar.session).toBeNull();
  });

  it("needs next-auth's CSRF token", async () => {
    const user = await makeUser("admin");
    const { POST } = await import("@/app/api/auth/[...nextauth]/route");
    const res = await POST(
      authRequest(`${BASE}/callback/console`, {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams({ email: user.email, password: PASSWORD }),
      }),
    );
    expect(res.headers.getSetCookie().some((c) => c.startsWith(`${sessionCookie().name}=`) && !/=;/.test(c))).toBe(false);
    expect(res.headers.get("location")).toMatch(/MissingCSRF/);
  });
});

describe("session kinds", () => {
  it("a console token is no merchant session and a merchant token is no console session", async () => {
    const { partner } = await makePartner();
    const user = await makeUser("partner_member", partner.id);
    const wallet = randomWallet();
    const merchant = await makeOnboardedMerchant(partner.id, { wallet });
    const asConsole = requestWithCookie(await consoleCookie(user.id));
    const asMerchant = requestWithCookie(await merchantCookie(merchant.id, wallet));
    expect(await consoleSessionFromRequest(asConsole)).not.toBeNull();
    expect(await merchantSessionFromRequest(asMerchant)).not.toBeNull();
    expect(await merchantSessionFromRequest(asConsole)).toBeNull();
    expect(await consoleSessionFromRequest(asMerchant)).toBeNull();
    // Same ids under the other kind name nothing: a user id is no merchant id and vice versa.
    expect(await merchantSessionFromRequest(requestWithCookie(cookiePair(await mintSessionToken({ kind: "merchant", sub: user.id, wallet, sid: newSessionId() }))))).toBeNull();
    expect(await consoleSessionFromRequest(requestWithCookie(cookiePair(await mintSessionToken({ kind: "console", sub: merchant.id, sid: newSessionId() }))))).toBeNull();
  });
});

describe("GET /api/auth/session", () => {
  it("answers for a live token without moving its expiry, and nothing for an expired one", async () => {
    const user = await makeUser("admin");
    const token = await mintSessionToken({ kind: "console", sub: user.id, sid: newSessionId() }, { maxAge: 600 });
    const res = await GET(authRequest(`${BASE}/session`, { headers: { cookie: cookiePair(token) } }));
    const body = (await res.json()) as { kind: string; sub: string; expires: string };
    expect(body).toMatchObject({ kind: "console", sub: user.id });
    const expires = new Date(body.expires).getTime();
    expect(expires).toBeLessThanOrEqual(Date.now() + 600_000);
    // The re-issued token keeps the original exp: still a session, but not one that lasts 12 hours.
    const jar = new Jar();
    jar.take(res);
    expect(jar.session).not.toBeNull();
    const again = (await (await GET(authRequest(`${BASE}/session`, { headers: { cookie: jar.header() } }))).json()) as { expires: string };
    expect(new Date(again.expires).getTime()).toBeLessThanOrEqual(Date.now() + 600_000);

    const expired = await GET(authRequest(`${BASE}/session`, { headers: { cookie: await consoleCookie(user.id, { maxAge: -60 }) } }));
    expect(await expired.json()).toBeNull();
  });
});
