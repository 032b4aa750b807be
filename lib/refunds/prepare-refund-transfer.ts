// What the merchant's wallet must send for a refund: an ERC-20 transfer(to, amount) call to the
// request's USDC contract, from the wallet the payment went to. JoPay never holds keys: the
// dashboard hands this to the wallet (wagmi), which signs and sends it, then submits the hash.
import { encodeFunctionData, erc20Abi, getAddress, type Address, type Hex } from "viem";
import { notFound, assertIdShape } from "@/lib/tenancy";
import { db } from "@/lib/db";
import { refundWrongState } from "./refund-state-error";

export interface RefundTransfer {
  chainId: number;
  /** The token contract the transaction is sent to. */
  usdcContract: Address;
  /** The wallet that must send it (the request's receiving wallet). */
  from: Address;
  /** The refund's recipient. */
  to: Address;
  amountMicro: bigint;
  /** transfer(to, amountMicro) calldata. */
  data: Hex;
}

export async function prepareRefundTransfer(merchantId: string, refundId: string): Promise<RefundTransfer> {
  assertIdShape(refundId);
  const refund = await db.refund.findFirst({ where: { id: refundId, merchantId } });
  if (!refund) throw notFound();
  if (refund.status !== "awaiting_transfer") throw refundWrongState(refund, "sent", ["awaiting_transfer"]);
  const to = getAddress(refund.toAddress);
  return {
    chainId: refund.chainId,
    usdcContract: getAddress(refund.usdcContract),
    from: getAddress(refund.fromWallet),
    to,
    amountMicro: refund.amountMicro,
    data: encodeFunctionData({ abi: erc20Abi, functionName: "transfer", args: [to, refund.amountMicro] }),
  };
}
