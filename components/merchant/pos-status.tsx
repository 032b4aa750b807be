"use client";
// The POS screen's live status: polls the public pay-status endpoint and flips to "Paid" once the
// payment is verified, without a reload.
import { useEffect, useState } from "react";

type Status = { status: string; proof_status: string };

export function PosStatus(props: { requestId: string; initial: Status }) {
  const [s, setS] = useState<Status>(props.initial);
  const done = s.proof_status === "verified" || s.status === "expired" || s.status === "voided";

  useEffect(() => {
    if (done) return;
    let stopped = false;
    const tick = async () => {
      try {
        const res = await fetch(`/api/pay/${props.requestId}`, { cache: "no-store" });
        if (res.ok && !stopped) setS((await res.json()) as Status);
      } catch {
        /* offline for a moment: try again on the next tick */
      }
    };
    const timer = setInterval(tick, 2000);
    return () => {
      stopped = true;
      clearInterval(timer);
    };
  }, [props.requestId, done]);

  if (s.proof_status === "verified") {
    return (
      <p role="status" data-testid="pos-status" className="rounded-xl bg-green-600 px-8 py-6 text-4xl font-bold text-white">
        Paid ✓
      </p>
    );
  }
  const label = s.status === "expired" ? "Expired" : s.status === "voided" ? "Cancelled" : s.proof_status === "attached" ? "Payment received — confirming…" : "Waiting for payment";
  return (
    <p role="status" data-testid="pos-status" className="text-2xl font-medium text-slate-700">
      {label}
    </p>
  );
}
