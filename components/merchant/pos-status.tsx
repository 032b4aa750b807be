"use client";
// The POS screen's live status: polls the public pay-status endpoint and, when the payment is
// verified or the request can no longer be paid, has the server render the screen again — the QR
// makes way for the confirmation and receipt (app/(merchant)/merchant/pos/[id]/page.tsx), which
// need what the public status does not say (simulated or not, what arrived). An expired request
// keeps polling: a late payment still counts (SPEC §6) and turns the screen to paid.
import { useRouter } from "next/navigation";
import { useEffect, useState } from "react";

type Status = { status: string; proof_status: string };
type Phase = "waiting" | "seen" | "paid" | "expired" | "voided";

/** The pay page's own sentences for these phases (lib/i18n/messages), in the dashboard's language. */
export type PosStatusLabels = Record<Phase, string>;

function phaseOf(s: Status): Phase {
  if (s.proof_status === "verified") return "paid";
  if (s.status === "voided") return "voided";
  if (s.proof_status === "attached") return "seen";
  return s.status === "expired" ? "expired" : "waiting";
}

/** Phases the server renders differently from the waiting screen. */
const RERENDERS: readonly Phase[] = ["paid", "expired", "voided"];

export function PosStatus(props: { requestId: string; initial: Status; labels: PosStatusLabels }) {
  const router = useRouter();
  const [s, setS] = useState<Status>(props.initial);
  const phase = phaseOf(s);
  const shown = phaseOf(props.initial);

  useEffect(() => {
    if (phase !== shown && RERENDERS.includes(phase)) router.refresh();
  }, [phase, shown, router]);

  useEffect(() => {
    if (phase === "paid" || phase === "voided") return;
    let stopped = false;
    const tick = async () => {
      try {
        const res = await fetch(`/api/pay/${props.requestId}`, { cache: "no-store" });
        if (!res.ok || stopped) return;
        const body = (await res.json()) as Status & { expires_at: string };
        // Past its expiry it is expired, before the sweeper says so too (as the pay page shows it).
        const lapsed = body.status !== "voided" && Date.parse(body.expires_at) <= Date.now();
        setS({ status: lapsed ? "expired" : body.status, proof_status: body.proof_status });
      } catch {
        /* offline for a moment: try again on the next tick */
      }
    };
    const timer = setInterval(tick, 2000);
    return () => {
      stopped = true;
      clearInterval(timer);
    };
  }, [props.requestId, phase]);

  return (
    <p role="status" data-testid="pos-status" data-phase={phase} className="text-2xl font-medium text-slate-700">
      {props.labels[phase]}
    </p>
  );
}
