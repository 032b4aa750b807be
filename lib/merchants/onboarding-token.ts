// Onboarding links (SPEC §5: single-use token, 7-day expiry). Tokens are stored only as a SHA-256
// hash, yet the seed returns `onboarding_url` on every read of an incomplete merchant. So the token
// is derivable by the server alone:
//   token = "<row id>.<base64url HMAC-SHA256(JOPAY_SECRET, 'onboarding:' + row id)>"
// A database leak yields hashes of tokens, which cannot be turned into tokens without the secret;
// the server can rebuild the URL of the latest unused token whenever it serialises the merchant.
import { createHash, createHmac, timingSafeEqual } from "node:crypto";
import { appSecret } from "@/lib/app-secret";
import { db, type Tx } from "@/lib/db";
import type { Merchant, OnboardingToken } from "@/lib/generated/prisma/client";
import { uuidv7, UUID_RE } from "@/lib/ids";
import { onboardingUrl } from "@/lib/urls";

export const ONBOARDING_TOKEN_TTL_MS = 7 * 24 * 60 * 60_000;
/** A read re-issues rather than hand out a link that would die before the user gets to it. */
const MIN_REMAINING_MS = 24 * 60 * 60_000;

type Client = Tx | typeof db;

function mac(rowId: string): string {
  return createHmac("sha256", appSecret()).update(`onboarding:${rowId}`).digest("base64url");
}

export function tokenFor(rowId: string): string {
  return `${rowId}.${mac(rowId)}`;
}

export function hashToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

export function onboardingUrlFor(row: Pick<OnboardingToken, "id">): string {
  return onboardingUrl(tokenFor(row.id));
}

/** A fresh single-use token row for the merchant. */
export async function issueOnboardingToken(
  merchantId: string,
  opts: { returnUrl?: string | null; now?: Date } = {},
  client: Client = db,
): Promise<OnboardingToken> {
  const id = uuidv7();
  const now = opts.now ?? new Date();
  return client.onboardingToken.create({
    data: {
      id,
      merchantId,
      tokenHash: hashToken(tokenFor(id)),
      returnUrl: opts.returnUrl ?? null,
      expiresAt: new Date(now.getTime() + ONBOARDING_TOKEN_TTL_MS),
      createdAt: now,
    },
  });
}

/**
 * The onboarding URL to show for each merchant: null once complete; else the latest unused token
 * with at least a day left, issuing one lazily when there is none. One query for any number.
 */
export async function onboardingUrls(merchants: Merchant[], client: Client = db): Promise<Map<string, string | null>> {
  const out = new Map<string, string | null>();
  const open = merchants.filter((m) => m.onboardingStatus !== "complete");
  for (const m of merchants) if (m.onboardingStatus === "complete") out.set(m.id, null);
  if (open.length === 0) return out;
  const now = new Date();
  const rows = await client.onboardingToken.findMany({
    where: { merchantId: { in: open.map((m) => m.id) }, usedAt: null, expiresAt: { gt: new Date(now.getTime() + MIN_REMAINING_MS) } },
    orderBy: { createdAt: "desc" },
  });
  for (const row of rows) if (!out.has(row.merchantId)) out.set(row.merchantId, onboardingUrlFor(row));
  for (const m of open) {
    if (!out.has(m.id)) out.set(m.id, onboardingUrlFor(await issueOnboardingToken(m.id, { now }, client)));
  }
  return out;
}

export type VerifiedOnboardingToken = { token: OnboardingToken; merchant: Merchant };

/**
 * Checks a token from a URL: well-formed, MAC valid, known, unused, unexpired, merchant still
 * incomplete. Returns null for every failure alike. Consuming it is completeOnboarding's job
 * (pass `onboardingTokenId`), in the same transaction as the completion.
 */
export async function verifyOnboardingToken(token: string, client: Client = db, now = new Date()): Promise<VerifiedOnboardingToken | null> {
  const [rowId, given, ...rest] = token.split(".");
  if (!rowId || !given || rest.length || !UUID_RE.test(rowId)) return null;
  const expected = Buffer.from(mac(rowId));
  const actual = Buffer.from(given);
  if (expected.length !== actual.length || !timingSafeEqual(expected, actual)) return null;
  const row = await client.onboardingToken.findUnique({ where: { tokenHash: hashToken(token) }, include: { merchant: true } });
  if (!row || row.id !== rowId || row.usedAt || row.expiresAt <= now || row.merchant.onboardingStatus === "complete") return null;
  const { merchant, ...tokenRow } = row;
  return { token: tokenRow, merchant };
}
