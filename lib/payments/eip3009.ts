// EIP-3009 as USDC (Circle's FiatTokenV2 / V2_2) implements it: the ABI, and the EIP-712 typed data
// a `TransferWithAuthorization` signature covers. Pure and browser-safe, and shared on purpose: the
// pay page's wallet flow (components/pay/wallet) signs with it, and scripts/local-chain (the test token's ABI, checked
// against solc's output) and the tests pay with it, so what the tests prove is what the page does.
// JSON, not parseAbi(): the human-readable parser would add weight to the wallet chunk.
import type { Address, Hex } from "viem";

type Param = { readonly name: string; readonly type: string };
const address = <const N extends string>(name: N) => ({ name, type: "address" }) as const;
const uint256 = <const N extends string>(name: N) => ({ name, type: "uint256" }) as const;
const bytes32 = <const N extends string>(name: N) => ({ name, type: "bytes32" }) as const;
const AUTH_INPUTS = [address("from"), address("to"), uint256("value"), uint256("validAfter"), uint256("validBefore"), bytes32("nonce")] as const;
const VRS = [{ name: "v", type: "uint8" }, bytes32("r"), bytes32("s")] as const;
const SIGNATURE = [{ name: "signature", type: "bytes" }] as const;
const view = <const N extends string, const I extends readonly Param[], const T extends string>(name: N, inputs: I, output: T) =>
  ({ type: "function", name, stateMutability: "view", inputs, outputs: [{ name: "", type: output }] }) as const;
const write = <const N extends string, const I extends readonly Param[]>(name: N, inputs: I) =>
  ({ type: "function", name, stateMutability: "nonpayable", inputs, outputs: [] }) as const;
const authorizationEvent = <const N extends string>(name: N) =>
  ({ type: "event", name, inputs: [{ name: "authorizer", type: "address", indexed: true }, { ...bytes32("nonce"), indexed: true }] }) as const;

export const eip3009Abi = [
  view("name", [], "string"),
  view("version", [], "string"),
  view("DOMAIN_SEPARATOR", [], "bytes32"),
  view("TRANSFER_WITH_AUTHORIZATION_TYPEHASH", [], "bytes32"),
  view("RECEIVE_WITH_AUTHORIZATION_TYPEHASH", [], "bytes32"),
  view("CANCEL_AUTHORIZATION_TYPEHASH", [], "bytes32"),
  view("authorizationState", [address("authorizer"), bytes32("nonce")], "bool"),
  // v/r/s: every FiatToken since V2. The `bytes signature` forms (ERC-1271 contract signers) only since V2_2.
  write("transferWithAuthorization", [...AUTH_INPUTS, ...VRS]),
  write("transferWithAuthorization", [...AUTH_INPUTS, ...SIGNATURE]),
  write("receiveWithAuthorization", [...AUTH_INPUTS, ...VRS]),
  write("receiveWithAuthorization", [...AUTH_INPUTS, ...SIGNATURE]),
  write("cancelAuthorization", [address("authorizer"), bytes32("nonce"), ...VRS]),
  write("cancelAuthorization", [address("authorizer"), bytes32("nonce"), ...SIGNATURE]),
  authorizationEvent("AuthorizationUsed"),
  authorizationEvent("AuthorizationCanceled"),
] as const;

/** The token's EIP-712 domain: FiatToken's is (name(), version(), chain id, the token's address). */
export interface TokenDomain {
  name: string;
  version: string;
  chainId: number;
  verifyingContract: Address;
}

export interface TransferAuthorization {
  from: Address;
  to: Address;
  value: bigint;
  /** Unix seconds; valid strictly after validAfter and strictly before validBefore. */
  validAfter: bigint;
  validBefore: bigint;
  nonce: Hex;
}

/** The typed data a wallet signs for `transferWithAuthorization`. */
export function transferAuthorizationTypedData(domain: TokenDomain, message: TransferAuthorization) {
  return { domain, types: { TransferWithAuthorization: AUTH_INPUTS }, primaryType: "TransferWithAuthorization", message } as const;
}

/** … and for `receiveWithAuthorization`, which only the payee may submit. */
export function receiveAuthorizationTypedData(domain: TokenDomain, message: TransferAuthorization) {
  return { domain, types: { ReceiveWithAuthorization: AUTH_INPUTS }, primaryType: "ReceiveWithAuthorization", message } as const;
}

// FiatToken's domain has exactly these fields.
const EIP712_DOMAIN = [
  { name: "name", type: "string" },
  { name: "version", type: "string" },
  { name: "chainId", type: "uint256" },
  { name: "verifyingContract", type: "address" },
] as const;

/**
 * The eth_signTypedData_v4 parameter: JSON with the EIP712Domain type spelled out (a wallet hashes
 * the domain from it; viem's serializeTypedData would drop a domain whose type it is not given),
 * uint256 values as decimal strings, the chain id a JSON number as wallets compare it.
 */
export function typedDataJson(typedData: ReturnType<typeof transferAuthorizationTypedData>): string {
  const { domain, types, primaryType, message } = typedData;
  return JSON.stringify({ types: { EIP712Domain: EIP712_DOMAIN, ...types }, domain, primaryType, message }, (_key, value: unknown) =>
    typeof value === "bigint" ? value.toString() : value,
  );
}

// secp256k1's group order. USDC refuses s > n/2 (EIP-2: (r, n - s) with the other v is the same
// signature's malleable twin); a wallet that hands out the high twin is normalised, not failed.
const SECP256K1_N = 0xfffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141n;

/**
 * r, s, v of a 65-byte r ‖ s ‖ v signature as USDC takes them: v 27/28 (some wallets return 0/1),
 * s in the lower half. null for any other shape (a contract wallet's ERC-1271 or ERC-6492 blob).
 */
export function splitSignature(signature: Hex): { v: number; r: Hex; s: Hex } | null {
  if (!/^0x[0-9a-fA-F]{130}$/.test(signature)) return null;
  const raw = parseInt(signature.slice(130), 16);
  if (raw !== 0 && raw !== 1 && raw !== 27 && raw !== 28) return null;
  const parity = raw % 27;
  const r = `0x${signature.slice(2, 66).toLowerCase()}` as Hex;
  const s = BigInt(`0x${signature.slice(66, 130)}`);
  if (s === 0n || s >= SECP256K1_N) return null;
  const high = s > SECP256K1_N / 2n;
  const low = high ? SECP256K1_N - s : s;
  return { r, s: `0x${low.toString(16).padStart(64, "0")}`, v: 27 + (high ? 1 - parity : parity) };
}
