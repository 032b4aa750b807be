// The hex shapes of EVM values, once: zod schemas (./common.ts, ./proof.ts), the verifiers' log
// parsers and the browser forms all test against these. No zod here, so the pay page and the
// dashboard's client components can import it without pulling a schema library into the browser.

/** An address as anyone may write it: 0x + 40 hex, either case (checksummed or not). */
export const ADDRESS_RE = /^0x[0-9a-fA-F]{40}$/;

/** An address as we store it: lower-cased. */
export const STORED_ADDRESS_RE = /^0x[0-9a-f]{40}$/;

/** A 32-byte word as anyone may write it: a transaction hash, a log topic. */
export const HASH_RE = /^0x[0-9a-fA-F]{64}$/;

/** A 32-byte word as we store it (transaction hashes, EIP-3009 nonces): lower-cased. */
export const STORED_HASH_RE = /^0x[0-9a-f]{64}$/;
