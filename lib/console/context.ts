// What every console action receives: the session the server resolved (null when signed out) and
// the live/test mode chosen with the console's toggle. Mode is a view choice, not a permission: it
// only selects which of the member's own partner's objects an action sees.
import type { TenantScope } from "@/lib/tenancy";
import { requirePartnerMember } from "@/lib/auth/console/require";
import type { ConsoleSession } from "@/lib/auth/console/session";

export interface ConsoleCtx {
  session: ConsoleSession | null;
  testMode: boolean;
  ip?: string | null;
}

/** The partner member, their partner and the tenant scope every query must use. */
export function partnerScope(ctx: ConsoleCtx) {
  const { user, partner } = requirePartnerMember(ctx.session);
  const scope: TenantScope = { partnerId: partner.id, testMode: ctx.testMode };
  return { user, partner, scope };
}
