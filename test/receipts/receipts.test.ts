// Signed payment receipts (lib/receipts/): issued in the transaction that verifies a payment —
// simulated and real on anvil — served at the public URL, verified by `jose` against the JWKS the
// real route serves over HTTP; tampering refused; key rotation; a reorg reverses the receipt's
// status but never its bytes; a failure after signing leaves neither receipt nor verification.
import { generateKeyPairSync } from "node:crypto";
import { createServer, type Server } from "node:http";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { compactVerify, createLocalJWKSet, createRemoteJWKSet, decodeProtectedHeader, errors, type JSONWebKeySet } from "jose";
import type { Hex } from "viem";
import { publicClientFor } from "@/lib/chains/clients";
import { resetConfigForTests } from "@/lib/config";
import { db } from "@/lib/db";
import { attachProof } from "@/lib/payments/attach-proof";
import { checkFinality } from "@/lib/payments/check-finality";
import { checkProofs } from "@/lib/payments/check-proofs";
import { simulatePayment } from "@/lib/payments/simulate-payment";
import { eventBody } from "@/lib/webhooks/deliver";
import { call } from "../support/call-route";
import { makeOnboardedMerchant, makePartner } from "../support/fixtures";
import { insertRequest, makePaymentSetup, openPaymentRequest } from "../support/request-fixtures";
import { startTestChain, type TestChain } from "../payments/support/chain";

const JWKS_PORT = 3211;
const JWKS_URL = `http://127.0.0.1:${JWKS_PORT}/api/v1/receipts/jwks.json`;
const AMOUNT = 27_500_000n;
// anvil's well-known account #1 (the test chain's payer): signs a transfer that can be re-sent after a reorg.

let chain: TestChain;
let jwksServer: Server;

beforeAll(async () => {
  chain = await startTestChain();
  // The real JWKS route handler behind a real socket, so jose fetches it as a verifier would.
  jwksServer = createServer(async (req, res) => {
    const { GET } = await import("@/app/api/v1/receipts/jwks.json/route");
    const answer = await GET(new Request(`http://localhost${req.url}`));
    res.writeHead(req.url === "/api/v1/receipts/jwks.json" ? answer.status : 404, Object.fromEntries(answer.headers));
    res.end(req.url === "/api/v1/receipts/jwks.json" ? await answer.text() : "");
  });
  await new Promise<void>((resolve) => jwksServer.listen(JWKS_PORT, "127.0.0.1", resolve));
});
afterAll(async () => {
  await new Promise((resolve) => jwksServer?.close(resolve));
  await chain?.stop();
});
afterEach(() => useKeys(undefined));

/** A fresh Ed25519 key as one RECEIPT_SIGNING_KEYS entry. */
function newKey(kid: string): string {
  const { privateKey } = generateKeyPairSync("ed25519");
  return `${kid}:${privateKey.export({ format: "der", type: "pkcs8" }).toString("base64")}`;
}

function useKeys(value: string | undefined) {
  if (value === undefined) delete process.env.RECEIPT_SIGNING_KEYS;
  else process.env.RECEIPT_SIGNING_KEYS = value;
  resetConfigForTests();
}

/** Verifies like a partner or auditor: the remote JWKS, no cache between calls. */
async function verifyRemote(jws: string) {
  const jwks = createRemoteJWKSet(new URL(JWKS_URL), { cooldownDuration: 0, cacheMaxAge: 0 });
  const { payload, protectedHeader } = await compactVerify(jws, jwks, { algorithms: ["EdDSA"] });
  return { claims: JSON.parse(new TextDecoder().decode(payload)) as Record<string, unknown>, header: protectedHeader };
}

async function refused(jws: string) {
  return verifyRemote(jws).then(
    () => null,
    (err: unknown) => err,
  );
}

async function simulatedPaid() {
  const { partner, testKey } = await makePartner({ rateLimitPerMinute: 100_000 });
  const merchant = await makeOnboardedMerchant(partner.id, { testMode: true });
  const created = await call("POST", "/api/v1/requests/create", { key: testKey, body: { merchant_id: merchant.id, fiat_amount_int: 1234 } });
  expect(created.status).toBe(201);
  const paid = await call("POST", `/api/v1/requests/${created.body.request_id}/simulate_payment`, { key: testKey, body: { outcome: "paid" } });
  expect(paid.status).toBe(200);
  return { requestId: created.body.request_id as string, merchantId: merchant.id, key: testKey, paid: paid.body };
}

