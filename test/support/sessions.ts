// Real next-auth session cookies for tests, minted with next-auth's own `encode` (same secret and
// salt as the app), so a test exercises exactly the decoding a browser's cookie goes through.
import { encode } from "next-auth/jwt";
import { NextRequest } from "next/server";
import { appSecret } from "@/lib/app-secret";
import { newSessionId } from "@/lib/auth/session/revoked-sessions";
import { SESSION_MAX_AGE_S, sessionCookie, type SessionClaims } from "@/lib/auth/session/session-token";
import { uniq } from "./fixtures";

// The route module (and with it next-auth and Next) loads only for tests that use the endpoints.
const authRoute = () => import("@/app/api/auth/[...nextauth]/route");

export interface MintOptions {
  /** Seconds until `exp`; negative mints an already-expired token. */
  maxAge?: number;
  /** Overrides the app secret (a token from some other installation). */
  secret?: string;
}

/** A session token value carrying `claims` (plus anything extra a test wants to smuggle in). */
export function mintSessionToken(claims: SessionClaims | Record<string, unknown>, opts: MintOptions = {}): Promise<string> {
  return encode({ token: claims, secret: opts.secret ?? appSecret(), salt: sessionCookie().name, maxAge: opts.maxAge ?? SESSION_MAX_AGE_S });
}

/** `name=value` for a Cookie header. */
export const cookiePair = (token: string) => `${sessionCookie().name}=${token}`;

export async function consoleCookie(userId: string, opts?: MintOptions): Promise<string> {
  return cookiePair(await mintSessionToken({ kind: "console", sub: userId, sid: newSessionId() }, opts));
}

export async function merchantCookie(merchantId: string, wallet: string, opts?: MintOptions): Promise<string> {
  return cookiePair(await mintSessionToken({ kind: "merchant", sub: merchantId, wallet: wallet.toLowerCase(), sid: newSessionId() }, opts));
}

/** A Request carrying `cookie`, for the *FromRequest resolvers. */
export const requestWithCookie = (cookie: string | null) =>
  new Request("http://localhost:3000/", { headers: cookie ? { cookie } : {} });

/** next-auth's endpoints, called in-process with real Requests (as a browser would post to them). */
export const AUTH_BASE = "http://localhost:3000/api/auth";

/** The handlers are typed for Next's request; a NextRequest is a Request with Next's extras. */
export const authRequest = (url: string, init?: ConstructorParameters<typeof NextRequest>[1]) => new NextRequest(url, init);

/** Cookie jar of one browser: name → value, updated from Set-Cookie (Max-Age=0 / empty deletes). */
export class Jar {
  readonly values = new Map<string, string>();
  take(res: Response) {
    for (const line of res.headers.getSetCookie()) {
      const [pair, ...attrs] = line.split(";");
      const i = pair.indexOf("=");
      const name = pair.slice(0, i).trim();
      const value = pair.slice(i + 1).trim();
      const gone = value === "" || attrs.some((a) => /^\s*max-age=0\s*$/i.test(a) || /^\s*expires=thu, 01 jan 1970/i.test(a));
      if (gone) this.values.delete(name);
      else this.values.set(name, value);
    }
  }
  header() {
    return [...this.values].map(([k, v]) => `${k}=${v}`).join("; ");
  }
  get session() {
    return this.values.get(sessionCookie().name) ?? null;
  }
}

export async function csrf(jar: Jar): Promise<string> {
  const { GET } = await authRoute();
  const res = await GET(authRequest(`${AUTH_BASE}/csrf`, { headers: { cookie: jar.header() } }));
  jar.take(res);
  return ((await res.json()) as { csrfToken: string }).csrfToken;
}

/** POSTs a form to an auth endpoint with a fresh CSRF token, like next-auth's own forms. */
export async function authPost(jar: Jar, path: string, form: Record<string, string>, ip = uniq("ip")) {
  const csrfToken = await csrf(jar);
  const { POST } = await authRoute();
  const res = await POST(
    authRequest(`${AUTH_BASE}/${path}`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", cookie: jar.header(), "x-forwarded-for": ip },
      body: new URLSearchParams({ ...form, csrfToken, callbackUrl: "/partner" }),
    }),
  );
  jar.take(res);
  return res;
}
