// The bare baselines for `npm run bench:api`: plain node:http + a pg Pool, no framework, no ORM,
// no schema library. Run as their own process, like `next start`, so both compete for the same two
// cores on equal terms. BASELINE=same (default) or BASELINE=insert-only:
//  - same: the authenticated insert as POST /api/v1/requests/create did it on 2026-12-03, frozen in
//    ./frozen-create-sql.ts (the key and rate-limit statements are still the live ones, unchanged
//    since) — key + partner by hash, rate-limit count, merchant + idempotent replay, then one
//    transaction: pick a free amount tag (locking that amount), insert (ids are UUIDv7 as ours:
//    random ids spread inserts over the primary key's pages). What is
//    left out is everything that is not the database: Next, zod, our error table, serialisation.
//    The ratio against it is what the framework and our code cost.
//  - insert-only: key lookup and one INSERT…SELECT, no rate limit, no replay, no tag, no lock —
//    the cheapest insert that still authenticates; a reference for what the rules themselves cost.
// Either mode also answers GET /api/v1/requests (status, merchant_id, since, limit, offset) with the
// statements GET /api/v1/requests runs today, imported from lib/ (never copied): key + partner,
// rate-limit count, merchant in tenant, the page, its proofs and its refunds. The rows go out as pg
// returns them, through plain JSON.stringify: no Next, no zod, no mapping to the API's shape.
import { randomUUID } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import pg from "pg";
import { KEY_WITH_PARTNER_SQL } from "../../lib/api/authenticate";
import { hashKey } from "../../lib/api-keys/key-format";
import { uuidv7 } from "../../lib/ids";
import { slotting, TAKE_SQL, takeValues } from "../../lib/rate-limit/counters";
import { PROOFS_OF_REQUESTS_SQL } from "../../lib/payments/latest-proof";
import { REFUNDS_OF_REQUESTS_SQL } from "../../lib/refunds/list-refunds";
import { listRequestsStatement } from "../../lib/requests/list-requests";
import type { ListRequestsQuery } from "../../lib/schemas/request";
import { MERCHANT_IN_TENANT_SQL } from "../../lib/tenancy";
import { INSERT_REQUEST_SQL, insertParams, MERCHANT_AND_REPLAY_SQL, withFreeAmountTag, type InsertValues } from "./frozen-create-sql";

const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: Number(process.env.DATABASE_POOL_SIZE ?? 10) });
const MODE = process.env.BASELINE === "insert-only" ? "insert-only" : "same";
const CHAIN_ID = Number(process.env.BASELINE_CHAIN_ID ?? 31337);
const USDC = (process.env.BASELINE_USDC_ADDRESS ?? "").toLowerCase();
const RATE = "1.1"; // EUR at the static rate: 1 cent = 11,000 USDC micro-units
const MICRO_PER_CENT = 11_000n;

const INSERT_ONLY = `
  INSERT INTO payment_requests (
    id, "partnerId", "merchantId", "testMode", "paymentMode", "fiatAmountInt", "fiatCode", "usdcMicro", "amountTag",
    "fxRate", "fxSource", "fxRateAt", memo, "customerName", "customerEmail", "customerPhone", metadata,
    "idempotencyKey", "receivingWallet", "chainId", "usdcContract", "expiresAt", "createdVia", "createdAt", "updatedAt")
  SELECT $1, m."partnerId", m.id, $2, 'pos', $3, COALESCE(m."displayCurrency", p.currency), $4, 0,
    1.10, 'static', now(), $5, NULL, NULL, NULL, $6,
    $7, m."walletAddress", $8, $9, now() + interval '60 minutes', 'api', now(), now()
  FROM merchants m JOIN partners p ON p.id = m."partnerId"
  WHERE m.id = $10 AND m."partnerId" = $11 AND m."testMode" = $2
  RETURNING id, "createdAt", "usdcMicro", "receivingWallet"`;

type Body = { merchant_id?: string; fiat_amount_int?: number; memo?: string; metadata?: Record<string, string>; idempotency_key?: string };
type Key = { id: string; mode: string; revokedAt: Date | null; expiresAt: Date | null; p_id: string; p_disabled: boolean; p_currency: string; p_defaultPosExpiryMinutes: number };

function send(res: ServerResponse, status: number, body: unknown) {
  const text = JSON.stringify(body);
  res.writeHead(status, { "content-type": "application/json", "content-length": Buffer.byteLength(text) });
  res.end(text);
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

async function authenticated(req: IncomingMessage): Promise<Key | null> {
  const bearer = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? "")?.[1];
  if (!bearer) return null;
  const [key] = (await pool.query<Key>(KEY_WITH_PARTNER_SQL, [hashKey(bearer)])).rows;
  return !key || key.revokedAt || key.p_disabled || (key.expiresAt && key.expiresAt <= new Date()) ? null : key;
}

// The limit bench/api.ts seeds its partners with.
const countRequest = (key: Key) => pool.query(TAKE_SQL, takeValues(`key:${key.id}:default`, 1_000_000_000, slotting(60_000, Date.now())));

