// Data for the API bench: partners with keys and onboarded merchants made through the domain
// functions (so rows look exactly like production ones), and payment requests bulk-inserted in SQL
// (a million through the API would take longer than the whole bench may).
import { randomBytes } from "node:crypto";
import pg from "pg";

export interface BenchPartner {
  partnerId: string;
  keys: string[];
  merchantIds: string[];
}

/** Must be called after DATABASE_URL is set: the domain code reads configuration on first use. */
export async function seedPartners(opts: { partners: number; keysPerPartner: number; merchantsPerPartner: number; rateLimitPerMinute: number }) {
  const { createPartner } = await import("@/lib/partners/create-partner");
  const { CLI_ACTOR } = await import("@/lib/audit/record");
  const { createApiKey } = await import("@/lib/api-keys/create-api-key");
  const { completeOnboarding } = await import("@/lib/merchants/complete-onboarding");
  const { db } = await import("@/lib/db");
  const run = randomBytes(3).toString("hex");
  const out: BenchPartner[] = [];
  for (let p = 0; p < opts.partners; p++) {
    const partner = await createPartner({
      slug: `bench-${run}-${p}`,
      name: `Bench Partner ${p}`,
      currency: "EUR",
      // The limiter still counts every request (one upsert each); it just never refuses.
      rateLimitPerMinute: opts.rateLimitPerMinute,
    }, { actor: CLI_ACTOR });
    const keys: string[] = [];
    for (let k = 0; k < opts.keysPerPartner; k++) keys.push((await createApiKey({ partnerId: partner.id, mode: "live", name: `bench ${k}` })).key);
    const merchantIds: string[] = [];
    for (let m = 0; m < opts.merchantsPerPartner; m++) {
      const merchant = await db.merchant.create({ data: { partnerId: partner.id, testMode: false, businessName: `Bench Shop ${p}.${m}`, accountType: "business" } });
      await completeOnboarding({ merchantId: merchant.id, walletAddress: `0x${randomBytes(20).toString("hex")}` });
      merchantIds.push(merchant.id);
    }
    out.push({ partnerId: partner.id, keys, merchantIds });
  }
  return out;
}

/**
 * Inserts `count` live-mode requests spread round-robin over `merchantIds` (all onboarded merchants
 * when omitted), statuses spread evenly and independently of the merchant, created_at spread
 * uniformly over the last 90 days. Chunked so progress shows and no single statement runs for minutes.
 */
export async function insertRequests(
  databaseUrl: string,
  opts: { count: number; merchantIds?: string[]; chainId: number; usdcContract: string; onProgress?: (done: number) => void },
) {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const chunk = 100_000;
    for (let done = 0; done < opts.count; done += chunk) {
      const n = Math.min(chunk, opts.count - done);
      await client.query(
        `WITH m AS (
           SELECT id, "partnerId", "walletAddress", (row_number() OVER (ORDER BY id)) - 1 AS i
           FROM merchants
           WHERE "walletAddress" IS NOT NULL AND ($1::uuid[] IS NULL OR id = ANY($1::uuid[]))
         ), k AS (SELECT count(*) AS n FROM m),
         g AS (
           SELECT s, now() - random() * interval '90 days' AS at, 100 + (random() * 100000)::int AS fiat
           FROM generate_series($2::bigint, $3::bigint) s
         )
         INSERT INTO payment_requests (
           id, "partnerId", "merchantId", "testMode", status, "proofStatus", "paymentMode", "fiatAmountInt", "fiatCode",
           "usdcMicro", "amountTag", "fxRate", "fxSource", "fxRateAt", metadata, "idempotencyKey", "receivingWallet",
           "chainId", "usdcContract", "expiresAt", "createdVia", "createdAt", "updatedAt")
         SELECT gen_random_uuid(), m."partnerId", m.id, false,
           (ARRAY['requested','opened','expired','voided']::"RequestStatus"[])[1 + ((g.s / k.n) % 4)],
           'none', 'pos', g.fiat, 'EUR', g.fiat::bigint * 11000, 0, 1.10, 'static', g.at, '{}',
           md5(g.s::text || random()::text), m."walletAddress", $4, $5, g.at + interval '60 minutes', 'api', g.at, g.at
         FROM g CROSS JOIN k JOIN m ON m.i = g.s % k.n`,
        [opts.merchantIds ?? null, done, done + n - 1, opts.chainId, opts.usdcContract],
      );
      opts.onProgress?.(done + n);
    }
  } finally {
    await client.end();
  }
}

export async function sql<T extends pg.QueryResultRow>(databaseUrl: string, text: string, params: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    return (await client.query<T>(text, params)).rows;
  } finally {
    await client.end();
  }
}
