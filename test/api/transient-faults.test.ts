// A database that cannot answer in time (here: a row lock held by a stuck peer, bounded by the
// pool's lock_timeout) is a 503 with Retry-After — for the partner API, the public pay endpoints
// and the pay page — and the same call succeeds once the lock is gone. Real PostgreSQL, real
// route handlers; the pay page through its own getServerSideProps.
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import type { GetServerSidePropsContext } from "next";
import { describe, expect, it } from "vitest";
import pg from "pg";
import PayPage, { getServerSideProps } from "@/pages/pay/[id]";
import { db } from "@/lib/db";
import { call } from "../support/call-route";
import { insertRequest, makePaymentSetup } from "../support/request-fixtures";

const CHAIN = 31337;
const USDC = "0x5fbdb2315678afecb367f032d93f642f64180aa3";

/** Holds the request's row lock in a transaction of its own, as a stuck worker would. */
async function holdRowLock(requestId: string) {
  const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await client.connect();
  await client.query("BEGIN");
  await client.query(`SELECT 1 FROM payment_requests WHERE id = $1 FOR UPDATE`, [requestId]);
  return async () => {
    await client.query("ROLLBACK");
    await client.end();
  };
}

async function openRequest() {
  const s = await makePaymentSetup();
  const request = await insertRequest({
    partnerId: s.partner.id, merchantId: s.merchant.id, usdcMicro: 27_500_000n, receivingWallet: s.merchant.walletAddress!, chainId: CHAIN, usdcContract: USDC,
  });
  return { ...s, request };
}

function payPageContext(id: string) {
  const headers: Record<string, string> = { "user-agent": "Mozilla/5.0 (iPhone) Safari/605.1.15", "accept-language": "nl-NL,nl;q=0.9", host: "localhost:3000" };
  const res = { statusCode: 200, headers: {} as Record<string, string>, setHeader(k: string, v: string) { this.headers[k.toLowerCase()] = v; } };
  const ctx = { req: { method: "GET", headers, url: `/pay/${id}` }, res, params: { id }, query: {}, resolvedUrl: `/pay/${id}` };
  return { ctx: ctx as unknown as GetServerSidePropsContext, res };
}

describe("a database that cannot answer in time", () => {
  it("partner API: 503 service_unavailable with Retry-After while the row is stuck, 200 after", async () => {
    const { request, liveKey } = await openRequest();
    const release = await holdRowLock(request.id);
    let stuck;
    try {
      stuck = await call("POST", `/api/v1/requests/${request.id}/cancel`, { key: liveKey });
    } finally {
      await release();
    }
    expect(stuck.status).toBe(503);
    expect(stuck.body).toMatchObject({ ok: false, error: "service_unavailable" });
    expect(Number(stuck.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(stuck.headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);
    expect((await db.paymentRequest.findUniqueOrThrow({ where: { id: request.id } })).status).toBe("requested");

    const after = await call("POST", `/api/v1/requests/${request.id}/cancel`, { key: liveKey });
    expect(after.status).toBe(200);
    expect(after.body.status).toBe("voided");
  });

  it("public proof endpoint: 503 with Retry-After, and the proof can be sent again after", async () => {
    const { request } = await openRequest();
    const hash = `0x${"ab".repeat(32)}`;
    const release = await holdRowLock(request.id);
    let stuck;
    try {
      stuck = await call("POST", `/api/pay/${request.id}/proof`, { body: { tx_hash: hash } });
    } finally {
      await release();
    }
    expect(stuck.status).toBe(503);
    expect(stuck.headers.get("retry-after")).toMatch(/^\d+$/);
    expect(await db.proof.count({ where: { requestId: request.id } })).toBe(0);
    const after = await call("POST", `/api/pay/${request.id}/proof`, { body: { tx_hash: hash } });
    expect(after.status).toBe(200);
  });

  it("pay page: a translated 'temporary problem' page with 503 and Retry-After, the normal page after", async () => {
    const { request } = await openRequest();
    const release = await holdRowLock(request.id); // the first view marks the request opened: an UPDATE
    let stuck;
    try {
      stuck = payPageContext(request.id);
      const result = await getServerSideProps(stuck.ctx);
      expect(result).toMatchObject({ props: { found: false, unavailable: true, locale: "nl" } });
      const html = renderToStaticMarkup(createElement(PayPage, (result as { props: never }).props));
      expect(html).toContain('data-testid="pay-unavailable"');
      expect(html).toContain("Een tijdelijk probleem");
    } finally {
      await release();
    }
    expect(stuck.res.statusCode).toBe(503);
    expect(stuck.res.headers["retry-after"]).toMatch(/^\d+$/);

    const after = payPageContext(request.id);
    expect(await getServerSideProps(after.ctx)).toMatchObject({ props: { found: true } });
    expect(after.res.statusCode).toBe(200);
    expect((await db.paymentRequest.findUniqueOrThrow({ where: { id: request.id } })).status).toBe("opened");
  });
});
