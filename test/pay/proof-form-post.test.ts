// "I already paid" without JavaScript: what the pay page does with a form post to /pay/:id
// (lib/pay-page/proof-form-post.ts), against the real database — the outcome always comes back as
// a redirect to the same pay page, and nothing is attached unless the post was a proper form.
// The browser journey through the real server is in e2e/pay-page.spec.ts.
import { randomBytes } from "node:crypto";
import type { IncomingMessage } from "node:http";
import { Readable } from "node:stream";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { submitProofForm } from "@/lib/pay-page/proof-form-post";
import { eventsFor, insertRequest, makePaymentSetup } from "../support/request-fixtures";

const hash = () => `0x${randomBytes(32).toString("hex")}`;
/** Each test its own client address: the per-IP proof limit is shared with the public API. */
const ip = () => `198.51.100.${1 + Math.floor(Math.random() * 250)}-${randomBytes(3).toString("hex")}`;

function formPost(body: string, headers: Record<string, string> = {}): IncomingMessage {
  const req = Readable.from([Buffer.from(body)]) as unknown as IncomingMessage;
  req.headers = { "content-type": "application/x-www-form-urlencoded", "x-forwarded-for": ip(), ...headers };
  req.method = "POST";
  return req;
}

async function openRequest(opts: { status?: "requested" | "voided" } = {}) {
  const s = await makePaymentSetup();
  return insertRequest({
    partnerId: s.partner.id, merchantId: s.merchant.id, usdcMicro: 27_500_000n, receivingWallet: s.merchant.walletAddress!,
    chainId: 31337, usdcContract: "0x5fbdb2315678afecb367f032d93f642f64180aa3", status: opts.status,
  });
}

describe("the pay page's proof form post", () => {
  it("attaches the pasted hash and redirects back with proof=accepted in the form's language", async () => {
    const r = await openRequest();
    const h = hash();
    const to = await submitProofForm(formPost(new URLSearchParams({ lang: "es", tx_hash: `  ${h.toUpperCase().replace("0X", "0x")} ` }).toString()), r.id);
    expect(to).toBe(`/pay/${r.id}?proof=accepted&lang=es#proof`);
    expect(await db.paymentRequest.findUniqueOrThrow({ where: { id: r.id } })).toMatchObject({ proofStatus: "attached", txHash: h });
    expect((await eventsFor(r.id)).map((e) => e.type)).toEqual(["payment.proof_attached"]);
  });

  it.each([
    ["a malformed hash", new URLSearchParams({ tx_hash: "0x1234" }).toString(), {}, "invalid"],
    ["a JSON body", JSON.stringify({ tx_hash: hash() }), { "content-type": "application/json" }, "invalid"],
    ["a body over 4 KiB", new URLSearchParams({ tx_hash: hash(), pad: "x".repeat(5000) }).toString(), {}, "invalid"],
  ])("%s attaches nothing and says %s", async (_name, body, headers, outcome) => {
    const r = await openRequest();
    expect(await submitProofForm(formPost(body, headers as Record<string, string>), r.id)).toBe(`/pay/${r.id}?proof=${outcome}#proof`);
    expect(await db.proof.count({ where: { requestId: r.id } })).toBe(0);
    expect(await eventsFor(r.id)).toEqual([]);
  });

  it("drops a language it does not know rather than echoing it into the redirect", async () => {
    const r = await openRequest();
    const to = await submitProofForm(formPost(new URLSearchParams({ lang: "xx\r\nSet-Cookie: a=b", tx_hash: "nope" }).toString()), r.id);
    expect(to).toBe(`/pay/${r.id}?proof=invalid#proof`);
  });

  it("tells a voided request's customer it can no longer be paid", async () => {
    const r = await openRequest({ status: "voided" });
    expect(await submitProofForm(formPost(new URLSearchParams({ tx_hash: hash() }).toString()), r.id)).toBe(`/pay/${r.id}?proof=not_payable#proof`);
    expect(await db.proof.count({ where: { requestId: r.id } })).toBe(0);
  });

  it("refuses a second request's proof with the same hash as a conflict", async () => {
    const [a, b] = [await openRequest(), await openRequest()];
    const h = hash();
    expect(await submitProofForm(formPost(new URLSearchParams({ tx_hash: h }).toString()), a.id)).toContain("proof=accepted");
    expect(await submitProofForm(formPost(new URLSearchParams({ tx_hash: h }).toString()), b.id)).toBe(`/pay/${b.id}?proof=conflict#proof`);
    expect(await db.proof.count({ where: { requestId: b.id } })).toBe(0);
  });

  it("never redirects off the pay pages: a malformed id goes home, unknown ids say not payable", async () => {
    expect(await submitProofForm(formPost(new URLSearchParams({ tx_hash: hash() }).toString()), "//evil.example")).toBe("/");
    const unknown = "01900000-0000-7000-8000-000000000000";
    expect(await submitProofForm(formPost(new URLSearchParams({ tx_hash: hash() }).toString()), unknown)).toBe(`/pay/${unknown}?proof=not_payable#proof`);
  });

  it("shares the public endpoint's per-IP limit: the 11th post in a minute is refused and attaches nothing", async () => {
    const requests = await Promise.all(Array.from({ length: 11 }, () => openRequest()));
    const client = { "x-forwarded-for": ip() };
    const outcomes: string[] = [];
    for (const r of requests) outcomes.push(await submitProofForm(formPost(new URLSearchParams({ tx_hash: hash() }).toString(), client), r.id));
    expect(outcomes.slice(0, 10).every((o) => o.includes("proof=accepted"))).toBe(true);
    expect(outcomes[10]).toBe(`/pay/${requests[10].id}?proof=rate_limited#proof`);
    expect(await db.proof.count({ where: { requestId: requests[10].id } })).toBe(0);
  });
});
