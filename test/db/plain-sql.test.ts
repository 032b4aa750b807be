// The plain-SQL path (lib/db/sql.ts) reads and writes the same rows as Prisma: a request read with
// SQL maps to exactly what Prisma returns for it, with every column set and with every nullable one
// NULL; an audit entry written through SQL is the same row as one written through Prisma; a
// transaction that throws leaves nothing behind and its connection usable.
import { randomBytes } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { recordAudit, type AuditEntry } from "@/lib/audit/record";
import { db, getPool } from "@/lib/db";
import { sql, sqlTransaction } from "@/lib/db/sql";
import type { Partner } from "@/lib/generated/prisma/client";
import { createRequest } from "@/lib/requests/create-request";
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
