import { keccak256, stringToHex } from "viem";
import { describe, expect, it } from "vitest";
import { uuidv7 } from "@/lib/ids";
import { AUTHORIZATION_USED_TOPIC, paymentNonce, requestIdFromNonce } from "./payment-reference";

describe("payment reference", () => {
  it("round-trips a request id through its EIP-3009 nonce", () => {
    for (let i = 0; i < 50; i++) {
      const id = uuidv7();
      const nonce = paymentNonce(id);
      expect(nonce).toMatch(/^0x[0-9a-f]{64}$/);
      expect(nonce.endsWith(id.replace(/-/g, ""))).toBe(true);
      expect(requestIdFromNonce(nonce)).toBe(id);
      expect(requestIdFromNonce(nonce.toUpperCase().replace("0X", "0x"))).toBe(id);
    }
  });

  it("is not fooled by a nonce whose tag does not match (a wallet's random nonce, a tampered one)", () => {
    const nonce = paymentNonce(uuidv7());
    const flipped = `${nonce.slice(0, 10)}${nonce[10] === "0" ? "1" : "0"}${nonce.slice(11)}`;
    expect(requestIdFromNonce(flipped)).toBeNull();
    expect(requestIdFromNonce(`0x${"00".repeat(32)}`)).toBeNull();
    expect(requestIdFromNonce("0x1234")).toBeNull();
    expect(() => paymentNonce("not-a-uuid")).toThrow();
  });

  it("AUTHORIZATION_USED_TOPIC is keccak256 of EIP-3009's event signature", () => {
    expect(keccak256(stringToHex("AuthorizationUsed(address,bytes32)"))).toBe(AUTHORIZATION_USED_TOPIC);
  });
});
