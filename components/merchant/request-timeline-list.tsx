// The request page's timeline in words: each entry of lib/merchants/request-timeline.ts as a
// shopkeeper reads it, refusal reasons in the pay page's own phrases (what the customer was told).
import { fill } from "@/lib/i18n/format";
import type { DashboardMessages } from "@/lib/i18n/dashboard-messages";
import type { Messages } from "@/lib/i18n/messages";
import type { TimelineEntry } from "@/lib/merchants/request-timeline";

/** A refusal reason in words: the pay page's phrases (the customer was told the same), else the code. */
function reasonText(reason: string | null | undefined, m: DashboardMessages, pm: Messages): string {
  if (reason === "underpaid") return m.reasonUnderpaid;
  if (reason === "superseded") return m.reasonSuperseded;
  const phrase = reason ? (pm as Record<string, string>)[`reason_${reason}`] : undefined;
  return phrase ?? fill(m.reasonOther, { reason: reason ?? "—" });
}

function entryText(e: TimelineEntry, via: string, partner: string, m: DashboardMessages, pm: Messages): string {
  switch (e.kind) {
    case "created":
      return fill(m.tl_created, { via });
    case "opened":
      return m.tl_opened;
    case "proof_attached":
      return e.simulated ? m.tl_proof_attached_simulated : m.tl_proof_attached;
    case "verified":
      return m.tl_verified;
    case "rejected":
      return fill(m.tl_rejected, { reason: reasonText(e.reason, m, pm) });
    case "reversed":
      return m.tl_reversed;
    case "expired":
      return m.tl_expired;
    case "cancelled":
      return m.tl_cancelled;
    case "webhook": {
      const d = e.delivery!;
      const attempts = String(d.attempts);
      const outcome = d.status === "succeeded" ? m.webhookDelivered : d.status === "failed" ? fill(m.webhookFailed, { attempts }) : fill(m.webhookPending, { attempts });
      return `${fill(m.tl_webhook, { partner, event: e.eventType ?? "" })}: ${outcome}`;
    }
  }
}

export function RequestTimelineList(p: { entries: TimelineEntry[]; via: string; partner: string; m: DashboardMessages; pm: Messages; when: (d: Date) => string }) {
  const { entries, via, partner, m, pm, when } = p;
  return (
    <section aria-labelledby="timeline-heading">
      <h2 id="timeline-heading" className="font-medium">
        {m.timeline}
      </h2>
      <ol className="mt-2 space-y-2 border-l-2 border-slate-200 pl-4 text-sm" data-testid="timeline">
        {entries.map((e, i) => (
          <li key={i} data-kind={e.kind} className="relative">
            <span className="absolute top-1.5 -left-[1.3rem] h-2 w-2 rounded-full bg-slate-400" aria-hidden="true" />
            <time dateTime={e.at.toISOString()} className="block text-xs text-slate-600" data-testid="timeline-time">
              {when(e.at)}
            </time>
            <span className="break-words">{entryText(e, via, partner, m, pm)}</span>
            {e.txHash && !e.simulated ? <code className="block text-xs break-all text-slate-600">{e.txHash}</code> : null}
          </li>
        ))}
      </ol>
    </section>
  );
}
