import { generateKeyPairSync, sign, verify } from "node:crypto";
import { describe, expect, it } from "vitest";
import { ConfigError, parseEnv } from "@/lib/config";
import { derivedSigningKey, parseSigningKeys, signingKeyEntry } from "./signing-key-entries";

const der = (type: "ed25519" | "ed448" | "x25519") => generateKeyPairSync(type as "ed25519").privateKey.export({ format: "der", type: "pkcs8" }).toString("base64");

function configError(env: Record<string, string>): string {
  try {
    parseEnv(env);
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError);
    return (err as Error).message;
  }
  throw new Error("no ConfigError");
}

describe("RECEIPT_SIGNING_KEYS", () => {
  it("parses kid:key entries in order, comma or whitespace separated; the first signs", () => {
    const [a, b] = [der("ed25519"), der("ed25519")];
    const keys = parseSigningKeys(`new:${a},\n old:${b}`);
    expect(keys.map((k) => k.kid)).toEqual(["new", "old"]);
    const sig = sign(null, Buffer.from("x"), keys[0].privateKey);
    expect(verify(null, Buffer.from("x"), keys[0].publicKey, sig)).toBe(true);
    expect(verify(null, Buffer.from("x"), keys[1].publicKey, sig)).toBe(false);
  });

  it.each([
    ["", "at least one"],
    ["nokey", "entry 1: must be kid:key"],
    ["bad#kid:AAAA", "entry 1: the kid must be"],
    [`a:${"A".repeat(64)}`, 'entry 1 (kid "a"): not an Ed25519 private key'],
    [`a:not*base64`, 'entry 1 (kid "a"): not an Ed25519 private key'],
  ])("refuses %j", (value, message) => {
    expect(() => parseSigningKeys(value)).toThrow(message);
  });

  it("refuses another curve and a repeated kid", () => {
    expect(() => parseSigningKeys(`a:${der("x25519")}`)).toThrow('entry 1 (kid "a"): not an Ed25519 private key');
    const k = der("ed25519");
    expect(() => parseSigningKeys(`a:${k},a:${der("ed25519")}`)).toThrow('entry 2 (kid "a"): kid listed twice');
  });

  it("boot validation names the variable and never echoes key material", () => {
    const secret = der("x25519");
    const msg = configError({ RECEIPT_SIGNING_KEYS: `k1:${der("ed25519")},k2:${secret}` });
    expect(msg).toContain("RECEIPT_SIGNING_KEYS");
    expect(msg).toContain('entry 2 (kid "k2")');
    expect(msg).not.toContain(secret.slice(20, 40));
  });

  it("is required in production (not while building); optional elsewhere", () => {
    const prod = { NODE_ENV: "production", JOPAY_SECRET: "x".repeat(40) };
    expect(configError(prod)).toContain("RECEIPT_SIGNING_KEYS: required in production");
    expect(() => parseEnv({ ...prod, NEXT_PHASE: "phase-production-build" })).not.toThrow();
    expect(parseEnv({ ...prod, RECEIPT_SIGNING_KEYS: `live1:${der("ed25519")}` }).RECEIPT_SIGNING_KEYS).toMatch(/^live1:/);
    expect(parseEnv({ NODE_ENV: "test" }).RECEIPT_SIGNING_KEYS).toBeUndefined();
  });

  it("the derived dev key is stable for a seed, different for another, and round-trips as an entry", () => {
    const seed = Buffer.alloc(32, 7);
    const a = derivedSigningKey(seed);
    const b = derivedSigningKey(Buffer.from(seed));
    expect(a.kid).toBe(b.kid);
    expect(a.kid).toMatch(/^dev-[0-9a-f]{12}$/);
    expect(a.publicKey.export({ format: "jwk" })).toEqual(b.publicKey.export({ format: "jwk" }));
    expect(derivedSigningKey(Buffer.alloc(32, 8)).kid).not.toBe(a.kid);
    const [parsed] = parseSigningKeys(signingKeyEntry(a));
    expect(parsed.kid).toBe(a.kid);
    expect(parsed.publicKey.export({ format: "jwk" })).toEqual(a.publicKey.export({ format: "jwk" }));
  });
});
