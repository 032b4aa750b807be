// Partner console: branding and policy, saved by a member for their own partner only (the partner id
// comes from the session, never the form) through the one domain function the admin portal uses too.
import type { z } from "zod";
import { brandingInput, updatePartnerBranding } from "@/lib/partners/update-branding";
import { partnerScope, type ConsoleCtx } from "../context";

export { brandingInput, brandingOf } from "@/lib/partners/update-branding";

export async function updateBrandingAction(ctx: ConsoleCtx, raw: z.input<typeof brandingInput>) {
  const { user, partner } = partnerScope(ctx);
  return updatePartnerBranding(partner.id, raw, { actor: user, ip: ctx.ip });
}
