// The transactional outbox: an event (and its deliveries) exists iff the state change committed,
// and fan-out follows partner, mode, subscription and enabled state.
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { emitEvent } from "@/lib/events/emit-event";
import { makePartner } from "@/test/support/fixtures";
import { insertEndpoint } from "./support/harness";

describe("outbox", () => {
  it("a transaction that emits an event and then fails leaves neither the change nor the event", async () => {
    const { partner } = await makePartner();
    await insertEndpoint(partner.id, "https://hooks.example.com/a");
    const merchant = await db.merchant.create({ data: { partnerId: partner.id, testMode: false, businessName: "Before" } });
    let emittedId = "";
    await expect(
      db.$transaction(async (tx) => {
        await tx.merchant.update({ where: { id: merchant.id }, data: { businessName: "After" } });
        const e = await emitEvent(tx, { partnerId: partner.id, testMode: false, type: "merchant.onboarding_completed", data: { merchant_id: merchant.id }, merchantId: merchant.id });
        emittedId = e.id;
        throw new Error("fails after the state change and the event");
      }),
    ).rejects.toThrow(/fails after/);
    expect(emittedId).toMatch(/^evt_/);
    expect((await db.merchant.findUniqueOrThrow({ where: { id: merchant.id } })).businessName).toBe("Before");
    expect(await db.event.findUnique({ where: { id: emittedId } })).toBeNull();
    expect(await db.webhookDelivery.count({ where: { eventId: emittedId } })).toBe(0);
  });

  it("a committed change has its event and one delivery per subscribed, enabled endpoint of its mode", async () => {
    const { partner } = await makePartner();
    const other = await makePartner();
    const all = await insertEndpoint(partner.id, "https://hooks.example.com/all");
    const verifiedOnly = await insertEndpoint(partner.id, "https://hooks.example.com/verified", { events: ["payment.proof_verified"] });
    await insertEndpoint(partner.id, "https://hooks.example.com/voided", { events: ["request.voided"] });
    await insertEndpoint(partner.id, "https://hooks.example.com/test-mode", { testMode: true });
    const disabled = await insertEndpoint(partner.id, "https://hooks.example.com/disabled");
    await db.webhookEndpoint.update({ where: { id: disabled.endpoint.id }, data: { disabled: true } });
    await insertEndpoint(other.partner.id, "https://hooks.example.com/other-partner");

    const event = await db.$transaction((tx) =>
      emitEvent(tx, { partnerId: partner.id, testMode: false, type: "payment.proof_verified", data: { request_id: "x", metadata: { order_id: "O-1" } } }),
    );
    const stored = await db.event.findUniqueOrThrow({ where: { id: event.id }, include: { deliveries: true } });
    expect(stored.dispatchedAt).not.toBeNull();
    expect(stored.payload).toMatchObject({ id: event.id, type: "payment.proof_verified", test_mode: false, data: { metadata: { order_id: "O-1" } } });
    expect(stored.deliveries.map((d) => d.endpointId).sort()).toEqual([all.endpoint.id, verifiedOnly.endpoint.id].sort());
    expect(stored.deliveries.every((d) => d.status === "pending" && d.attemptCount === 0)).toBe(true);
  });
});
