// The bare baseline for `npm run bench:api`: plain node:http + a pg Pool doing the same
// authenticated insert as POST /api/v1/requests/create, with nothing else — hash the bearer key,
// look the key up by hash, insert a payment_requests row with the same columns (tenant-checked
// against merchants in the same statement) and answer 201 with JSON. Run as its own process, like
// `next start`, so both compete for the same two cores on equal terms.
import { createHash, randomUUID } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import pg from "pg";

const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: Number(process.env.DATABASE_POOL_SIZE ?? 10) });
const CHAIN_ID = Number(process.env.BASELINE_CHAIN_ID ?? 31337);
const USDC = (process.env.BASELINE_USDC_ADDRESS ?? "").toLowerCase();
const RATE_MICRO_PER_CENT = 11_000n; // EUR at 1.10: 1 cent = 11,000 USDC micro-units

const INSERT = `
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

async function handle(req: IncomingMessage, res: ServerResponse) {
  if (req.method !== "POST" || req.url !== "/api/v1/requests/create") return send(res, 404, { ok: false });
  const key = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? "")?.[1];
  if (!key) return send(res, 401, { ok: false, error: "unauthorized" });
  const hash = createHash("sha256").update(key).digest("hex");
  const found = await pool.query<{ id: string; partnerId: string; mode: string; revokedAt: Date | null; expiresAt: Date | null }>(
    `SELECT id, "partnerId", mode, "revokedAt", "expiresAt" FROM api_keys WHERE "keyHash" = $1`,
    [hash],
  );
  const row = found.rows[0];
  if (!row || row.revokedAt || (row.expiresAt && row.expiresAt <= new Date())) return send(res, 401, { ok: false, error: "unauthorized" });

  let body: { merchant_id?: string; fiat_amount_int?: number; memo?: string; metadata?: Record<string, string>; idempotency_key?: string };
  try {
    body = JSON.parse(await readBody(req));
  } catch {
    return send(res, 400, { ok: false, error: "invalid_json" });
  }
  const amount = Number(body.fiat_amount_int);
  if (!body.merchant_id || !Number.isInteger(amount) || amount <= 0) return send(res, 400, { ok: false, error: "validation_error" });
  const inserted = await pool.query(INSERT, [
    randomUUID(),
    row.mode === "test",
    amount,
    (BigInt(amount) * RATE_MICRO_PER_CENT).toString(),
    body.memo ?? null,
    JSON.stringify(body.metadata ?? {}),
    body.idempotency_key ?? randomUUID(),
    CHAIN_ID,
    USDC,
    body.merchant_id,
    row.partnerId,
  ]);
  if (!inserted.rows[0]) return send(res, 404, { ok: false, error: "not_found" });
  const r = inserted.rows[0];
  send(res, 201, { ok: true, request_id: r.id, created_at: r.createdAt, amount: { usdc_micro: String(r.usdcMicro) }, receiving_wallet: r.receivingWallet });
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
