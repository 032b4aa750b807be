// Operations of payment receipts (lib/receipts/): public, no key — a receipt is meant to be shared
// with auditors, and the JWS holds nothing secret.
import { receiptJwksOutput, receiptOutput } from "@/lib/schemas/receipt";
import { defineOperations } from "./operation";

export const receiptOperations = defineOperations({
  getReceipt: {
    method: "get",
    path: "/api/v1/receipts/{id}",
    summary: "A payment's signed receipt",
    description:
      "Public (no key): the request id is the capability, as for the pay link. The newest receipt of the request — a compact JWS " +
      "(EdDSA, Ed25519; header `typ: jopay-receipt+jwt`) signed when the payment was verified and never changed since — with its decoded " +
      "header and claims and its status now: `verified`, `final` (its block is final) or `reversed` (a reorg removed the payment; " +
      "the receipt stays, as signed). Earlier receipts of a request whose payment was reversed and verified again are in `previous`. " +
      "Verify `jws` offline against the keys at /api/v1/receipts/jwks.json. 404 `not_found` before the payment is verified.",
    tag: "Receipts",
    scope: "public",
    response: receiptOutput,
    errors: ["not_found", "rate_limited"],
  },
  getReceiptJwks: {
    method: "get",
    path: "/api/v1/receipts/jwks.json",
    summary: "The keys that verify receipts (JWKS)",
    description:
      "Public. A JSON Web Key Set (RFC 7517) of every published receipt key, the signing one first; a rotated-out key stays " +
      "published so the receipts it signed keep verifying. The body is the set itself (no `ok` envelope).",
    tag: "Receipts",
    scope: "public",
    response: receiptJwksOutput,
  },
});
