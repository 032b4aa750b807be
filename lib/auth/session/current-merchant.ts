// The signed-in merchant for server components and server actions (next-auth's auth()), and
// signing merchants in through next-auth. Route handlers use merchantSessionFromRequest instead.
// Every dashboard read and write starts here.
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { resolveMerchantSession, type MerchantSession } from "@/lib/auth/merchant/session";
import { auth, signIn } from "@/lib/auth/session/next-auth";
import { issueMerchantSessionGrant } from "@/lib/auth/session/session-grant";
import { parseClaims } from "@/lib/auth/session/session-token";

export async function currentMerchant(): Promise<MerchantSession | null> {
  return resolveMerchantSession(parseClaims(await auth()));
}

/** For pages behind sign-in: the session, or a redirect to the sign-in screen. */
export async function requireMerchant(): Promise<MerchantSession> {
  const session = await currentMerchant();
  if (!session) redirect("/merchant/sign-in");
  return session;
}

/**
 * Signs in with a SIWE signature through next-auth's "siwe" provider (which verifies it: domain,
 * nonce, connected wallet). Refusals throw SignInRefused with the text to show.
 */
export async function signInWithWallet(input: { message: string; signature: string; address: string }): Promise<void> {
  await signIn("siwe", { ...input, redirect: false, redirectTo: "/merchant" });
}

/**
 * Signs the merchant in for `wallet` right after a flow that verified that wallet's signature itself
 * (onboarding, payout-wallet change), through the same provider with a one-time grant.
 */
export async function signInVerifiedMerchant(merchantId: string, wallet: string): Promise<void> {
  const grant = await issueMerchantSessionGrant(merchantId, wallet);
  await signIn("siwe", { grant, redirect: false, redirectTo: "/merchant" });
}

/** host[:port] the browser used; SIWE checks it against our own hosts (lib/auth/merchant/siwe.ts). */
export async function requestHost(): Promise<string | null> {
  return (await headers()).get("host");
}
