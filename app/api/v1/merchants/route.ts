/**
 * Merchants collection. Tenant + mode: creates are frozen to the key's partner and mode; the list
 * is confined by tenantWhere() inside listMerchants.
 */
import { withApiKey } from "@/lib/api/with-api-key";
import { merchantOperations } from "@/lib/api/operations/merchants";
import { createMerchant } from "@/lib/merchants/create-merchant";
import { listMerchants } from "@/lib/merchants/list-merchants";
import { presentMerchant, presentMerchants } from "@/lib/merchants/present-merchants";
import { allowOptions, methodNotAllowed } from "@/lib/api/allowed-methods";

// POST /api/v1/merchants — create a shell merchant (idempotent on wallet_address)
export const POST = withApiKey(merchantOperations.createMerchant, async ({ ctx, body }) => {
  const { merchant, replay } = await createMerchant(ctx, body);
  const out = await presentMerchant(ctx.partner.slug, merchant);
  return replay ? { status: 200, body: { ...out, idempotent_replay: true } } : { status: 201, body: out };
});

// GET /api/v1/merchants — list the partner's merchants in the key's mode
export const GET = withApiKey(merchantOperations.listMerchants, async ({ ctx, query }) => {
  const { merchants, hasMore } = await listMerchants(ctx, query);
  return { merchants: await presentMerchants(ctx.partner.slug, merchants), has_more: hasMore, limit: query.limit, offset: query.offset };
});

// Any other method: the error table's JSON 405 with Allow; OPTIONS names the real ones.
export const OPTIONS = allowOptions;
export const PUT = methodNotAllowed, PATCH = methodNotAllowed, DELETE = methodNotAllowed;
