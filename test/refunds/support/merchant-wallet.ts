// A merchant's wallet on the test chain with its own private key (a fresh one per merchant: a
// payout wallet belongs to one merchant only). It signs its transactions locally, so the very same
// refund transaction can be sent again after a reorg removed it (anvil snapshot/revert).
import { encodeFunctionData, getAddress, numberToHex, type Address, type Hash, type Hex } from "viem";
import { generatePrivateKey, privateKeyToAccount } from "viem/accounts";
import { publicClientFor } from "@/lib/chains/clients";
import type { RefundTransfer } from "@/lib/refunds/prepare-refund-transfer";
import { rpc } from "@/scripts/local-chain/anvil";
import { testUsdcAbi } from "@/scripts/local-chain/deploy";
import type { TestChain } from "../../payments/support/chain";

export interface MerchantWallet {
  address: Address;
  /** Signs (does not send) the transaction the dashboard's wallet would send for `t`. */
  sign(t: Pick<RefundTransfer, "usdcContract" | "data">): Promise<Hex>;
  /** Signs a plain USDC transfer from this wallet (to anyone, any amount, any token). */
  signTransfer(to: string, micro: bigint, token?: string): Promise<Hex>;
}

export async function newMerchantWallet(chain: TestChain): Promise<MerchantWallet> {
  const account = privateKeyToAccount(generatePrivateKey());
  // Gas money; its USDC comes from the payments it receives.
  await rpc(chain.local.rpcUrl, "anvil_setBalance", [account.address, numberToHex(10n ** 19n)]);
  const pc = publicClientFor(chain.settings);
  const sign = async (to: string, data: Hex) => {
    const [nonce, block] = await Promise.all([pc.getTransactionCount({ address: account.address, blockTag: "pending" }), pc.getBlock()]);
    return account.signTransaction({
      chainId: chain.local.chainId, type: "eip1559", nonce, gas: 100_000n,
      maxFeePerGas: (block.baseFeePerGas ?? 1_000_000_000n) * 3n, maxPriorityFeePerGas: 1n, to: getAddress(to), data,
    });
  };
  return {
    address: account.address,
    sign: (t) => sign(t.usdcContract, t.data),
    signTransfer: (to, micro, token) =>
      sign(token ?? chain.local.usdcAddress, encodeFunctionData({ abi: testUsdcAbi, functionName: "transfer", args: [getAddress(to), micro] })),
  };
}

export type { Hash };
