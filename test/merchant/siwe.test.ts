// SIWE verification rules (lib/auth/merchant/siwe.ts) against the real database: nonce issue and single
// consumption, domain and URI binding, signer = message address = connected wallet, time bounds.
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { prepareSiweMessage } from "@/lib/auth/merchant/siwe-message";
import { expectedDomain, isOurHost, issueSiweNonce, SiweError, verifySiwe } from "@/lib/auth/merchant/siwe";
import { anvil0, anvil1, signed, siweText } from "./siwe-support";

async function failure(p: Promise<unknown>) {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(SiweError);
  return (err as SiweError).reason;
}

describe("verifySiwe", () => {
  it("accepts a valid message once and consumes its nonce", async () => {
    const acct = anvil0();
    const { nonce, expiresAt } = await issueSiweNonce("t-valid");
    expect(expiresAt.getTime() - Date.now()).toBeGreaterThan(9 * 60_000);
    const { message, signature } = await signed(acct, siweText({ address: acct.address, nonce }));
    const ok = await verifySiwe({ message, signature, connectedAddress: acct.address, purpose: "t-valid" });
    expect(ok).toEqual({ address: acct.address.toLowerCase(), chainId: 31337, nonce });
    const row = await db.siweNonce.findUniqueOrThrow({ where: { nonce } });
    expect(row.usedAt).not.toBeNull();
    expect(row.purpose).toBe("t-valid");
  });

  it("rejects a replayed nonce", async () => {
    const acct = anvil0();
    const { nonce } = await issueSiweNonce("t-replay");
    const s = await signed(acct, siweText({ address: acct.address, nonce }));
    await verifySiwe({ ...s, connectedAddress: acct.address, purpose: "t-replay" });
    expect(await failure(verifySiwe({ ...s, connectedAddress: acct.address, purpose: "t-replay" }))).toBe("nonce");
  });

  it("lets exactly one of two concurrent submissions of one message through", async () => {
    const acct = anvil0();
    const { nonce } = await issueSiweNonce("t-race");
    const s = await signed(acct, siweText({ address: acct.address, nonce }));
    const results = await Promise.allSettled([1, 2, 3].map(() => verifySiwe({ ...s, connectedAddress: acct.address, purpose: "t-race" })));
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
  });

  it("rejects a message for another domain, or with a foreign URI", async () => {
    const acct = anvil0();
    const a = await issueSiweNonce("t-domain");
    const other = await signed(acct, siweText({ address: acct.address, nonce: a.nonce, domain: "evil.example" }));
    expect(await failure(verifySiwe({ ...other, connectedAddress: acct.address, purpose: "t-domain" }))).toBe("domain");
    // A phishing site cannot make its domain "expected" by sending it as the Host header.
    expect(await failure(verifySiwe({ ...other, connectedAddress: acct.address, purpose: "t-domain", requestHost: "evil.example" }))).toBe("domain");
    const b = await issueSiweNonce("t-domain");
    const uri = await signed(acct, siweText({ address: acct.address, nonce: b.nonce, uri: "https://evil.example/login" }));
    expect(await failure(verifySiwe({ ...uri, connectedAddress: acct.address, purpose: "t-domain" }))).toBe("uri");
    // The rejected attempts did not burn the nonces.
    expect((await db.siweNonce.findUniqueOrThrow({ where: { nonce: a.nonce } })).usedAt).toBeNull();
  });

  it("accepts a partner host under the base domain when the request came in on it", async () => {
    expect(isOurHost("acme.localhost:3000")).toBe(true);
    expect(isOurHost("evil.example")).toBe(false);
    expect(isOurHost("a.b.localhost")).toBe(false);
    expect(expectedDomain("evil.example")).toBe("localhost:3000");
    const acct = anvil0();
    const { nonce } = await issueSiweNonce("t-partner-host");
    const s = await signed(acct, siweText({ address: acct.address, nonce, domain: "acme.localhost:3000" }));
    await expect(verifySiwe({ ...s, connectedAddress: acct.address, purpose: "t-partner-host", requestHost: "acme.localhost:3000" })).resolves.toMatchObject({ nonce });
  });

  it("rejects a signature from a different wallet than the message address", async () => {
    const owner = anvil0();
    const attacker = anvil1();
    const { nonce } = await issueSiweNonce("t-signer");
    const message = siweText({ address: owner.address, nonce });
    const signature = await attacker.signMessage({ message });
    expect(await failure(verifySiwe({ message, signature, connectedAddress: owner.address, purpose: "t-signer" }))).toBe("signature");
  });

  it("rejects a message whose address is not the connected wallet", async () => {
    const acct = anvil0();
    const { nonce } = await issueSiweNonce("t-connected");
    const s = await signed(acct, siweText({ address: acct.address, nonce }));
    expect(await failure(verifySiwe({ ...s, connectedAddress: anvil1().address, purpose: "t-connected" }))).toBe("address");
  });

  it("rejects an expired nonce, an unknown nonce and a nonce of another purpose", async () => {
    const acct = anvil0();
    const past = new Date(Date.now() - 11 * 60_000);
    const old = await issueSiweNonce("t-expired", undefined, past);
    const s = await signed(acct, siweText({ address: acct.address, nonce: old.nonce }));
    expect(await failure(verifySiwe({ ...s, connectedAddress: acct.address, purpose: "t-expired" }))).toBe("nonce");
    const unknown = await signed(acct, siweText({ address: acct.address, nonce: "unknownnonce1234" }));
    expect(await failure(verifySiwe({ ...unknown, connectedAddress: acct.address, purpose: "t-expired" }))).toBe("nonce");
    const other = await issueSiweNonce("sign-in");
    const o = await signed(acct, siweText({ address: acct.address, nonce: other.nonce }));
    expect(await failure(verifySiwe({ ...o, connectedAddress: acct.address, purpose: "onboarding:x" }))).toBe("nonce");
  });

  it("respects issuedAt and expirationTime", async () => {
    const acct = anvil0();
    const a = await issueSiweNonce("t-time");
    const expired = await signed(acct, siweText({ address: acct.address, nonce: a.nonce, expirationTime: new Date(Date.now() - 1000) }));
    expect(await failure(verifySiwe({ ...expired, connectedAddress: acct.address, purpose: "t-time" }))).toBe("time");
    const future = await signed(acct, siweText({ address: acct.address, nonce: a.nonce, issuedAt: new Date(Date.now() + 60 * 60_000) }));
    expect(await failure(verifySiwe({ ...future, connectedAddress: acct.address, purpose: "t-time" }))).toBe("time");
    const stale = await signed(acct, siweText({ address: acct.address, nonce: a.nonce, issuedAt: new Date(Date.now() - 60 * 60_000) }));
    expect(await failure(verifySiwe({ ...stale, connectedAddress: acct.address, purpose: "t-time" }))).toBe("time");
  });

  it("rejects a malformed message and a malformed signature with a typed error", async () => {
    const acct = anvil0();
    expect(await failure(verifySiwe({ message: "hello", signature: "0x00", connectedAddress: acct.address, purpose: "x" }))).toBe("malformed");
    const { nonce } = await issueSiweNonce("t-chain");
    const s = await signed(acct, siweText({ address: acct.address, nonce }));
    expect(await failure(verifySiwe({ message: s.message, signature: "0xdeadbeef", connectedAddress: acct.address, purpose: "t-chain" }))).toBe("signature");
  });

  it("prepareSiweMessage builds a message our own verifier accepts", async () => {
    const acct = anvil0();
    const message = await prepareSiweMessage({ address: acct.address.toLowerCase(), chainId: 8453, purpose: "t-prepare", statement: "Sign in." });
    expect(message).toContain("localhost:3000 wants you to sign in with your Ethereum account:");
    const signature = await acct.signMessage({ message });
    await expect(verifySiwe({ message, signature, connectedAddress: acct.address, purpose: "t-prepare" })).resolves.toMatchObject({ chainId: 8453 });
  });
});
