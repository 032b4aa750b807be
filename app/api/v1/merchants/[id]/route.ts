/** Tenant + mode: findMerchantOrNotFound makes other partners' and modes' ids a plain 404. */
import { withApiKey } from "@/lib/api/with-api-key";
import { merchantOperations } from "@/lib/api/operations/merchants";
import { findMerchantOrNotFound } from "@/lib/tenancy";
import { presentMerchant } from "@/lib/merchants/present-merchants";
import { allowOptions, methodNotAllowed } from "@/lib/api/allowed-methods";

// GET /api/v1/merchants/:id — one merchant
export const GET = withApiKey(merchantOperations.getMerchant, async ({ ctx, params }) => presentMerchant(ctx.partner.slug, await findMerchantOrNotFound(ctx, params.id)));

// Any other method: the error table's JSON 405 with Allow; OPTIONS names the real ones.
export const OPTIONS = allowOptions;
export const POST = methodNotAllowed, PUT = methodNotAllowed, PATCH = methodNotAllowed, DELETE = methodNotAllowed;
