/**
 * Public: no key. The request id is the capability (as for the pay link); a receipt carries no
 * customer fields, memo or metadata and is meant to be shared with auditors. Rate-limited per IP.
 */
import { withPublic } from "@/lib/api/with-public";
import { getReceipt } from "@/lib/receipts/get-receipt";
import { allowOptions, methodNotAllowed } from "@/lib/api/allowed-methods";

// GET /api/v1/receipts/:request_id — the payment's signed receipt, decoded, with its status now
export const GET = withPublic({
  bucket: "receipts",
  limitPerMinute: 120,
  handler: async ({ params }) => getReceipt(params.id),
});

// Any other method: the error table's JSON 405 with Allow; OPTIONS names the real ones.
export const OPTIONS = allowOptions;
export const POST = methodNotAllowed, PUT = methodNotAllowed, PATCH = methodNotAllowed, DELETE = methodNotAllowed;
