/** Any valid key (SPEC §5); rates are not tenant data. */
import { withApiKey } from "@/lib/api/with-api-key";
import { fxOperations } from "@/lib/api/operations/fx";
import { currentRate } from "@/lib/fx/rates";
import { allowOptions, methodNotAllowed } from "@/lib/api/allowed-methods";

// GET /api/v1/fx/rates?currency=EUR — the rate a create would use now
export const GET = withApiKey(fxOperations.getFxRate, async ({ query }) => {
  const q = await currentRate(query.currency);
  return { currency: q.currency, usd_per_unit: q.usdPerUnit, source: q.source, as_of: q.asOf.toISOString(), fetched_at: q.fetchedAt.toISOString() };
});

// Any other method: the error table's JSON 405 with Allow; OPTIONS names the real ones.
export const OPTIONS = allowOptions;
export const POST = methodNotAllowed, PUT = methodNotAllowed, PATCH = methodNotAllowed, DELETE = methodNotAllowed;
