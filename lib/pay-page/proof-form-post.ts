// "I already paid" without JavaScript: the pay page's <form method="post"> lands here (via
// pages/pay/[id].tsx). Public like POST /api/pay/:id/proof — the pay link is the capability — and
// counting in its per-IP bucket (PAY_PROOF_LIMIT), so the form is no way around the API's limit. Always ends
// in a redirect back to the page with the outcome (?proof=…): post/redirect/get, so a reload never
// resubmits.
import type { IncomingMessage } from "node:http";
import { clientIpFrom } from "@/lib/rate-limit/client-ip";
import { isApiError } from "@/lib/errors";
import { hitIpLimit, PAY_PROOF_LIMIT } from "@/lib/rate-limit/ip-limit";
import { UUID_RE } from "@/lib/ids";
import { isLocale } from "@/lib/i18n/locales";
import { log } from "@/lib/log";
import { attachProof } from "@/lib/payments/attach-proof";
import type { ProofOutcome } from "./proof-outcome";
import { fetchHeaders } from "./node-headers";

/** A tx hash and a language fit in far less; anything bigger is not our form. */
const MAX_FORM_BYTES = 4096;

/** Where to send the browser after a proof form post to /pay/:requestId. */
export async function submitProofForm(req: IncomingMessage, requestId: string): Promise<string> {
  // Only ever redirect back to a pay page: the id is client input.
  if (!UUID_RE.test(requestId)) return "/";
  const form = await readForm(req);
  const lang = form?.get("lang") ?? "";
  const txHash = (form?.get("tx_hash") ?? "").trim();
  const outcome = form ? await attach(req, requestId, txHash) : "invalid";
  const q = new URLSearchParams({ proof: outcome });
  if (isLocale(lang)) q.set("lang", lang);
  return `/pay/${requestId}?${q.toString()}#proof`;
}

async function attach(req: IncomingMessage, requestId: string, txHash: string): Promise<ProofOutcome> {
  try {
    const rl = await hitIpLimit(clientIpFrom(fetchHeaders(req.headers)), PAY_PROOF_LIMIT);
    if (!rl.allowed) return "rate_limited";
    await attachProof({ requestId, txHash, source: "pay_page", scope: null });
    return "accepted";
  } catch (err) {
    if (!isApiError(err)) log.error("pay page proof form failed", { error: err instanceof Error ? (err.stack ?? err.message) : String(err) });
    return proofOutcomeFromError(err, txHash);
  }
}

/** null when the body is not a small urlencoded form. */
async function readForm(req: IncomingMessage): Promise<URLSearchParams | null> {
  const type = (req.headers["content-type"] ?? "").split(";")[0].trim().toLowerCase();
  if (type !== "application/x-www-form-urlencoded") return null;
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_FORM_BYTES) return null;
    chunks.push(chunk as Buffer);
  }
  return new URLSearchParams(Buffer.concat(chunks).toString("utf8"));
}

/** `txHash`: what was submitted — a request already paid by that very transaction counts as accepted. */
export function proofOutcomeFromError(err: unknown, txHash = ""): ProofOutcome {
  if (!isApiError(err)) return "error";
  const current = (err.extra.request as { tx_hash?: string | null } | undefined)?.tx_hash;
  if (err.code === "request_not_payable" && current && current === txHash.toLowerCase()) return "accepted";
  switch (err.code) {
    case "validation_error":
      return "invalid";
    case "proof_conflict":
      return "conflict";
    case "request_not_payable":
    case "not_found":
      return "not_payable";
    case "rate_limited":
      return "rate_limited";
    default:
      return "error";
  }
}
