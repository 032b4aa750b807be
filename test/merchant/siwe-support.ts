// Signing SIWE messages in tests with local accounts (never in production code).
import { generatePrivateKey, privateKeyToAccount, type PrivateKeyAccount } from "viem/accounts";
import { createSiweMessage } from "viem/siwe";

/** anvil's well-known dev account #0 and #1 (public test keys, never funded anywhere real). */
export const ANVIL_KEY_0 = "0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80" as const;
export const ANVIL_KEY_1 = "0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d" as const;

export const anvil0 = () => privateKeyToAccount(ANVIL_KEY_0);
export const anvil1 = () => privateKeyToAccount(ANVIL_KEY_1);
/** A fresh wallet: merchant wallets are globally unique, and every test file shares one database. */
export const freshAccount = () => privateKeyToAccount(generatePrivateKey());

export function siweText(opts: {
  address: string;
  nonce: string;
  domain?: string;
  uri?: string;
  chainId?: number;
  issuedAt?: Date;
  expirationTime?: Date;
}) {
  const domain = opts.domain ?? "localhost:3000";
  return createSiweMessage({
    address: opts.address as `0x${string}`,
    chainId: opts.chainId ?? 31337,
    domain,
    uri: opts.uri ?? `http://${domain}`,
    nonce: opts.nonce,
    issuedAt: opts.issuedAt ?? new Date(),
    expirationTime: opts.expirationTime,
    version: "1",
    statement: "test",
  });
}

export async function signed(account: PrivateKeyAccount, message: string) {
  return { message, signature: await account.signMessage({ message }) };
}
