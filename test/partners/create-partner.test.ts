// One createPartner serves the admin portal, the CLI and the demo seed: the partner and its audit
// entry commit together, and the slug's unique index decides a race — one partner, one
// PartnerSlugTaken with a message an operator can act on, never a raw database error.
import { describe, expect, it } from "vitest";
import { CLI_ACTOR } from "@/lib/audit/record";
import { db } from "@/lib/db";
import { createPartner, PartnerSlugTaken } from "@/lib/partners/create-partner";
import { uniq } from "../support/fixtures";

describe("createPartner", () => {
  it("writes the partner and its audit entry, and of 8 racing creates with one slug exactly one wins", async () => {
    const slug = uniq("race");
    const outcomes = await Promise.allSettled(Array.from({ length: 8 }, () => createPartner({ slug, name: "Race Ltd", currency: "eur" }, { actor: CLI_ACTOR })));
    const won = outcomes.filter((o) => o.status === "fulfilled");
    const lost = outcomes.filter((o): o is PromiseRejectedResult => o.status === "rejected");
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(7);
    for (const l of lost) {
      expect(l.reason).toBeInstanceOf(PartnerSlugTaken);
      expect(l.reason.message).toBe(`A partner with slug "${slug}" already exists.`);
    }
    const partners = await db.partner.findMany({ where: { slug } });
    expect(partners).toHaveLength(1);
    expect(partners[0].currency).toBe("EUR");
    const audit = await db.auditLog.findMany({ where: { partnerId: partners[0].id } });
    expect(audit).toMatchObject([{ action: "partner.provisioned", actorType: "system", actorLabel: "jopay-cli", targetId: partners[0].id, after: { slug, currency: "EUR" } }]);
  });

  it("refuses a bad slug without writing anything", async () => {
    const slug = `${uniq("bad")}-`; // a trailing hyphen is refused
    await expect(createPartner({ slug, name: "X", currency: "EUR" }, { actor: CLI_ACTOR })).rejects.toThrow();
    expect(await db.partner.count({ where: { slug } })).toBe(0);
    expect(await db.auditLog.count({ where: { action: "partner.provisioned", after: { path: ["slug"], equals: slug } } })).toBe(0);
  });
});