async function list(req: IncomingMessage, res: ServerResponse, url: URL) {
  const key = await authenticated(req);
  if (!key) return send(res, 401, { ok: false, error: "unauthorized" });
  await countRequest(key);
  const p = url.searchParams;
  const scope = { partnerId: key.p_id, testMode: key.mode === "test" };
  const q = {
    status: p.get("status") ?? undefined,
    merchant_id: p.get("merchant_id") ?? undefined,
    since: p.has("since") ? new Date(p.get("since")!) : undefined,
    limit: Number(p.get("limit") ?? 50),
    offset: Number(p.get("offset") ?? 0),
  } as ListRequestsQuery;
  if (q.merchant_id && !(await pool.query(MERCHANT_IN_TENANT_SQL, [scope.partnerId, scope.testMode, q.merchant_id])).rows.length) {
    return send(res, 404, { ok: false, error: "not_found" });
  }
  const page = listRequestsStatement(scope, q, null);
  const { rows } = await pool.query(page.text, page.values);
  const requests = rows.slice(0, q.limit);
  const ids = requests.map((r) => r.id);
  const [proofs, refunds] = await Promise.all([pool.query(PROOFS_OF_REQUESTS_SQL, [ids]), pool.query(REFUNDS_OF_REQUESTS_SQL, [ids])]);
  send(res, 200, { ok: true, requests, proofs: proofs.rows, refunds: refunds.rows, has_more: rows.length > q.limit, limit: q.limit, offset: q.offset });
}

async function handle(req: IncomingMessage, res: ServerResponse) {
  if (req.method === "GET" && /^\/api\/v1\/requests(\?|$)/.test(req.url ?? "")) return list(req, res, new URL(req.url!, "http://baseline"));
  if (req.method !== "POST" || req.url !== "/api/v1/requests/create") return send(res, 404, { ok: false });
  const key = await authenticated(req);
  if (!key) return send(res, 401, { ok: false, error: "unauthorized" });
  const testMode = key.mode === "test";

  let body: Body;
  try {
    body = JSON.parse(await readBody(req));
  } catch {
    return send(res, 400, { ok: false, error: "invalid_json" });
  }
  const amount = Number(body.fiat_amount_int);
  if (!body.merchant_id || !Number.isInteger(amount) || amount <= 0) return send(res, 400, { ok: false, error: "validation_error" });
  const idempotencyKey = body.idempotency_key ?? randomUUID();
  const base = BigInt(amount) * MICRO_PER_CENT;

  if (MODE === "insert-only") {
    const [r] = (await pool.query(INSERT_ONLY, [randomUUID(), testMode, amount, base.toString(), body.memo ?? null, JSON.stringify(body.metadata ?? {}), idempotencyKey, CHAIN_ID, USDC, body.merchant_id, key.p_id])).rows;
    if (!r) return send(res, 404, { ok: false, error: "not_found" });
    return send(res, 201, { ok: true, request_id: r.id, created_at: r.createdAt, amount: { usdc_micro: String(r.usdcMicro) }, receiving_wallet: r.receivingWallet });
  }

  await countRequest(key);
  const [m] = (await pool.query(MERCHANT_AND_REPLAY_SQL, [key.p_id, testMode, body.merchant_id, idempotencyKey])).rows;
  if (!m) return send(res, 404, { ok: false, error: "not_found" });
  if (m.id !== null) return send(res, 200, { ok: true, request_id: m.id, idempotent_replay: true });
  if (m.m_disabled || m.m_onboardingStatus !== "complete" || !m.m_walletAddress) return send(res, 409, { ok: false });
  const wallet = String(m.m_walletAddress).toLowerCase();

  const client = await pool.connect();
  try {
    await client.query("BEGIN; SET LOCAL statement_timeout = 15000");
    const at = new Date();
    const values: InsertValues = {
      id: uuidv7(), partnerId: key.p_id, merchantId: m.m_id, testMode, paymentMode: "pos", fiatAmountInt: amount,
      fiatCode: m.m_displayCurrency ?? key.p_currency, usdcMicro: base.toString(),
      fxRate: RATE, fxSource: "static", fxRateAt: at, memo: body.memo ?? null, customerName: null, customerEmail: null,
      customerPhone: null, metadata: JSON.stringify(body.metadata ?? {}), idempotencyKey, receivingWallet: wallet,
      chainId: CHAIN_ID, usdcContract: USDC, expiresAt: new Date(at.getTime() + key.p_defaultPosExpiryMinutes * 60_000),
      createdVia: "api", createdAt: at, updatedAt: at,
    };
    const tx = async <T = Record<string, unknown>,>(text: string, params?: unknown[]) => (await client.query(text, params)).rows as T[];
    const r = await withFreeAmountTag(tx, { chainId: CHAIN_ID, wallet, base }, async (tag) => (await tx<Record<string, unknown>>(INSERT_REQUEST_SQL, insertParams(values, tag)))[0] ?? null);
    if (!r) {
      await client.query("ROLLBACK");
      return send(res, 503, { ok: false });
    }
    await client.query("COMMIT");
    send(res, 201, { ok: true, request_id: r.id, created_at: r.createdAt, amount: { usdc_micro: String(r.usdcMicro) }, receiving_wallet: r.receivingWallet });
  } catch (err) {
    await client.query("ROLLBACK").catch(() => {});
    throw err;
  } finally {
    client.release();
  }
}

const server = createServer((req, res) => {
  handle(req, res).catch(() => send(res, 500, { ok: false, error: "internal_error" }));
});
server.keepAliveTimeout = 65_000;
server.listen(Number(process.env.PORT ?? 0), "127.0.0.1", () => {
  const addr = server.address();
  console.log(`listening ${typeof addr === "object" && addr ? addr.port : ""}`);
});
process.on("SIGTERM", () => {
  server.close();
  void pool.end().finally(() => process.exit(0));
});
