// The request page's timeline: request times plus outbox events plus webhook deliveries, in time
// order, with each proof's transaction (and whether it was simulated) read from the event payload.
import { describe, expect, it } from "vitest";
import { requestTimeline } from "./request-timeline";

const T0 = Date.UTC(2026, 2, 14, 10, 0, 0);
const t = (s: number) => new Date(T0 + s * 1000);
const secs = (d: Date) => (d.getTime() - T0) / 1000;
const hash = (c: string) => `0x${c.repeat(64)}`;
const event = (id: string, type: string, at: number, proof: { [k: string]: string | boolean } | null = null) => ({
  id,
  type,
  createdAt: t(at),
  payload: { id, type, data: { request_id: "r", proof } },
});
const delivery = (eventId: string, status: "pending" | "succeeded" | "failed", attempts: number, at: number, code: number | null) => ({
  eventId,
  status,
  attemptCount: attempts,
  lastStatusCode: code,
  succeededAt: status === "succeeded" ? t(at) : null,
  updatedAt: t(at),
});

describe("requestTimeline", () => {
  it("a payment refused, then paid, reversed by a reorg and verified again, with its webhooks, in order", () => {
    const events = [
      event("e1", "payment.proof_attached", 20, { tx_hash: hash("a"), simulated: false }),
      event("e2", "payment.proof_rejected", 25, { tx_hash: hash("a"), simulated: false, rejection_reason: "underpaid" }),
      event("e3", "payment.proof_attached", 30, { tx_hash: hash("b"), simulated: false }),
      event("e4", "payment.proof_verified", 40, { tx_hash: hash("b"), simulated: false }),
      event("e5", "payment.reversed", 50, { tx_hash: hash("b"), simulated: false }),
      event("e6", "payment.proof_verified", 60, { tx_hash: hash("b"), simulated: false }),
      // Not about the payment's course: left out.
      event("e7", "webhook.test", 61),
    ];
    const deliveries = [delivery("e4", "succeeded", 1, 41, 200), delivery("e2", "failed", 12, 45, 500), delivery("e6", "pending", 2, 70, 503)];
    const entries = requestTimeline({ createdAt: t(0), openedAt: t(10) }, events, deliveries);
    expect(entries.map((e) => [e.kind, secs(e.at)])).toEqual([
      ["created", 0],
      ["opened", 10],
      ["proof_attached", 20],
      ["rejected", 25],
      ["proof_attached", 30],
      ["verified", 40],
      ["webhook", 41],
      ["webhook", 45],
      ["reversed", 50],
      ["verified", 60],
      ["webhook", 70],
    ]);
    expect(entries[3]).toMatchObject({ txHash: hash("a"), reason: "underpaid", simulated: false });
    expect(entries[6]).toMatchObject({ eventType: "payment.proof_verified", delivery: { status: "succeeded", attempts: 1, lastStatusCode: 200 } });
    expect(entries[7]).toMatchObject({ eventType: "payment.proof_rejected", delivery: { status: "failed", attempts: 12, lastStatusCode: 500 } });
  });

  it("a simulated payment is marked simulated; a never-opened, expired request has no opened entry", () => {
    const sim = requestTimeline({ createdAt: t(0), openedAt: null }, [event("e1", "payment.proof_attached", 1, { tx_hash: hash("c"), simulated: true })], []);
    expect(sim.map((e) => e.kind)).toEqual(["created", "proof_attached"]);
    expect(sim[1]).toMatchObject({ simulated: true, txHash: hash("c") });
    const expired = requestTimeline({ createdAt: t(0), openedAt: null }, [event("e1", "request.expired", 5), event("e2", "request.voided", 5)], []);
    expect(expired.map((e) => e.kind)).toEqual(["created", "expired", "cancelled"]);
    expect(expired[1].txHash).toBeUndefined();
  });

  it("entries of the same millisecond keep their causal order; a payload without a proof is no crash", () => {
    const entries = requestTimeline({ createdAt: t(0), openedAt: t(0) }, [{ id: "e1", type: "payment.proof_attached", createdAt: t(0), payload: null }], []);
    expect(entries.map((e) => e.kind)).toEqual(["created", "opened", "proof_attached"]);
    expect(entries[2].txHash).toBeUndefined();
  });
});
