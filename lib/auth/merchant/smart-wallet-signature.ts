// Signatures from smart-contract wallets (ERC-1271), deployed or not yet (ERC-6492), checked on
// the chain the signed message names. The wallet's own contract decides what a valid signature is,
// so only the chain can answer; viem's verifyMessage asks it through ERC-6492's universal validator
// (a deployless eth_call), which also covers counterfactual wallets and deployed ERC-1271 ones.
//
// Only chains JoPay is configured for are asked: an arbitrary chain id from a client-written
// message must never make the server call an RPC of the client's choosing, and a wallet proven on
// a chain JoPay never pays on says nothing about the address on JoPay's chains.
import type { Address, Hex } from "viem";
import { publicClientFor } from "@/lib/chains/clients";
import { configuredChains } from "@/lib/chains/for-mode";

/** `invalid` also when the message names a chain JoPay does not use: nothing can be asked there. */
export type ContractWalletVerdict = "valid" | "invalid" | "unavailable";

export async function contractWalletSigned(input: { address: Address; message: string; signature: Hex; chainId: number }): Promise<ContractWalletVerdict> {
  const chain = configuredChains().find((c) => c.chainId === input.chainId);
  if (!chain) return "invalid";
  const client = publicClientFor(chain);
  try {
    // viem's verifyMessage answers false for an RPC failure too (it cannot tell a refused call
    // from a failed one), so reachability is asked first: a merchant whose chain is down is told
    // to try again, not that their signature is wrong.
    await client.getCode({ address: input.address });
    return (await client.verifyMessage({ address: input.address, message: input.message, signature: input.signature })) ? "valid" : "invalid";
  } catch {
    return "unavailable";
  }
}
