// A worker SIGKILLed in the middle of verifying (lease taken, chain read in flight) leaves the
// proof leased; once the lease expires a second worker finishes it: exactly one
// payment.proof_verified event.
import { spawn } from "node:child_process";
import net from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { attachProof } from "@/lib/payments/attach-proof";
import { checkProofs } from "@/lib/payments/check-proofs";
import { eventsFor, openPaymentRequest } from "../support/request-fixtures";
import { startTestChain, type TestChain } from "./support/chain";

let chain: TestChain;
let blackHole: net.Server;
let blackHolePort: number;
const held = new Set<net.Socket>();

beforeAll(async () => {
  chain = await startTestChain();
  // Accepts connections and never answers: the child's RPC call hangs there until it is killed.
  blackHole = net.createServer((socket) => {
    held.add(socket);
    socket.once("close", () => held.delete(socket));
  });
  await new Promise<void>((r) => blackHole.listen(0, "127.0.0.1", r));
  blackHolePort = (blackHole.address() as net.AddressInfo).port;
});
afterAll(async () => {
  await chain?.stop();
  for (const socket of held) socket.destroy(); // reads this process left hanging there
  await new Promise((r) => blackHole?.close(r));
});

async function waitFor<T>(fn: () => Promise<T | null | undefined | false>, ms = 40_000): Promise<T> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    const v = await fn();
    if (v) return v;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error("timed out");
}

describe("worker crash mid-verification", () => {
  it("a second worker finishes after the lease expires, with exactly one proof_verified", async () => {
    const { request, wallet, ...s } = await openPaymentRequest(chain.settings, { usdcMicro: 5_000_000n });
    const hash = await chain.transfer(wallet, 5_000_000n);
    await attachProof({ requestId: request.id, txHash: hash, source: "pay_page", scope: null });

    const leaseMs = 1_500;
    const childChain = { ...chain.settings, rpcUrl: `http://127.0.0.1:${blackHolePort}` };
    const child = spawn(process.execPath, ["--import", "tsx", "test/payments/support/verify-worker-child.ts", JSON.stringify({ chain: childChain, partnerId: s.partner.id, leaseMs })], {
      env: process.env,
      stdio: ["ignore", "ignore", "pipe"],
    });
    let stderr = "";
    child.stderr.on("data", (c) => (stderr += String(c)));
    const exited = new Promise((r) => child.once("exit", r));
    try {
      // The child has claimed the proof and is now stuck reading the chain.
      const leased = await waitFor(async () => {
        const p = await db.proof.findFirst({ where: { requestId: request.id } });
        return p?.leaseOwner?.startsWith(`child-${child.pid}:`) ? p : null;
      }).catch((e) => {
        throw new Error(`${e.message}; child stderr: ${stderr}`);
      });
      expect(leased.outcome).toBe("pending");
    } finally {
      child.kill("SIGKILL");
      await exited;
    }

    // While the dead worker's lease lasts, nobody else takes the proof.
    expect(await checkProofs({ workerId: "second", chains: [chain.settings], partnerId: s.partner.id })).toBe(0);
    expect((await db.paymentRequest.findUniqueOrThrow({ where: { id: request.id } })).proofStatus).toBe("attached");

    await waitFor(async () => (await checkProofs({ workerId: "second", chains: [chain.settings], partnerId: s.partner.id })) > 0);
    const r = await db.paymentRequest.findUniqueOrThrow({ where: { id: request.id }, include: { proofs: true } });
    expect(r.proofStatus).toBe("verified");
    expect(r.proofs[0]).toMatchObject({ outcome: "verified", leaseOwner: null, checkAttempts: 2 });
    const types = (await eventsFor(request.id)).map((e) => e.type);
    expect(types).toEqual(["payment.proof_attached", "payment.proof_verified"]);
  });

  it("a live worker renews its lease while its chain reads take longer than the lease", async () => {
    const { request, wallet, ...s } = await openPaymentRequest(chain.settings, { usdcMicro: 5_000_001n });
    const hash = await chain.transfer(wallet, 5_000_001n);
    await attachProof({ requestId: request.id, txHash: hash, source: "pay_page", scope: null });
    const slow = { ...chain.settings, rpcUrl: `http://127.0.0.1:${blackHolePort}` };
    const first = checkProofs({ workerId: "slow", chains: [slow], partnerId: s.partner.id, leaseMs: 400, readDeadlineMs: 2_500 });
    await new Promise((r) => setTimeout(r, 1_500)); // well past the first lease
    const p = await db.proof.findFirstOrThrow({ where: { requestId: request.id } });
    expect(p.leaseOwner).toMatch(/^slow:/);
    expect(p.leaseUntil!.getTime()).toBeGreaterThan(Date.now()); // renewed
    expect(await checkProofs({ workerId: "second", chains: [chain.settings], partnerId: s.partner.id })).toBe(0);
    expect(await first).toBe(1); // gave up on the read at its deadline and let the proof go
    expect(await db.proof.findFirstOrThrow({ where: { requestId: request.id } })).toMatchObject({ leaseOwner: null, outcome: "pending" });
  });
});
