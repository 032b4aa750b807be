// "I already paid": paste a tx hash. A plain <form> posting back to the pay page itself
// (lib/pay-page/proof-form-post.ts), so it works without JavaScript; the outcome comes back in the
// redirect (?proof=…).
import type { Locale } from "@/lib/i18n/locales";
import type { Messages } from "@/lib/i18n/messages";
import { proofOutcomeText, type ProofOutcome } from "@/lib/pay-page/proof-outcome";

export function ProofForm({
  requestId,
  locale,
  m,
  outcome,
}: {
  requestId: string;
  locale: Locale;
  m: Messages;
  outcome: ProofOutcome | null;
}) {
  return (
    <section id="proof" aria-labelledby="proof-heading" className="rounded-xl border border-slate-200 bg-white p-4">
      <h2 id="proof-heading" className="text-base font-semibold">
        {m.alreadyPaid}
      </h2>
      <form action={`/pay/${requestId}`} method="post" className="mt-3">
        <input type="hidden" name="lang" value={locale} />
        <label htmlFor="tx_hash" className="block text-sm font-medium">
          {m.txHash}
        </label>
        <p id="tx_hash_hint" className="text-xs text-slate-600">
          {m.alreadyPaidHint}
        </p>
        <div className="mt-2 flex gap-2">
          <input
            id="tx_hash"
            name="tx_hash"
            type="text"
            required
            inputMode="text"
            autoComplete="off"
            autoCapitalize="off"
            spellCheck={false}
            pattern="^\s*0[xX][0-9a-fA-F]{64}\s*$"
            aria-describedby="tx_hash_hint"
            placeholder="0x…"
            className="min-w-0 flex-1 rounded-md border border-slate-400 px-3 py-2 font-mono text-sm focus-visible:outline-2 focus-visible:outline-offset-1 focus-visible:outline-slate-900"
          />
          <button
            type="submit"
            className="shrink-0 rounded-md bg-slate-900 px-4 py-2 text-sm font-semibold text-white hover:bg-slate-700 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-slate-900"
          >
            {m.submitProof}
          </button>
        </div>
      </form>
      {outcome ? (
        <p
          role={outcome === "accepted" ? "status" : "alert"}
          data-testid="proof-outcome"
          data-outcome={outcome}
          className={`mt-3 rounded-md p-3 text-sm ${outcome === "accepted" ? "bg-emerald-50 text-emerald-900" : "bg-red-50 text-red-900"}`}
        >
          {proofOutcomeText(outcome, m)}
        </p>
      ) : null}
    </section>
  );
}
