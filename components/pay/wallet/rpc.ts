// Talking to the customer's wallet (EIP-1193) the way the whole wallet flow needs: a refusal (4001)
// becomes the "rejected" outcome wherever it happens, everything else is the caller's to judge.
import type { Eip1193Provider, WalletFailure } from "./types";

interface RpcError {
  code?: number;
  message?: string;
  data?: { originalError?: { code?: number } };
  cause?: unknown;
}

/** The EIP-1193 / JSON-RPC code, looked up where wrapping wallets tuck it away. */
export function errorCode(err: unknown): number | undefined {
  const e = err as RpcError | undefined;
  return e?.code ?? e?.data?.originalError?.code ?? (e?.cause ? errorCode(e.cause) : undefined);
}

export const errorMessage = (err: unknown): string => (err as RpcError | undefined)?.message ?? "";

/** EIP-1193 4001: the user said no. */
export const isRejection = (err: unknown) => errorCode(err) === 4001 || /user (rejected|denied)/i.test(errorMessage(err));

/** Ends the flow with this customer-facing outcome. */
export class Stop extends Error {
  constructor(readonly failure: WalletFailure) {
    super(failure.kind);
  }
}

/** Runs a wallet call, turning a rejection into Stop("rejected"); other errors pass through. */
export async function call<T>(provider: Eip1193Provider, method: string, params?: unknown[]): Promise<T> {
  try {
    return (await provider.request({ method, params })) as T;
  } catch (err) {
    if (isRejection(err)) throw new Stop({ kind: "rejected" });
    throw err;
  }
}
