/** Tenant + mode: createRequest finds the merchant within the key's partner and mode (else 404). */
import { withApiKey } from "@/lib/api/with-api-key";
import { requestOperations } from "@/lib/api/operations/requests";
import { createParsedRequest } from "@/lib/requests/create-request";
import { presentRequest } from "@/lib/requests/get-request";
import { serializeRequest } from "@/lib/requests/serialize-request";
import { allowOptions, methodNotAllowed } from "@/lib/api/allowed-methods";

// POST /api/v1/requests/create — create a payment request for one of the partner's merchants
export const POST = withApiKey(requestOperations.createRequest, async ({ ctx, body }) => {
  const { request, replay } = await createParsedRequest({ partner: ctx.partner, testMode: ctx.testMode, createdVia: "api" }, body);
  // A request inserted just now has no proof to look up; a replay's may have one by now.
  if (!replay) return { status: 201, body: serializeRequest(request) };
  return { status: 200, body: { ...(await presentRequest(request)), idempotent_replay: true } };
});

// Any other method: the error table's JSON 405 with Allow; OPTIONS names the real ones.
export const OPTIONS = allowOptions;
export const GET = methodNotAllowed, PUT = methodNotAllowed, PATCH = methodNotAllowed, DELETE = methodNotAllowed;
