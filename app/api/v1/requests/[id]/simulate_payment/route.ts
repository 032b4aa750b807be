// POST /api/v1/requests/:id/simulate_payment — test mode: pay (or underpay, or pay late) a request without a chain
/**
 * Mode: test keys only (403 test_mode_only for a live key, before any lookup). Tenant: the
 * request must be the key's partner's test-mode request, else the usual 404.
 */
import { withApiKey } from "@/lib/api/with-api-key";
import { proofOperations } from "@/lib/api/operations/proofs";
import { simulatePayment } from "@/lib/payments/simulate-payment";
import { serializeRequest } from "@/lib/requests/serialize-request";
import { allowOptions, methodNotAllowed } from "@/lib/api/allowed-methods";

export const POST = withApiKey(proofOperations.simulatePayment, async ({ ctx, body, params }) => {
  const { request, proof } = await simulatePayment(ctx, params.id, body);
  return serializeRequest(request, proof);
});

// Any other method: the error table's JSON 405 with Allow; OPTIONS names the real ones.
export const OPTIONS = allowOptions;
export const GET = methodNotAllowed, PUT = methodNotAllowed, PATCH = methodNotAllowed, DELETE = methodNotAllowed;
