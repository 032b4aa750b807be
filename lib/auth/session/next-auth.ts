// The one next-auth (v5) configuration for every signed-in surface (SPEC §2: "next-auth for console
// sessions"). Two Credentials providers, both thin over our own tested rules:
//   "console" — email + password → lib/auth/console/sign-in.ts (per-account lockout, per-IP
//               throttle, disabled users and partners, one generic refusal).
//   "siwe"    — message + signature + connected address → lib/auth/merchant/sign-in.ts (domain,
//               URI, single-use nonce, address = connected wallet, signature), or a one-time grant
//               from a flow that just verified a signature itself (lib/auth/session/session-grant.ts).
// JWT sessions (Credentials providers support no other) whose token carries only
// { kind, sub, wallet?, sid } (lib/auth/session/session-token.ts); every request re-reads the subject from
// the database and refuses signed-out sessions, so the token alone never grants anything.
//
// Lazy config (a function): nothing reads the environment at import time, so `next build` and the
// tests can import this module without a configured app.
import NextAuth, { CredentialsSignin, type NextAuthConfig, type User } from "next-auth";
import { AuthError } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { appSecret } from "@/lib/app-secret";
import { signIn as consoleSignIn, SignInError as ConsoleSignInError } from "@/lib/auth/console/sign-in";
import { clientIpFrom } from "@/lib/rate-limit/client-ip";
import { en, type DashboardMessages } from "@/lib/i18n/dashboard/en";
import { log } from "@/lib/log";
import { NoMerchantForWalletError, signInMerchant } from "@/lib/auth/merchant/sign-in";
import { newSessionId, revokeSession } from "@/lib/auth/session/revoked-sessions";
import { redeemMerchantSessionGrant } from "@/lib/auth/session/session-grant";
import { encodeKeepingExpiry, parseClaims, SESSION_MAX_AGE_S, sessionCookie } from "@/lib/auth/session/session-token";
import { SiweError } from "@/lib/auth/merchant/siwe";

declare module "next-auth" {
  interface User {
    kind?: "console" | "merchant";
    wallet?: string;
  }
}

/**
 * A refused sign-in, with the text to show. A CredentialsSignin, so next-auth passes it through
 * unchanged to the server action that called signIn (and never logs it as a server error).
 * A merchant's refusal also names its sentence in the dashboard catalogue (`key`), which the
 * merchant reads in their language; the console's are English.
 */
export class SignInRefused extends CredentialsSignin {
  constructor(
    readonly reason: string,
    readonly userMessage: string,
    readonly key?: keyof DashboardMessages,
  ) {
    super(userMessage);
    this.code = reason;
  }
}

const str = (v: unknown) => (typeof v === "string" ? v : "");

const consoleProvider = Credentials({
  id: "console",
  name: "Email and password",
  credentials: { email: { type: "email" }, password: { type: "password" } },
  async authorize(credentials, request): Promise<User> {
    try {
      const user = await consoleSignIn({ email: str(credentials.email), password: str(credentials.password), ip: clientIpFrom(request.headers) });
      return { id: user.id, kind: "console" };
    } catch (err) {
      if (err instanceof ConsoleSignInError) throw new SignInRefused(err.reason, err.message);
      throw err;
    }
  },
});

const siweProvider = Credentials({
  id: "siwe",
  name: "Ethereum wallet",
  credentials: { message: {}, signature: {}, address: {}, grant: {} },
  async authorize(credentials, request): Promise<User> {
    if (credentials.grant !== undefined) {
      const merchant = await redeemMerchantSessionGrant(credentials.grant);
      if (!merchant) throw new SignInRefused("grant", en.signIn_expired, "signIn_expired");
      return { id: merchant.id, kind: "merchant", wallet: merchant.walletAddress! };
    }
    try {
      const merchant = await signInMerchant({
        message: str(credentials.message),
        signature: str(credentials.signature),
        connectedAddress: str(credentials.address),
        requestHost: request.headers.get("host"),
      });
      return { id: merchant.id, kind: "merchant", wallet: merchant.walletAddress! };
    } catch (err) {
      if (err instanceof SiweError) throw new SignInRefused(err.reason, err.message, err.key);
      if (err instanceof NoMerchantForWalletError) throw new SignInRefused("no_merchant", err.message, err.key);
      throw err;
    }
  },
});

const CLIENT_ERRORS = new Set(["MissingCSRF", "UnknownAction", "InvalidCallbackUrl", "InvalidCheck", "UntrustedHost"]);

export function authConfig(): NextAuthConfig {
  const cookie = sessionCookie();
  return {
    secret: appSecret(),
    trustHost: true,
    useSecureCookies: cookie.options.secure,
    cookies: { sessionToken: cookie },
    session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_S },
    jwt: { maxAge: SESSION_MAX_AGE_S, encode: encodeKeepingExpiry },
    providers: [consoleProvider, siweProvider],
    // next-auth's built-in pages are not used: our forms call signIn from server actions.
    pages: { signIn: "/partner/sign-in", error: "/partner/sign-in" },
    callbacks: {
      jwt({ token, user }) {
        // At sign-in: only the claims, nothing of next-auth's default profile fields.
        // `sid` names this sign-in for sign-out (lib/auth/session/revoked-sessions.ts).
        if (user) return parseClaims({ kind: user.kind, sub: user.id, wallet: user.wallet, sid: newSessionId() });
        // Later reads: a token without valid claims of ours is dropped (its cookie cleared).
        return parseClaims(token) ? token : null;
      },
      session({ session, token }) {
        const claims = parseClaims(token);
        const expires = typeof token.exp === "number" ? new Date(token.exp * 1000).toISOString() : session.expires;
        return { ...claims, expires } as unknown as typeof session;
      },
    },
    events: {
      // Whichever way a session ends (our sign-out buttons or next-auth's /api/auth/signout), its
      // id is recorded, so a copy of the cookie is refused too. The token's own exp bounds the row.
      async signOut(message) {
        const token = "token" in message ? message.token : null;
        const claims = parseClaims(token);
        if (!claims || typeof token?.exp !== "number") return;
        await revokeSession(claims.sid, new Date(token.exp * 1000));
      },
    },
    logger: {
      error(error) {
        if (error instanceof CredentialsSignin) return; // a refused sign-in is not a server error
        const type = error instanceof AuthError ? error.type : error.name;
        // Expired or foreign cookies arrive all the time; they are simply not a session.
        if (type === "JWTSessionError") return log.debug("session token refused", { type });
        // A request without the CSRF token, an unknown action: the client's mistake, not ours.
        if (CLIENT_ERRORS.has(type)) return log.warn("auth request refused", { type });
        const cause = (error.cause as { err?: unknown } | undefined)?.err;
        log.error("auth error", { type, err: cause instanceof Error ? cause.message : error.message });
      },
      warn(code) {
        log.warn("auth warning", { code });
      },
      debug() {},
    },
  };
}

export const { handlers, auth, signIn, signOut } = NextAuth(() => authConfig());

/** Ends whichever session the request holds (clears next-auth's cookie); the caller redirects. */
export async function endSession(): Promise<void> {
  await signOut({ redirect: false, redirectTo: "/" });
}
