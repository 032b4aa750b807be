// GET /api/pay/:id — live status of a request for the pay page
/**
 * Public: no key; the request id in the pay link is the capability. Returns only what the pay
 * page shows (status, proof state, amounts, expiry); rate-limited per IP with a budget that fits
 * the page's polling.
 */
import { withPublic } from "@/lib/api/with-public";
import { getPayStatus } from "@/lib/payments/pay-status";

export const GET = withPublic({
  bucket: "pay_status",
  limitPerMinute: 120,
  handler: async ({ params }) => getPayStatus(params.id),
});
