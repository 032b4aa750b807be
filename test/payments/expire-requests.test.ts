// Expiry sweeper: expires only requested/opened requests past expires_at with no proof (or only
// proofs the chain never showed), each with its request.expired event; never one whose proof the
// chain has shown, nor a verified one.
import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { expireRequests } from "@/lib/requests/expire-requests";
import { eventsFor, insertRequest, makePaymentSetup } from "../support/request-fixtures";

describe("expireRequests", () => {
  it("expires exactly the requests it should, each with one request.expired event", async () => {
    const s = await makePaymentSetup();
    const past = new Date(Date.now() - 60_000);
    const future = new Date(Date.now() + 3_600_000);
    const base = {
      partnerId: s.partner.id, merchantId: s.merchant.id, usdcMicro: 1_000_000n, receivingWallet: s.merchant.walletAddress!,
      chainId: 31337, usdcContract: "0x5fbdb2315678afecb367f032d93f642f64180aa3", createdAt: new Date(Date.now() - 3_600_000),
    };
    const rows = {
      requestedPast: await insertRequest({ ...base, expiresAt: past }),
      openedPast: await insertRequest({ ...base, expiresAt: past, status: "opened" }),
      requestedFuture: await insertRequest({ ...base, expiresAt: future }),
      attachedPast: await insertRequest({ ...base, expiresAt: past, proofStatus: "attached" }),
      verifiedPast: await insertRequest({ ...base, expiresAt: past, proofStatus: "verified" }),
      voidedPast: await insertRequest({ ...base, expiresAt: past, status: "voided" }),
      alreadyExpired: await insertRequest({ ...base, expiresAt: past, status: "expired" }),
      attachedUnseenPast: await insertRequest({ ...base, expiresAt: past, proofStatus: "attached" }),
    };
    const pendingProof = (requestId: string, receiptSeenAt: Date | null) => {
      const txHash = `0x${randomBytes(32).toString("hex")}`;
      return db.proof.create({ data: { requestId, chainId: base.chainId, txHash, activeTxHash: txHash, source: "pay_page", expectedMicro: base.usdcMicro, receiptSeenAt } });
    };
    // Seen on chain: a payment may be confirming. Never seen: junk pasted on the pay page.
    await pendingProof(rows.attachedPast.id, new Date());
    await pendingProof(rows.attachedUnseenPast.id, null);

    expect(await expireRequests({ partnerId: s.partner.id })).toBe(3);
    expect(await expireRequests({ partnerId: s.partner.id })).toBe(0);

    const status = async (id: string) => (await db.paymentRequest.findUniqueOrThrow({ where: { id } })).status;
    expect(await status(rows.requestedPast.id)).toBe("expired");
    expect(await status(rows.openedPast.id)).toBe("expired");
    expect(await status(rows.requestedFuture.id)).toBe("requested");
    expect(await status(rows.attachedPast.id)).toBe("requested");
    expect(await status(rows.verifiedPast.id)).toBe("requested");
    expect(await status(rows.voidedPast.id)).toBe("voided");
    expect(await status(rows.alreadyExpired.id)).toBe("expired");
    expect(await status(rows.attachedUnseenPast.id)).toBe("expired");
    expect((await db.paymentRequest.findUniqueOrThrow({ where: { id: rows.requestedPast.id } })).expiredAt).not.toBeNull();

    for (const r of [rows.requestedPast, rows.openedPast, rows.attachedUnseenPast]) {
      const events = await eventsFor(r.id);
      expect(events.map((e) => e.type)).toEqual(["request.expired"]);
      expect(events[0].data).toMatchObject({ request_id: r.id, status: "expired", proof_status: r === rows.attachedUnseenPast ? "attached" : "none", metadata: { order_id: "ORD-1" } });
    }
    for (const r of [rows.requestedFuture, rows.attachedPast, rows.verifiedPast, rows.voidedPast, rows.alreadyExpired]) {
      expect(await eventsFor(r.id)).toEqual([]);
    }
  });

  it("two sweepers running at once expire each request once", async () => {
    const s = await makePaymentSetup();
    const base = {
      partnerId: s.partner.id, merchantId: s.merchant.id, usdcMicro: 1_000_000n, receivingWallet: s.merchant.walletAddress!,
      chainId: 31337, usdcContract: "0x5fbdb2315678afecb367f032d93f642f64180aa3", expiresAt: new Date(Date.now() - 1000),
    };
    const reqs = await Promise.all(Array.from({ length: 8 }, () => insertRequest(base)));
    const [a, b] = await Promise.all([expireRequests({ partnerId: s.partner.id }), expireRequests({ partnerId: s.partner.id })]);
    expect(a + b).toBe(8);
    const events = await db.event.findMany({ where: { requestId: { in: reqs.map((r) => r.id) } } });
    expect(events.map((e) => e.type)).toEqual(Array(8).fill("request.expired"));
    expect(new Set(events.map((e) => e.requestId)).size).toBe(8);
  });
});
