// The EIP-4361 message JoPay asks a wallet to sign. Built on the server (domain and URI from our
// own host, nonce from issueSiweNonce) so the browser only has to pass it to personal_sign; the
// server still verifies every field on the way back (lib/auth/merchant/siwe.ts), trusting nothing it sent.
import { getAddress } from "viem";
import { createSiweMessage } from "viem/siwe";
import { config } from "@/lib/config";
import { db, type Tx } from "@/lib/db";
import { expectedDomain, issueSiweNonce } from "@/lib/auth/merchant/siwe";

export interface PrepareSiweInput {
  address: string;
  chainId: number;
  purpose: string;
  statement: string;
  requestHost?: string | null;
  now?: Date;
}

export async function prepareSiweMessage(input: PrepareSiweInput, client: Tx | typeof db = db): Promise<string> {
  const now = input.now ?? new Date();
  const { nonce, expiresAt } = await issueSiweNonce(input.purpose, client, now);
  const domain = expectedDomain(input.requestHost);
  const scheme = new URL(config().APP_URL).protocol.replace(":", "");
  return createSiweMessage({
    address: getAddress(input.address),
    chainId: input.chainId,
    domain,
    uri: `${scheme}://${domain}`,
    nonce,
    issuedAt: now,
    expirationTime: expiresAt,
    statement: input.statement,
    version: "1",
  });
}
