"use server";
// "I already paid" as a server action: a plain HTML form POST that works without JavaScript (and
// is enhanced when JS is on). Public like POST /api/pay/:id/proof — the pay link is the capability
// — and sharing its per-IP rate-limit bucket, so the form is no way around the API's limit.
import { clientIpFrom } from "@/lib/api/client-ip";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { isApiError } from "@/lib/api/errors";
import { counterStore, hit } from "@/lib/api/rate-limit";
import { UUID_RE } from "@/lib/ids";
import { isLocale } from "@/lib/i18n/locales";
import { attachProof } from "@/lib/payments/attach-proof";
import { proofOutcomeFromError, type ProofOutcome } from "@/components/pay/proof-outcome";

export async function submitProof(formData: FormData): Promise<void> {
  const requestId = String(formData.get("request_id") ?? "");
  const lang = String(formData.get("lang") ?? "");
  const txHash = String(formData.get("tx_hash") ?? "").trim();
  // Only ever redirect back to a pay page: the id is client input.
  if (!UUID_RE.test(requestId)) redirect("/");

  let outcome: ProofOutcome;
  try {
    const h = await headers();
    const ip = clientIpFrom(h);
    const rl = await hit(await counterStore(), `ip:${ip}:pay_proof`, 10);
    if (!rl.allowed) {
      outcome = "rate_limited";
    } else {
      await attachProof({ requestId, txHash, source: "pay_page", scope: null });
      outcome = "accepted";
    }
  } catch (err) {
    if (!isApiError(err)) console.error("pay page proof form failed", err);
    outcome = proofOutcomeFromError(err, txHash);
  }
  const q = new URLSearchParams({ proof: outcome });
  if (isLocale(lang)) q.set("lang", lang);
  redirect(`/pay/${requestId}?${q.toString()}#proof`);
}
