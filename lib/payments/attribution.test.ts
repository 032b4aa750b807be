import { describe, expect, it } from "vitest";
import { LATE_OWNERSHIP_MS, pickExactAmountOwner, referencedRequestIds, type Claimant } from "./attribution";
import { AUTHORIZATION_USED_TOPIC, paymentNonce } from "./payment-reference";
import { CREATION_SKEW_MS } from "./verify-transfer";

const USDC = "0x833589fcd6edb6e08f4c7c32d4f71b54bda02913";
const ID = "0193a4b2-1c3d-7e4f-8a9b-0c1d2e3f4a5b";
const AUTHORIZER = `0x${"0".repeat(24)}${"33".repeat(20)}`;
const T0 = Date.parse("2026-12-01T12:00:00Z");
const MIN = 60_000;

const req = (id: string, createdMin: number, expiresMin: number, status = "requested"): Claimant => ({
  id, usdcMicro: 1n, createdAt: new Date(T0 + createdMin * MIN), expiresAt: new Date(T0 + expiresMin * MIN), status,
});

describe("referencedRequestIds", () => {
  const used = (nonce: string, address = USDC) => ({ address, topics: [AUTHORIZATION_USED_TOPIC, AUTHORIZER, nonce], data: "0x" });

  it("reads the request a JoPay reference names, from the USDC contract only", () => {
    expect(referencedRequestIds([used(paymentNonce(ID))], USDC)).toEqual([ID]);
    expect(referencedRequestIds([used(paymentNonce(ID), "0x1111111111111111111111111111111111111111")], USDC)).toEqual([]);
  });

  it("ignores a wallet's own random nonce, removed logs and malformed logs", () => {
    expect(referencedRequestIds([used(`0x${"ab".repeat(32)}`)], USDC)).toEqual([]);
    expect(referencedRequestIds([{ ...used(paymentNonce(ID)), removed: true }], USDC)).toEqual([]);
    expect(referencedRequestIds([null, 7, { address: USDC, topics: "x" }, { address: USDC, topics: [AUTHORIZATION_USED_TOPIC, AUTHORIZER] }], USDC)).toEqual([]);
    expect(referencedRequestIds("not logs", USDC)).toEqual([]);
  });
});

describe("pickExactAmountOwner", () => {
  it("prefers the request open when the transfer was mined, then one still open, then a recently expired one", () => {
    const openThen = req("a", -30, 30, "expired"); // expired by now, but open at mining
    const openNow = req("b", -90, -10); // past expiry, sweeper not there yet
    const lapsed = req("c", -120, -60, "expired");
    const mined = T0;
    expect(pickExactAmountOwner([lapsed, openNow, openThen], mined)?.id).toBe("a");
    expect(pickExactAmountOwner([lapsed, openNow], mined)?.id).toBe("b");
    expect(pickExactAmountOwner([lapsed], mined)?.id).toBe("c");
    // Without the late class (the watcher), an expired request never takes it.
    expect(pickExactAmountOwner([lapsed], mined, 0)).toBeNull();
    expect(pickExactAmountOwner([req("d", -3 * 24 * 60, -2 * 24 * 60, "expired")], mined)).toBeNull();
    expect(LATE_OWNERSHIP_MS).toBeGreaterThan(0);
  });

  it("never picks a request created after the transfer was mined (beyond the clock skew), nor a voided one", () => {
    expect(pickExactAmountOwner([req("late", 5, 60)], T0)).toBeNull();
    expect(pickExactAmountOwner([req("skew", CREATION_SKEW_MS / MIN - 0.5, 60)], T0)?.id).toBe("skew");
    expect(pickExactAmountOwner([req("v", -10, 60, "voided")], T0)).toBeNull();
  });

  it("takes the oldest within a class", () => {
    expect(pickExactAmountOwner([req("new", -5, 60), req("old", -20, 60)], T0)?.id).toBe("old");
  });
});
