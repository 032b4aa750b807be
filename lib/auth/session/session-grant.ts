// One-time sign-in grants for the merchant session. Finishing onboarding and changing the payout
// wallet each verify (and consume) a SIWE signature of their own; the merchant should then be
// signed in — for the new wallet — without a second signature. The server action that did the
// verification issues a grant and immediately redeems it through next-auth's "siwe" provider.
//
// A grant is 256 random bits, lives 60 seconds, is redeemable exactly once (conditional UPDATE)
// and never leaves the server. It names the merchant and the wallet it was issued for; redeeming
// re-checks that this is still the merchant's wallet. Stored in siwe_nonces, the table of
// single-use sign-in secrets, under its own purpose prefix so it can never pass as a SIWE nonce.
import { randomBytes } from "node:crypto";
import { db } from "@/lib/db";
import type { Merchant } from "@/lib/generated/prisma/client";

export const GRANT_TTL_MS = 60_000;
const PREFIX = "session-grant:";

export async function issueMerchantSessionGrant(merchantId: string, wallet: string, now = new Date()): Promise<string> {
  const grant = randomBytes(32).toString("base64url");
  await db.siweNonce.create({
    data: { nonce: grant, purpose: `${PREFIX}${merchantId}:${wallet.toLowerCase()}`, expiresAt: new Date(now.getTime() + GRANT_TTL_MS), createdAt: now },
  });
  return grant;
}

/** The merchant the grant signs in, consuming it; null for unknown, used, expired or stale grants. */
export async function redeemMerchantSessionGrant(grant: unknown, now = new Date()): Promise<Merchant | null> {
  if (typeof grant !== "string" || !/^[A-Za-z0-9_-]{43}$/.test(grant)) return null;
  const [row] = await db.siweNonce.updateManyAndReturn({
    where: { nonce: grant, purpose: { startsWith: PREFIX }, usedAt: null, expiresAt: { gt: now } },
    data: { usedAt: now },
  });
  if (!row) return null;
  const [merchantId, wallet] = row.purpose.slice(PREFIX.length).split(":");
  const merchant = await db.merchant.findUnique({ where: { id: merchantId } });
  if (!merchant || merchant.onboardingStatus !== "complete" || merchant.walletAddress !== wallet) return null;
  return merchant;
}
