// GET /api/pay/:id — live status of a request for the pay page
/**
 * Public: no key; the request id in the pay link is the capability. Returns only what the pay
 * page shows (status, proof state, amounts, expiry); rate-limited per IP with a budget that fits
 * the page's polling.
 */
import { withPublic } from "@/lib/api/with-public";
import { getPayStatus } from "@/lib/payments/pay-status";
import { allowOptions, methodNotAllowed } from "@/lib/api/allowed-methods";

export const GET = withPublic({
  bucket: "pay_status",
  limitPerMinute: 120,
  handler: async ({ params }) => getPayStatus(params.id),
});

// Any other method: the error table's JSON 405 with Allow; OPTIONS names the real ones.
export const OPTIONS = allowOptions;
export const POST = methodNotAllowed, PUT = methodNotAllowed, PATCH = methodNotAllowed, DELETE = methodNotAllowed;
