// The plain-SQL path (lib/db/sql.ts) reads and writes the same rows as Prisma: a request, a proof
// and a refund read with SQL map to exactly what Prisma returns for them, with every column set and
// with every nullable one NULL; an audit entry written through SQL is the same row as one written through Prisma; a
// transaction that throws leaves nothing behind and its connection usable.
import { randomBytes, randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { recordAudit, type AuditEntry } from "@/lib/audit/record";
import { db, getPool } from "@/lib/db";
import { sql, sqlTransaction } from "@/lib/db/sql";
import type { Partner } from "@/lib/generated/prisma/client";
import { createRequest } from "@/lib/requests/create-request";
import { PROOFS_OF_REQUESTS_SQL, proofsOfRequests } from "@/lib/payments/latest-proof";
import { refundsByRequest } from "@/lib/refunds/list-refunds";
import { requestColumns, toPaymentRequest } from "@/lib/requests/request-row";
import { makeOnboardedMerchant, makePartner, uniq } from "../support/fixtures";

let partner: Partner;
let merchantId: string;

beforeAll(async () => {
  partner = (await makePartner()).partner;
  merchantId = (await makeOnboardedMerchant(partner.id)).id;
});

const readWithSql = async (id: string) => toPaymentRequest((await sql(`SELECT ${requestColumns()} FROM payment_requests WHERE id = $1`, [id]))[0]);

describe("plain SQL and Prisma agree", () => {
  it("a request read with SQL equals Prisma's, with nullable columns NULL and with every column set", async () => {
    const { request } = await createRequest(
      { partner, testMode: false, createdVia: "api" },
      { merchant_id: merchantId, fiat_amount_int: 987_654_321, metadata: { order: "A-1", "ключ": "значение" } },
    );
    const prisma = await db.paymentRequest.findUniqueOrThrow({ where: { id: request.id } });
    expect(request).toEqual(prisma); // what createRequest returned (INSERT … RETURNING)
    expect(await readWithSql(request.id)).toEqual(prisma);
    expect(prisma.openedAt).toBeNull();

    const t = new Date("2026-11-21T10:11:12.345Z");
    const full = await db.paymentRequest.update({
      where: { id: request.id },
      data: {
        status: "opened", proofStatus: "verified", openedAt: t, expiredAt: t, voidedAt: t, proofVerifiedAt: t,
        txHash: `0x${"ab".repeat(32)}`, late: true, memo: "m", customerName: "n", customerEmail: "e@x.test", customerPhone: "+31 6",
        usdcMicro: 9_007_199_254_740_993n, // above 2^53: a float would round it
        fxRate: "1234567.000000000001",
      },
    });
    const viaSql = await readWithSql(request.id);
    expect(viaSql).toEqual(full);
    expect(viaSql.usdcMicro).toBe(9_007_199_254_740_993n);
    expect(viaSql.fxRate.toString()).toBe("1234567.000000000001");
  });

  it("a page's proofs and refunds read with SQL equal Prisma's, with nullable columns NULL and with every column set", async () => {
    const { request } = await createRequest({ partner, testMode: false, createdVia: "api" }, { merchant_id: merchantId, fiat_amount_int: 4_321 });
    const hash = () => `0x${randomBytes(32).toString("hex")}`;
    const bare = await db.proof.create({ data: { requestId: request.id, chainId: 31337, txHash: hash(), source: "partner_api", expectedMicro: request.usdcMicro } });
    const t = new Date("2026-11-21T10:11:12.345Z");
    const txHash = hash();
    const full = await db.proof.create({
      data: {
        requestId: request.id, chainId: 31337, txHash, activeTxHash: txHash, source: "watcher", outcome: "verified",
        rejectionReason: "r", simulated: true, blockNumber: 9_007_199_254_740_993n, blockHash: hash(), blockTime: t, confirmations: 3,
        expectedMicro: 9_007_199_254_740_995n, receivedMicro: 9_007_199_254_740_997n, overpaidMicro: 2n, late: true,
        checkAttempts: 4, nextCheckAt: t, leaseOwner: "w1", leaseUntil: t, lastError: "e", verifiedAt: t, rejectedAt: t,
        receiptSeenAt: t, finalizedAt: t, reversedAt: t,
      },
    });
    const byId = <T extends { id: string }>(rows: T[]) => [...rows].sort((a, b) => a.id.localeCompare(b.id));
    expect(byId(await proofsOfRequests([request.id]))).toEqual(byId([bare, full]));
    expect((await sql(PROOFS_OF_REQUESTS_SQL, [[randomUUID()]])).length).toBe(0);

    const refund = (extra: object) => ({
      requestId: request.id, proofId: full.id, partnerId: partner.id, merchantId, testMode: false, chainId: 31337,
      usdcContract: request.usdcContract, fromWallet: request.receivingWallet, toAddress: `0x${"12".repeat(20)}`,
      amountMicro: 9_007_199_254_740_993n, initiatedBy: "partner" as const, status: "requested" as const, ...extra,
    });
    const first = await db.refund.create({ data: refund({ createdAt: new Date(t.getTime() - 1000) }) });
    const refundHash = hash();
    const second = await db.refund.create({
      data: refund({
        reason: "r", initiatedBy: "merchant", idempotencyKey: uniq("refund"), status: "verified", simulated: true, txHash: refundHash,
        activeTxHash: refundHash, rejectionReason: "x", blockNumber: 12n, blockHash: hash(), confirmations: 2, checkAttempts: 1,
        nextCheckAt: t, leaseOwner: "w1", leaseUntil: t, lastError: "e", submittedAt: t, verifiedAt: t, finalizedAt: t,
        reversedAt: t, rejectedAt: t, cancelledAt: t, createdAt: t,
      }),
    });
    const prisma = await db.refund.findMany({ where: { requestId: request.id }, orderBy: [{ createdAt: "asc" }, { id: "asc" }] });
    expect(prisma.map((r) => r.id)).toEqual([first.id, second.id]);
    expect((await refundsByRequest([request.id, randomUUID()])).get(request.id)).toEqual(prisma);
  });

  it("an audit entry written through SQL is the row Prisma writes for it", async () => {
    const action = uniq("audit.same");
    const entry: AuditEntry = {
      actor: { id: "u1", email: "ops@example.test", role: "admin" },
      action,
      partnerId: partner.id,
      targetType: "request",
      targetId: "r1",
      before: { a: 1n, secret: "hidden", nested: { token: "x", ok: true } },
      after: null,
      ip: "203.0.113.7",
    };
    await db.$transaction((tx) => recordAudit(tx, entry));
    await sqlTransaction((tx) => recordAudit(tx, entry));
    const rows = await db.auditLog.findMany({ where: { action }, orderBy: { id: "asc" } });
    expect(rows).toHaveLength(2);
    const strip = ({ id: _id, createdAt: _c, ...rest }: (typeof rows)[number]) => rest;
    expect(strip(rows[1])).toEqual(strip(rows[0]));
    expect(rows[0].before).toEqual({ a: "1", nested: { ok: true } });
    expect(rows[0].after).toBeNull();
  });

  it("a transaction that throws is rolled back and its connection goes back to the pool clean", async () => {
    const key = `plain-sql-${randomBytes(6).toString("hex")}`;
    const insert = (tx: typeof sql) => tx(`INSERT INTO rate_limit_windows (key, slot, counts, admitted, "expiresAt") VALUES ($1, 0, '{1}', true, now())`, [key]);
    await expect(
      sqlTransaction(async (tx) => {
        await insert(tx);
        throw new Error("boom");
      }),
    ).rejects.toThrow("boom");
    await expect(sqlTransaction((tx) => tx("SELECT 1/0"))).rejects.toThrow(/division by zero/);
    expect(await sql(`SELECT 1 FROM rate_limit_windows WHERE key = $1`, [key])).toHaveLength(0);
    // Every pooled connection is idle outside a transaction: nothing was left open.
    const clients = Array.from({ length: getPool().totalCount }, () => getPool().connect());
    for (const c of await Promise.all(clients)) {
      expect((await c.query("SELECT now() = statement_timestamp() AS outside")).rows[0].outside).toBe(true);
      c.release();
    }
    await sqlTransaction(insert);
    expect(await sql(`SELECT counts FROM rate_limit_windows WHERE key = $1`, [key])).toEqual([{ counts: [1] }]);
  });
});
