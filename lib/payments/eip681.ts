// EIP-681 payment URI for an ERC-20 transfer (SPEC §8):
//   ethereum:<token>@<chainId>/transfer?address=<recipient>&uint256=<amount>
// Addresses EIP-55 checksummed (wallets warn on, or refuse, mixed-case addresses that fail the
// checksum); the amount is the integer micro-unit count, never a decimal or exponent form, because
// wallets disagree on how to read "2.75e7" and a wrong reading means a wrong payment.
import { getAddress } from "viem";

export interface Erc20TransferUri {
  token: string;
  chainId: number;
  recipient: string;
  /** Token base units (USDC micro-units). */
  amount: bigint;
}

export function erc20TransferUri({ token, chainId, recipient, amount }: Erc20TransferUri): string {
  if (!Number.isSafeInteger(chainId) || chainId <= 0) throw new Error(`invalid chain id: ${chainId}`);
  if (amount <= 0n) throw new Error("amount must be positive");
  return `ethereum:${getAddress(token)}@${chainId}/transfer?address=${getAddress(recipient)}&uint256=${amount.toString()}`;
}