const receiptOf = (requestId: string) => call("GET", `/api/v1/receipts/${requestId}`);

describe("receipt of a simulated payment", () => {
  it("is issued on verification, served at its public URL and in the webhook, and verifies against the served JWKS", async () => {
    const { requestId, merchantId, key, paid } = await simulatedPaid();
    expect(paid.receipt_url).toBe(`http://localhost:3000/api/v1/receipts/${requestId}`);

    const res = await receiptOf(requestId);
    expect(res.status).toBe(200);
    const r = res.body;
    expect(r).toMatchObject({ ok: true, request_id: requestId, status: "final", reversed_at: null, previous: [] });
    expect(r.header).toEqual({ alg: "EdDSA", kid: r.kid, typ: "jopay-receipt+jwt" });
    expect(r.claims).toMatchObject({
      sub: requestId, request_id: requestId, jti: r.receipt_id, merchant_id: merchantId, mode: "test", simulated: true,
      amount: { fiat_int: 1234, fiat_code: "EUR" }, tx_hash: paid.tx_hash, log_index: null, block_number: null, payer: null, transfers: [],
      expected_usdc_micro: paid.amount.usdc_micro, received_usdc_micro: paid.amount.usdc_micro, recipient: paid.chain.receiving_wallet,
      chain_id: paid.chain.chain_id, token_contract: paid.chain.usdc_contract, verified_at: paid.proof_verified_at,
    });

    const { claims, header } = await verifyRemote(r.jws);
    expect(claims).toEqual(r.claims);
    expect(header.kid).toBe(r.kid);

    // The verified event carries the receipt beside `data`, which is the request object as before.
    const event = await db.event.findFirstOrThrow({ where: { requestId, type: "payment.proof_verified" } });
    const payload = event.payload as Record<string, unknown>;
    expect(payload.receipt).toEqual({ receipt_id: r.receipt_id, url: paid.receipt_url, status: "final", kid: r.kid, jws: r.jws });
    const body = eventBody(payload).toString("utf8");
    const before = JSON.stringify({ id: payload.id, type: payload.type, created_at: payload.created_at, test_mode: payload.test_mode, data: payload.data });
    expect(body.startsWith(before.slice(0, -1) + ',"receipt":')).toBe(true);
    const listed = await call("GET", `/api/v1/events/${event.id}`, { key });
    expect(listed.body.receipt).toEqual(payload.receipt);
  });

  it("a request not verified yet, an unknown id and a malformed id answer 404 not_found", async () => {
    const { partner, testKey } = await makePartner({ rateLimitPerMinute: 100_000 });
    const merchant = await makeOnboardedMerchant(partner.id, { testMode: true });
    const created = await call("POST", "/api/v1/requests/create", { key: testKey, body: { merchant_id: merchant.id, fiat_amount_int: 100 } });
    expect(created.body.receipt_url).toBeNull();
    for (const id of [created.body.request_id, "0191a3b0-0000-7000-8000-000000000000", "nope"]) {
      const res = await receiptOf(id);
      expect(res.status).toBe(404);
      expect(res.body).toMatchObject({ ok: false, error: "not_found" });
    }
  });
});

