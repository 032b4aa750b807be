// The signed-in merchant for server components and server actions (next/headers). Route handlers
// use merchantSessionFromRequest instead. Every dashboard read and write starts here.
import { cookies, headers } from "next/headers";
import { redirect } from "next/navigation";
import {
  MERCHANT_SESSION_COOKIE,
  resolveMerchantSession,
  sealMerchantSession,
  sessionCookieOptions,
  type MerchantSession,
} from "./merchant-session";

export async function currentMerchant(): Promise<MerchantSession | null> {
  const jar = await cookies();
  return resolveMerchantSession(jar.get(MERCHANT_SESSION_COOKIE)?.value);
}

/** For pages behind sign-in: the session, or a redirect to the sign-in screen. */
export async function requireMerchant(): Promise<MerchantSession> {
  const session = await currentMerchant();
  if (!session) redirect("/merchant/sign-in");
  return session;
}

export async function startMerchantSession(merchantId: string, wallet: string) {
  const { value, expires } = sealMerchantSession(merchantId, wallet);
  (await cookies()).set(MERCHANT_SESSION_COOKIE, value, sessionCookieOptions(expires));
}

export async function endMerchantSession() {
  (await cookies()).delete(MERCHANT_SESSION_COOKIE);
}

/** host[:port] the browser used; SIWE checks it against our own hosts (lib/auth/siwe.ts). */
export async function requestHost(): Promise<string | null> {
  return (await headers()).get("host");
}
