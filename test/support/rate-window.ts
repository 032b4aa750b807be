// Rate limits used to count in fixed one-minute windows, and a test counting up to a limit waited
// out the end of the current one. Sliding windows (lib/rate-limit/counters.ts) have no edge to wait
// for; this stays until its last caller (test/payments/attach-proof.test.ts) drops it.
export async function awayFromWindowEdge(): Promise<void> {}