describe("tampering", () => {
  it("jose refuses a changed payload byte, a swapped signature and an unknown kid", async () => {
    const a = (await receiptOf((await simulatedPaid()).requestId)).body.jws as string;
    const b = (await receiptOf((await simulatedPaid()).requestId)).body.jws as string;
    expect(await refused(a)).toBeNull();
    const [h, p, s] = a.split(".");

    // One byte of the payload changed: the received amount, 1234 → 9234 is "fake" money.
    const claims = Buffer.from(p, "base64url").toString("utf8");
    const forged = Buffer.from(claims.replace(/"received_usdc_micro":"\d/, '"received_usdc_micro":"9'), "utf8").toString("base64url");
    expect(forged).not.toBe(p);
    expect(await refused(`${h}.${forged}.${s}`)).toBeInstanceOf(errors.JWSSignatureVerificationFailed);

    // Another receipt's (valid) signature.
    expect(await refused(`${h}.${p}.${b.split(".")[2]}`)).toBeInstanceOf(errors.JWSSignatureVerificationFailed);

    // A kid nobody published.
    const header = { ...decodeProtectedHeader(a), kid: "not-ours" };
    const h2 = Buffer.from(JSON.stringify(header)).toString("base64url");
    expect(await refused(`${h2}.${p}.${s}`)).toBeInstanceOf(errors.JWKSNoMatchingKey);

    // alg "none" is not something a verifier pinned to EdDSA accepts.
    const none = Buffer.from(JSON.stringify({ alg: "none", kid: header.kid })).toString("base64url");
    expect(await refused(`${none}.${p}.`)).toBeInstanceOf(Error);
  });
});

describe("key rotation", () => {
  it("an old receipt verifies with its key still published; new receipts are signed with the new key; the old receipt never changes", async () => {
    const k1 = newKey("k2026a");
    const k2 = newKey("k2026b");
    useKeys(k1);
    const old = await simulatedPaid();
    const oldReceipt = (await receiptOf(old.requestId)).body;
    expect(oldReceipt.kid).toBe("k2026a");

    // Rotate: the new key first (it signs), the old one still listed (published).
    useKeys(`${k2},${k1}`);
    const jwks = (await call("GET", "/api/v1/receipts/jwks.json")).body as JSONWebKeySet;
    expect(jwks.keys.map((k) => k.kid)).toEqual(["k2026b", "k2026a"]);
    expect(jwks.keys.every((k) => k.kty === "OKP" && k.crv === "Ed25519" && !("d" in k))).toBe(true);
    const fresh = (await receiptOf((await simulatedPaid()).requestId)).body;
    expect(fresh.kid).toBe("k2026b");
    expect((await verifyRemote(fresh.jws)).header.kid).toBe("k2026b");
    expect((await verifyRemote(oldReceipt.jws)).header.kid).toBe("k2026a");
    // Stored once: the rotation did not re-sign it.
    expect((await receiptOf(old.requestId)).body.jws).toBe(oldReceipt.jws);
    // The same check offline, with the set saved to a file rather than fetched.
    await expect(compactVerify(oldReceipt.jws, createLocalJWKSet(jwks))).resolves.toBeTruthy();

    // Dropping the old key from the list is what would orphan its receipts.
    useKeys(k2);
    expect(await refused(oldReceipt.jws)).toBeInstanceOf(errors.JWKSNoMatchingKey);
    expect(await refused(fresh.jws)).toBeNull();
  });
});

describe("atomicity", () => {
  it("a failure after signing (the verified event's insert fails) leaves neither the receipt nor the verification", async () => {
    const { partner, merchant } = await makePaymentSetup({ testMode: true });
    const scope = { partnerId: partner.id, testMode: true };
    const request = await insertRequest({
      partnerId: partner.id, merchantId: merchant.id, testMode: true, usdcMicro: 1_000_000n,
      receivingWallet: merchant.walletAddress!, chainId: 84532, usdcContract: "0x036cbd53842c5426634e7929541ec2318f3dcf7e",
    });
    // A real failure in the real database, after issueReceipt has signed and inserted: the
    // payment.proof_verified row of this one request is refused.
    const fn = `refuse_${request.id.replace(/-/g, "")}`;
    await db.$executeRawUnsafe(
      `CREATE FUNCTION ${fn}() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN
         IF NEW."requestId" = '${request.id}' AND NEW.type = 'payment.proof_verified' THEN RAISE EXCEPTION 'refused by test'; END IF;
         RETURN NEW; END $$`,
    );
    await db.$executeRawUnsafe(`CREATE TRIGGER ${fn} BEFORE INSERT ON events FOR EACH ROW EXECUTE FUNCTION ${fn}()`);
    try {
      await expect(simulatePayment(scope, request.id, { outcome: "paid" })).rejects.toThrow(/refused by test/);
    } finally {
      await db.$executeRawUnsafe(`DROP TRIGGER ${fn} ON events`);
      await db.$executeRawUnsafe(`DROP FUNCTION ${fn}()`);
    }
    expect(await db.paymentReceipt.count({ where: { requestId: request.id } })).toBe(0);
    const after = await db.paymentRequest.findUniqueOrThrow({ where: { id: request.id }, include: { proofs: true } });
    expect(after.proofStatus).toBe("attached");
    expect(after.proofs.map((p) => p.outcome)).toEqual(["pending"]);
    expect(await db.event.count({ where: { requestId: request.id, type: "payment.proof_verified" } })).toBe(0);
    expect((await receiptOf(request.id)).status).toBe(404);
  });
});

describe("receipt of a real payment on anvil", () => {
  async function verifyAll(partnerId: string) {
    for (let i = 0; i < 100; i++) {
      await checkProofs({ workerId: "receipts", chains: [chain.settings], partnerId });
      if ((await db.proof.count({ where: { outcome: "pending", request: { partnerId } } })) === 0) return;
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  const signedTransfer = (to: string, micro: bigint) => chain.signedTransfer(to, micro);
  const send = (raw: Hex) => chain.sendRaw(raw);

  it("names the transaction, its block and Transfer log, payer and recipient, and verifies", async () => {
    const { partner, request, wallet } = await openPaymentRequest(chain.settings, { usdcMicro: AMOUNT, createdAt: new Date(Date.now() - 60_000) });
    const hash = await chain.transfer(wallet, AMOUNT);
    await attachProof({ requestId: request.id, txHash: hash, source: "partner_api", scope: null });
    await verifyAll(partner.id);
    const onChain = await publicClientFor(chain.settings).getTransactionReceipt({ hash });
    const log = onChain.logs.find((l) => l.address.toLowerCase() === chain.settings.usdcAddress.toLowerCase())!;

    const r = (await receiptOf(request.id)).body;
    expect(r.status).toBe("verified"); // not final: anvil finalises 64 blocks behind its head
    expect(r.claims).toMatchObject({
      mode: "live", simulated: false, tx_hash: hash, chain_id: chain.settings.chainId,
      block_number: onChain.blockNumber.toString(), block_hash: onChain.blockHash, log_index: log.logIndex,
      payer: chain.payer.toLowerCase(), recipient: wallet.toLowerCase(), token_contract: chain.settings.usdcAddress.toLowerCase(),
      expected_usdc_micro: AMOUNT.toString(), received_usdc_micro: AMOUNT.toString(), late: false,
      transfers: [{ log_index: log.logIndex, from: chain.payer.toLowerCase(), usdc_micro: AMOUNT.toString() }],
    });
    expect((await verifyRemote(r.jws)).claims).toEqual(r.claims);
  });

  it("a reorg marks the receipt reversed (URL and payment.reversed) without changing it; re-mined, a new receipt follows", async () => {
    const { partner, request, wallet } = await openPaymentRequest(chain.settings, { usdcMicro: AMOUNT, createdAt: new Date(Date.now() - 60_000) });
    const raw = await signedTransfer(wallet, AMOUNT);
    const snap = await chain.snapshot();
    const hash = await send(raw);
    await attachProof({ requestId: request.id, txHash: hash, source: "pay_page", scope: null });
    await verifyAll(partner.id);
    const first = (await receiptOf(request.id)).body;
    expect(first.status).toBe("verified");

    await chain.revert(snap);
    await chain.mine(2);
    await db.proof.updateMany({ where: { requestId: request.id, outcome: "verified" }, data: { nextCheckAt: new Date(0) } });
    expect(await checkFinality({ workerId: "receipts", chains: [chain.settings], partnerId: partner.id })).toBe(1);

    const reversed = (await receiptOf(request.id)).body;
    expect(reversed).toMatchObject({ status: "reversed", receipt_id: first.receipt_id, jws: first.jws, claims: first.claims });
    expect(reversed.reversed_at).toBeTruthy();
    // Still a valid signature: it attests what was verified then; the status says it no longer stands.
    expect(await refused(reversed.jws)).toBeNull();
    const event = await db.event.findFirstOrThrow({ where: { requestId: request.id, type: "payment.reversed" } });
    const payload = event.payload as { receipt: Record<string, unknown>; data: Record<string, unknown> };
    expect(payload.receipt).toMatchObject({ receipt_id: first.receipt_id, status: "reversed", jws: first.jws });
    expect(payload.data.receipt_url).toBe(first.url);

    // The same transaction mined again: verified again, in another block, with a new receipt.
    expect(await send(raw)).toBe(hash);
    await verifyAll(partner.id);
    const again = (await receiptOf(request.id)).body;
    expect(again.receipt_id).not.toBe(first.receipt_id);
    expect(again).toMatchObject({ status: "verified", claims: { tx_hash: hash } });
    expect(again.claims.block_hash).not.toBe(first.claims.block_hash);
    expect(again.previous).toEqual([{ receipt_id: first.receipt_id, status: "reversed", issued_at: first.issued_at, reversed_at: reversed.reversed_at, kid: first.kid, jws: first.jws }]);
    expect(await refused(again.jws)).toBeNull();
  });
});
