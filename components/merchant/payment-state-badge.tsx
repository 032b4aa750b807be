// A payment's state as a badge: its word, a colour and an icon, so it reads at a glance and
// without colour alike (the word is always there; the icon is decoration for screen readers).
import type { PaymentState } from "@/lib/merchants/payment-state";

type Tone = "neutral" | "progress" | "good" | "warn" | "bad" | "muted";

const TONE_OF: Record<PaymentState, Tone> = {
  waiting: "neutral",
  confirming: "progress",
  paid: "good",
  paid_late: "good",
  paid_overpaid: "warn",
  refused_underpaid: "bad",
  expired: "muted",
  cancelled: "muted",
  reversed: "bad",
};

// Text colours at ≥ 4.5:1 on their background (WCAG AA), checked by the axe runs in e2e.
const TONE_CLASS: Record<Tone, string> = {
  neutral: "bg-sky-50 text-sky-900 ring-sky-200",
  progress: "bg-amber-50 text-amber-900 ring-amber-300",
  good: "bg-emerald-50 text-emerald-900 ring-emerald-300",
  warn: "bg-lime-50 text-lime-900 ring-lime-300",
  bad: "bg-red-50 text-red-900 ring-red-300",
  muted: "bg-slate-100 text-slate-700 ring-slate-300",
};

// 16×16 strokes on a 24-unit grid (feather-style outlines, drawn here: no icon library).
const ICON_PATH: Record<PaymentState, string> = {
  waiting: "M12 7v5l3 2M21 12a9 9 0 1 1-18 0 9 9 0 0 1 18 0z",
  confirming: "M6 3h12M6 21h12M7 3c0 5 10 5 10 9s-10 4-10 9M17 3c0 5-10 5-10 9s10 4 10 9",
  paid: "M20 6 9 17l-5-5",
  paid_late: "M16 8l-6 7-3-3M21 12a9 9 0 1 1-18 0 9 9 0 0 1 18 0z",
  paid_overpaid: "M20 6 9 17l-5-5M17 14h6M20 11v6",
  refused_underpaid: "M12 8v5M12 16.5v.5M10.3 3.9 1.8 18a2 2 0 0 0 1.7 3h17a2 2 0 0 0 1.7-3L13.7 3.9a2 2 0 0 0-3.4 0z",
  expired: "M12 7v5M12 16v.5M21 12a9 9 0 1 1-18 0 9 9 0 0 1 18 0z",
  cancelled: "M5.6 5.6l12.8 12.8M21 12a9 9 0 1 1-18 0 9 9 0 0 1 18 0z",
  reversed: "M3 7v6h6M3.5 13a9 9 0 1 0 2.1-9.4L3 7",
};

export function StateIcon({ state, className = "h-4 w-4" }: { state: PaymentState; className?: string }) {
  return (
    <svg viewBox="0 0 24 24" className={`${className} shrink-0`} fill="none" stroke="currentColor" strokeWidth={2} strokeLinecap="round" strokeLinejoin="round" aria-hidden="true">
      <path d={ICON_PATH[state]} />
    </svg>
  );
}

export function PaymentStateBadge({ state, label }: { state: PaymentState; label: string }) {
  return (
    <span data-state={state} data-testid="payment-state" className={`inline-flex items-center gap-1 rounded-full px-2 py-0.5 text-xs font-medium whitespace-nowrap ring-1 ${TONE_CLASS[TONE_OF[state]]}`}>
      <StateIcon state={state} className="h-3.5 w-3.5" />
      {label}
    </span>
  );
}
