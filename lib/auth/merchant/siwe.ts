// Sign-In with Ethereum (EIP-4361) on the server: JoPay issues a nonce, the wallet signs a message
// that names our host, the nonce and its own address, and we verify every part before trusting it.
// Used by onboarding (proving the payout wallet), merchant sign-in and payout-wallet changes; each
// nonce carries the purpose it was issued for, so a signature for one flow cannot serve another.
//
// Signatures are checked by address recovery first (EOA wallets: no chain call). A signature that
// does not recover to the message's address may come from a smart-contract wallet (Coinbase Smart
// Wallet, Safe, any ERC-1271 account, or one not deployed yet, ERC-6492): that one is asked of the
// chain the message names, which must be one JoPay uses — see ./smart-wallet-signature.
import { getAddress, isAddress, recoverMessageAddress, type Address, type Hex } from "viem";
import { generateSiweNonce, parseSiweMessage } from "viem/siwe";
import { config } from "@/lib/config";
import { db, type Tx } from "@/lib/db";
import { en } from "@/lib/i18n/dashboard/en";
import { contractWalletSigned } from "@/lib/auth/merchant/smart-wallet-signature";

export const SIWE_NONCE_TTL_MS = 10 * 60_000;
/** Tolerated clock difference between the wallet's device and the server for issuedAt. */
const CLOCK_SKEW_MS = 5 * 60_000;

type Client = Tx | typeof db;

export type SiweFailure =
  | "malformed"
  | "domain"
  | "uri"
  | "address"
  | "chain"
  | "time"
  | "signature"
  | "nonce"
  /** The chain could not be asked (RPC down): nothing is wrong with the signature, try again. */
  | "unverifiable";

/** What exactly is wrong, in the merchant's words: the dashboard catalogue's `siwe_<problem>`. */
export type SiweProblem =
  | "unreadable"
  | "notEip4361"
  | "badUri"
  | "noIssueTime"
  | "otherWebsite"
  | "badAddress"
  | "otherWallet"
  | "badChain"
  | "future"
  | "tooOld"
  | "expired"
  | "notYetValid"
  | "badSignature"
  | "notSigner"
  | "unverifiable"
  | "nonce";

/**
 * Why a SIWE check failed. Never carries the message or signature (they are user input). `key`
 * names the sentence the merchant reads in their language; `message` is its English (logs, tests).
 */
export class SiweError extends Error {
  readonly key: `siwe_${SiweProblem}`;
  constructor(
    readonly reason: SiweFailure,
    problem: SiweProblem,
  ) {
    super(en[`siwe_${problem}`]);
    this.name = "SiweError";
    this.key = `siwe_${problem}`;
  }
}

export interface IssuedNonce {
  nonce: string;
  expiresAt: Date;
}

/** A fresh single-use nonce for `purpose` (e.g. "sign-in", "onboarding:<token id>"). */
export async function issueSiweNonce(purpose: string, client: Client = db, now = new Date()): Promise<IssuedNonce> {
  const nonce = generateSiweNonce();
  const expiresAt = new Date(now.getTime() + SIWE_NONCE_TTL_MS);
  await client.siweNonce.create({ data: { nonce, purpose, expiresAt, createdAt: now } });
  return { nonce, expiresAt };
}

/** host[:port] of APP_URL — the one domain a message must name when no request host is given. */
export function appHost(): string {
  return new URL(config().APP_URL).host;
}

/**
 * Is `host` (host[:port] from the request) one of ours? The app host, or `<slug>.<base domain>`
 * (partner hosts, SPEC §1). A Host header is client-controlled, so it is only ever used to pick
 * among our own hosts — a phishing site's domain can never become "expected".
 */
export function isOurHost(host: string): boolean {
  const h = host.toLowerCase();
  if (h === appHost().toLowerCase()) return true;
  const hostname = h.replace(/:\d+$/, "");
  const base = config().JOPAY_BASE_DOMAIN.toLowerCase();
  const label = hostname.endsWith(`.${base}`) ? hostname.slice(0, -(base.length + 1)) : null;
  return label !== null && /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/.test(label);
}

