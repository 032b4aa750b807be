/** Tenant + mode: listRequests confines the query with tenantWhere(). */
import { withApiKey } from "@/lib/api/with-api-key";
import { requestOperations } from "@/lib/api/operations/requests";
import { presentRequests } from "@/lib/requests/get-request";
import { listRequests } from "@/lib/requests/list-requests";
import { allowOptions, methodNotAllowed } from "@/lib/api/allowed-methods";

// GET /api/v1/requests — list the partner's requests in the key's mode, newest first
export const GET = withApiKey(requestOperations.listRequests, async ({ ctx, query }) => {
  const { requests, hasMore } = await listRequests(ctx, query);
  return { requests: await presentRequests(requests), has_more: hasMore, limit: query.limit, offset: query.offset };
});

// Any other method: the error table's JSON 405 with Allow; OPTIONS names the real ones.
export const OPTIONS = allowOptions;
export const POST = methodNotAllowed, PUT = methodNotAllowed, PATCH = methodNotAllowed, DELETE = methodNotAllowed;
