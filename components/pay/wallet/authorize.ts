// The EIP-3009 leg of the wallet flow (SPEC §6 "Attribution"): the customer signs a
// `TransferWithAuthorization` whose nonce is the request's payment reference, so the receipt's
// AuthorizationUsed(customer, nonce) names the request and no other payment can be mistaken for it.
// The customer's own wallet then submits it — JoPay holds no key and sends nothing.
//
// Every doubt falls back to a plain transfer, which still pays (matched by its exact amount):
// a token without EIP-3009, a domain we would not sign the same way the token checks it, a wallet
// without eth_signTypedData_v4, a signature the token would not accept from `from`. A refusal is
// not a doubt: the customer said no, and the flow ends as it does for a refused transaction.
import { decodeFunctionResult, domainSeparator, encodeFunctionData, getAddress, recoverTypedDataAddress, type Address, type Hex } from "viem";
import { paymentNonce } from "@/lib/payments/payment-reference";
import { eip3009Abi, splitSignature, transferAuthorizationTypedData, typedDataJson, type TokenDomain } from "@/lib/payments/eip3009";
import { call, errorCode, errorMessage, Stop } from "./rpc";
import type { Eip1193Provider, WalletPayTarget } from "./types";

/**
 * How long after the request's expiry the authorization stays valid: a customer who signs at the
 * last second must not have the tx fail in the mempool. A payment after expiry still verifies,
 * marked late (SPEC §6).
 */
export const VALID_AFTER_EXPIRY_S = 3600;

export type Authorization =
  /** Pay with a plain transfer(recipient, amount). */
  | { kind: "plain" }
  /** This customer's authorization for this request was already used: they paid (or cancelled it). */
  | { kind: "used" }
  /** Calldata of transferWithAuthorization, signed, for the customer's wallet to send to the token. */
  | { kind: "signed"; data: Hex };

type Probe = { domain: TokenDomain; used: boolean } | null;

/** name(), version(), DOMAIN_SEPARATOR(), authorizationState(from, nonce) — null when any fails or the domain differs. */
async function probe(provider: Eip1193Provider, token: Address, chainId: number, from: Address, nonce: Hex): Promise<Probe> {
  const ethCall = (data: Hex) => call<Hex>(provider, "eth_call", [{ to: token, data }, "latest"]);
  const abi = eip3009Abi;
  try {
    const [name, version, separator, used] = await Promise.all([
      ethCall(encodeFunctionData({ abi, functionName: "name" })).then((data) => decodeFunctionResult({ abi, functionName: "name", data })),
      ethCall(encodeFunctionData({ abi, functionName: "version" })).then((data) => decodeFunctionResult({ abi, functionName: "version", data })),
      ethCall(encodeFunctionData({ abi, functionName: "DOMAIN_SEPARATOR" })).then((data) => decodeFunctionResult({ abi, functionName: "DOMAIN_SEPARATOR", data })),
      ethCall(encodeFunctionData({ abi, functionName: "authorizationState", args: [from, nonce] })).then((data) =>
        decodeFunctionResult({ abi, functionName: "authorizationState", data }),
      ),
    ]);
    const domain: TokenDomain = { name, version, chainId, verifyingContract: token };
    // What we would sign must be what the token checks; otherwise the tx would only revert.
    if (domainSeparator({ domain }).toLowerCase() !== separator.toLowerCase()) return null;
    return { domain, used };
  } catch (err) {
    if (err instanceof Stop) throw err;
    return null;
  }
}

/** EIP-1193 4200 (unsupported method), JSON-RPC -32601 (method not found), or a wallet's words for either. */
function isUnsupported(err: unknown): boolean {
  const code = errorCode(err);
  if (code === 4200 || code === -32601) return true;
  return /method not found|not supported|unsupported|not implemented|does not exist|missing or invalid\. request\(\) method/i.test(errorMessage(err));
}

export async function authorizeTransfer(provider: Eip1193Provider, t: WalletPayTarget, from: Address, onSign: () => void): Promise<Authorization> {
  const token = getAddress(t.usdc);
  const nonce = paymentNonce(t.requestId);
  const found = await probe(provider, token, t.chainId, from, nonce);
  if (!found) return { kind: "plain" };
  if (found.used) return { kind: "used" };

  const message = {
    from,
    to: getAddress(t.recipient),
    // Exactly usdc_micro: the amount also identifies the request among open ones (SPEC §6).
    value: BigInt(t.amountMicro),
    validAfter: 0n,
    validBefore: BigInt(t.expiresAt + VALID_AFTER_EXPIRY_S),
    nonce,
  };
  const typedData = transferAuthorizationTypedData(found.domain, message);

  onSign();
  let signature: Hex;
  try {
    signature = await call<Hex>(provider, "eth_signTypedData_v4", [from, typedDataJson(typedData)]);
  } catch (err) {
    if (err instanceof Stop) throw err;
    if (isUnsupported(err)) return { kind: "plain" };
    throw err;
  }

  // A contract wallet's signature (ERC-1271/6492) or one from another key would make the v/r/s call
  // revert and cost the customer gas for nothing; a plain transfer pays them as well.
  const parts = typeof signature === "string" ? splitSignature(signature) : null;
  if (!parts) return { kind: "plain" };
  const signer = await recoverTypedDataAddress({ ...typedData, signature }).catch(() => null);
  if (signer !== from) return { kind: "plain" };

  // The v/r/s form: every FiatToken since V2 has it; the `bytes` form only V2_2.
  const { validAfter, validBefore, to, value } = message;
  const data = encodeFunctionData({
    abi: eip3009Abi,
    functionName: "transferWithAuthorization",
    args: [from, to, value, validAfter, validBefore, nonce, parts.v, parts.r, parts.s],
  });
  return { kind: "signed", data };
}
