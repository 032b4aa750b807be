// Shared setup for the API tests: a partner with live + test keys and onboarded merchants in
// both modes, built through the real domain functions.
import { randomBytes } from "node:crypto";
import { makeOnboardedMerchant, makePartner } from "@/test/support/fixtures";
import type { CreatePartnerInput } from "@/lib/partners/create-partner";

export const idemKey = () => randomBytes(24).toString("base64url"); // 32 chars

/** Functional tests make many calls per key: a high limit keeps rate limiting out of their way. */
export async function makeTenant(overrides: Partial<CreatePartnerInput> = {}) {
  const { partner, liveKey, testKey } = await makePartner({ rateLimitPerMinute: 100_000, merchantCreateLimitPerMinute: 100_000, ...overrides });
  const merchant = await makeOnboardedMerchant(partner.id);
  const testMerchant = await makeOnboardedMerchant(partner.id, { testMode: true });
  return { partner, liveKey, testKey, merchant, testMerchant };
}
