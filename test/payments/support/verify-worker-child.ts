// A worker process for the crash test: runs proof-check passes with the chain and lease given in
// argv[2] (JSON) until killed. The parent SIGKILLs it while it is inside a chain read.
import { checkProofs } from "@/lib/payments/check-proofs";
import type { ChainSettings } from "@/lib/chains/config";

const args = JSON.parse(process.argv[2]) as { chain: ChainSettings; partnerId: string; leaseMs: number };
for (;;) {
  await checkProofs({ workerId: `child-${process.pid}`, chains: [args.chain], partnerId: args.partnerId, leaseMs: args.leaseMs });
  await new Promise((r) => setTimeout(r, 50));
}