/** The domain a message must carry for a request that arrived on `requestHost`. */
export function expectedDomain(requestHost?: string | null): string {
  return requestHost && isOurHost(requestHost) ? requestHost.toLowerCase() : appHost().toLowerCase();
}

export interface VerifySiweInput {
  message: string;
  signature: string;
  /** The address the browser says is connected; the message and the signature must both match it. */
  connectedAddress: string;
  /** What the nonce was issued for; a nonce of another purpose is rejected like an unknown one. */
  purpose: string;
  /** host[:port] the request came in on (see expectedDomain); defaults to APP_URL's host. */
  requestHost?: string | null;
  now?: Date;
}

export interface VerifiedSiwe {
  /** Lower-cased, as stored on merchants. */
  address: string;
  chainId: number;
  nonce: string;
}

/**
 * Verifies a signed EIP-4361 message and consumes its nonce. Throws SiweError on any failure.
 * The nonce is consumed last, with a conditional update that exactly one caller can win, so a
 * replayed (or concurrently double-submitted) message succeeds at most once.
 */
export async function verifySiwe(input: VerifySiweInput, client: Client = db): Promise<VerifiedSiwe> {
  const now = input.now ?? new Date();
  if (typeof input.message !== "string" || input.message.length > 4000) throw new SiweError("malformed", "unreadable");
  const msg = parseSiweMessage(input.message);
  if (!msg.domain || !msg.address || !msg.nonce || !msg.uri || msg.version !== "1" || msg.chainId === undefined) {
    throw new SiweError("malformed", "notEip4361");
  }

  const domain = expectedDomain(input.requestHost);
  if (msg.domain.toLowerCase() !== domain) throw new SiweError("domain", "otherWebsite");
  let uriHost: string;
  try {
    uriHost = new URL(msg.uri).host.toLowerCase();
  } catch {
    throw new SiweError("malformed", "badUri");
  }
  if (uriHost !== domain) throw new SiweError("uri", "otherWebsite");

  if (!isAddress(input.connectedAddress, { strict: false }) || !isAddress(msg.address, { strict: false })) {
    throw new SiweError("address", "badAddress");
  }
  if (getAddress(msg.address) !== getAddress(input.connectedAddress)) {
    throw new SiweError("address", "otherWallet");
  }
  if (!Number.isSafeInteger(msg.chainId) || msg.chainId <= 0) throw new SiweError("chain", "badChain");

  const t = now.getTime();
  if (!msg.issuedAt || Number.isNaN(msg.issuedAt.getTime())) throw new SiweError("malformed", "noIssueTime");
  if (msg.issuedAt.getTime() > t + CLOCK_SKEW_MS) throw new SiweError("time", "future");
  if (msg.issuedAt.getTime() < t - SIWE_NONCE_TTL_MS - CLOCK_SKEW_MS) throw new SiweError("time", "tooOld");
  if (msg.expirationTime && msg.expirationTime.getTime() <= t) throw new SiweError("time", "expired");
  if (msg.notBefore && msg.notBefore.getTime() > t) throw new SiweError("time", "notYetValid");

  if (!/^0x[0-9a-fA-F]+$/.test(input.signature)) throw new SiweError("signature", "badSignature");
  if (!(await eoaSigned(msg.address, input.message, input.signature as Hex))) {
    const verdict = await contractWalletSigned({ address: getAddress(msg.address), message: input.message, signature: input.signature as Hex, chainId: msg.chainId });
    if (verdict === "unavailable") throw new SiweError("unverifiable", "unverifiable");
    if (verdict !== "valid") throw new SiweError("signature", "notSigner");
  }

  const consumed = await client.siweNonce.updateMany({
    where: { nonce: msg.nonce, purpose: input.purpose, usedAt: null, expiresAt: { gt: now } },
    data: { usedAt: now },
  });
  if (consumed.count !== 1) throw new SiweError("nonce", "nonce");

  return { address: msg.address.toLowerCase(), chainId: msg.chainId, nonce: msg.nonce };
}

/** Does a plain (ECDSA) signature over the message recover to `address`? No chain call. */
async function eoaSigned(address: string, message: string, signature: Hex): Promise<boolean> {
  try {
    return getAddress(await recoverMessageAddress({ message, signature })) === getAddress(address as Address);
  } catch {
    return false;
  }
}
