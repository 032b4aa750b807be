/** Public: public keys only (never a private half); verifiers fetch it without a key. */
import { json } from "@/lib/api/respond";
import { requestIdFor } from "@/lib/api/request-id";
import { receiptJwks } from "@/lib/receipts/signing-keys";
import { allowOptions, methodNotAllowed } from "@/lib/api/allowed-methods";

// GET /api/v1/receipts/jwks.json — the JWKS of every published receipt key, the signing one first
export async function GET(req: Request) {
  // Short cache: after a rotation, verifiers that cached the set see the new key within minutes.
  return json(receiptJwks(), 200, { "X-Request-Id": requestIdFor(req), "cache-control": "public, max-age=300" });
}

// Any other method: the error table's JSON 405 with Allow; OPTIONS names the real ones.
export const OPTIONS = allowOptions;
export const POST = methodNotAllowed, PUT = methodNotAllowed, PATCH = methodNotAllowed, DELETE = methodNotAllowed;
