// authenticate() reads the key and its partner in one raw query: the partner it returns must be
// exactly the row Prisma reads (every column, same types), and nothing may be cached across requests.
import { beforeAll, describe, expect, it } from "vitest";
import { authenticate } from "@/lib/api/authenticate";
import { hashKey } from "@/lib/api-keys/key-format";
import { db } from "@/lib/db";
import type { Partner } from "@/lib/generated/prisma/client";
import { makeKey } from "@/test/support/fixtures";
import { makeTenant } from "./helpers";

const bearer = (key: string) => new Request("http://localhost/api/v1/requests", { headers: { authorization: `Bearer ${key}` } });

let partner: Partner;
let liveKey = "";
beforeAll(async () => {
  const t = await makeTenant();
  // Non-default values in the nullable and array columns, so a mapping mix-up cannot pass unseen.
  partner = await db.partner.update({
    where: { id: t.partner.id },
    data: { brandLogoUrl: "https://example.com/logo.png", onboardingRequiredFields: ["email", "country"], allowedExpiryMinutes: [15, 45] },
  });
  liveKey = t.liveKey;
});

describe("authenticate", () => {
  it("returns the partner exactly as Prisma reads it", async () => {
    const ctx = await authenticate(bearer(liveKey), "req-1");
    expect(ctx.partner).toStrictEqual(await db.partner.findUniqueOrThrow({ where: { id: partner.id } }));
    expect(ctx).toMatchObject({ partnerId: partner.id, mode: "live", testMode: false, requestId: "req-1" });
  });

  it("refuses a revoked key and a disabled partner on the very next request", async () => {
    const key = await makeKey(partner.id, "live");
    await authenticate(bearer(key), "req-2");
    await db.apiKey.update({ where: { keyHash: hashKey(key) }, data: { revokedAt: new Date() } });
    await expect(authenticate(bearer(key), "req-3")).rejects.toMatchObject({ code: "unauthorized" });

    await db.partner.update({ where: { id: partner.id }, data: { disabled: true } });
    try {
      await expect(authenticate(bearer(liveKey), "req-4")).rejects.toMatchObject({ code: "unauthorized" });
    } finally {
      await db.partner.update({ where: { id: partner.id }, data: { disabled: false } });
    }
  });
});
