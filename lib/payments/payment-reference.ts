// The payment reference that binds a wallet payment to one request (SPEC §6 "Attribution").
//
// The pay page's wallet flow pays with EIP-3009 `transferWithAuthorization`, whose `nonce` the
// customer's wallet signs and USDC emits as `AuthorizationUsed(authorizer, nonce)` in the same
// receipt as the Transfer. JoPay makes that nonce the request's reference: 16 bytes of tag, then the
// request id's 16 bytes. Anyone can compute it (it is not a secret: nobody but the payer can sign
// an authorization with it, and using it only ever pays this request), and a verifier can read
// the request id back out of any receipt without a lookup. The tag makes a JoPay reference
// recognisable: a wallet's own random nonce passes for one with probability 2^-128.
//
// Pure and browser-safe (viem only): the pay page's wallet chunk derives the same nonce.
import { concatHex, keccak256, stringToHex, type Hex } from "viem";
import { STORED_HASH_RE } from "@/lib/schemas/hex";

const TAG_DOMAIN = "jopay:eip3009-reference:v1:";
const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** keccak256("AuthorizationUsed(address,bytes32)") — EIP-3009's event, topic0. */
export const AUTHORIZATION_USED_TOPIC = "0x98de503528ee59b575ef0c0a2576a82497bfc029a5685b209e9ec333479b10a5";

const idHex = (requestId: string): Hex => `0x${requestId.replace(/-/g, "")}`;
const tagOf = (id: Hex): Hex => keccak256(concatHex([stringToHex(TAG_DOMAIN), id])).slice(0, 34) as Hex;

/** The EIP-3009 nonce (bytes32, lower-case hex) that names `requestId` as the payment's request. */
export function paymentNonce(requestId: string): Hex {
  const id = requestId.toLowerCase();
  if (!UUID_RE.test(id)) throw new Error(`not a request id: ${requestId}`);
  const hex = idHex(id);
  return `${tagOf(hex)}${hex.slice(2)}` as Hex;
}

/** The request a nonce names, or null when it is not a JoPay reference (a wallet's own random nonce). */
export function requestIdFromNonce(nonce: string): string | null {
  const n = nonce.toLowerCase();
  if (!STORED_HASH_RE.test(n)) return null;
  const id = `0x${n.slice(34)}` as Hex;
  if (tagOf(id) !== n.slice(0, 34)) return null;
  const h = n.slice(34);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}
