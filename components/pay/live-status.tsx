"use client";
// The status block of the pay page and whatever depends on it, kept current without a reload by
// polling GET /api/pay/:id every ~2 s until the request is final (SPEC §8). `children` (the ways
// to pay, rendered on the server) show only while paying makes sense; the proof form also stays
// while a payment is being confirmed, so a customer who pasted a wrong hash can paste the right one.
import { useCallback, useEffect, useRef, useState, useSyncExternalStore, type ReactNode } from "react";
import { fill, formatDateTime, formatFiat, formatUsdcMicro } from "@/lib/i18n/format";
import type { Locale } from "@/lib/i18n/locales";
import type { Messages } from "@/lib/i18n/messages";
import type { PayStatusOutput } from "@/lib/schemas/pay-status";
import { Countdown } from "./countdown";
import { isFinal, phaseOf, PROOF_SENT_EVENT, RECONNECTING_AFTER_FAILURES, retryInterval, type Phase } from "./phase";

interface Props {
  requestId: string;
  initial: PayStatusOutput;
  renderedAt: number;
  locale: Locale;
  m: Messages;
  merchantName: string;
  memo: string | null;
  networkName: string;
  explorerTxUrl: string | null;
  /** This page again: the no-JS way to see a newer state. */
  refreshHref: string;
  /** QR, address and wallet button. */
  children: ReactNode;
  proofForm: ReactNode;
}

const TONE: Record<Phase, string> = {
  waiting: "border-slate-200 bg-white",
  seen: "border-amber-300 bg-amber-50",
  confirmed: "border-emerald-400 bg-emerald-50",
  expired: "border-slate-300 bg-slate-100",
  voided: "border-slate-300 bg-slate-100",
};

export function LiveStatus(p: Props) {
  const [status, setStatus] = useState(p.initial);
  const [now, setNow] = useState(p.renderedAt);
  // The browser's zone for the receipt time; the server (and hydration) render UTC.
  const timeZone = useSyncExternalStore(noSubscribe, browserTimeZone, () => "UTC");
  const phase = phaseOf(status, now);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);

  // Failed polls in a row (offline, or JoPay answering 503 for a moment): the next one waits longer.
  const [failures, setFailures] = useState(0);

  const poll = useCallback(async () => {
    let ok = false;
    try {
      const res = await fetch(`/api/pay/${p.requestId}`, { cache: "no-store", headers: { accept: "application/json" } });
      if (res.ok) {
        const body = (await res.json()) as PayStatusOutput & { ok: boolean };
        setStatus(body);
        ok = true;
      }
    } catch {
      // Offline for a moment: retried, later each time.
    }
    setFailures((f) => (ok ? 0 : f + 1));
    setNow(Date.now());
  }, [p.requestId]);

  useEffect(() => {
    if (isFinal(phase)) return;
    timer.current = setTimeout(poll, retryInterval(phase, failures));
    return () => {
      if (timer.current) clearTimeout(timer.current);
    };
  }, [phase, status, now, failures, poll]);

  // The wallet flow posts its proof itself; look at once instead of at the next tick.
  useEffect(() => {
    const onSent = () => void poll();
    window.addEventListener(PROOF_SENT_EVENT, onSent);
    return () => window.removeEventListener(PROOF_SENT_EVENT, onSent);
  }, [poll]);

  const m = p.m;
  const vars = { merchant: p.merchantName, network: p.networkName };
  const heading: Record<Phase, string> = {
    waiting: m.statusWaiting,
    seen: m.statusSeen,
    confirmed: m.statusConfirmed,
    expired: m.statusExpired,
    voided: m.statusVoided,
  };
  const body: Record<Phase, string> = {
    waiting: m.statusWaitingBody,
    seen: m.statusSeenBody,
    confirmed: m.statusConfirmedBody,
    expired: m.statusExpiredBody,
    voided: m.statusVoidedBody,
  };
  const rejection = phase === "waiting" || phase === "expired" ? status.rejection : null;

  return (
    <>
      <section
        aria-labelledby="pay-status-heading"
        data-phase={phase}
        data-testid="pay-status"
        className={`rounded-xl border-2 p-4 ${TONE[phase]} print:border-0 print:bg-white print:p-0`}
      >
        <div role="status" aria-live="polite">
          <h2 id="pay-status-heading" className="text-lg font-semibold">
            {heading[phase]}
          </h2>
          <p className="mt-1 text-sm text-slate-700 print:hidden">{fill(body[phase], vars)}</p>
          {phase === "waiting" ? (
            <p className="mt-2 text-sm" data-testid="expiry">
              {Date.parse(status.expires_at) - now < DAY_MS ? (
                <>
                  {m.expiresIn} <Countdown expiresAt={status.expires_at} initialMs={Date.parse(status.expires_at) - now} />
                </>
              ) : (
                <>
                  {m.expiresOn} {formatDateTime(status.expires_at, p.locale, timeZone)}
                </>
              )}
            </p>
          ) : null}
          {failures >= RECONNECTING_AFTER_FAILURES && !isFinal(phase) ? (
            <p className="mt-2 text-sm text-slate-700" data-testid="pay-reconnecting">
              {m.statusReconnecting}
            </p>
          ) : null}
          {phase === "confirmed" && status.late ? <p className="mt-2 text-sm font-medium text-slate-800">{m.statusLate}</p> : null}
          {rejection ? (
            <p className="mt-3 rounded-md bg-red-50 p-3 text-sm text-red-900" data-testid="pay-rejection">
              {status.simulated ? <SimulatedLabel m={m} /> : null}
              {rejection.reason === "underpaid"
                ? fill(m.rejectedUnderpaid, {
                    ...vars,
                    hash: shortHash(rejection.tx_hash),
                    expected: formatUsdcMicro(rejection.expected_usdc_micro),
                    received: formatUsdcMicro(rejection.received_usdc_micro ?? "0"),
                  })
                : fill(m.rejectedOther, {
                    ...vars,
                    hash: shortHash(rejection.tx_hash),
                    reason: (m as Record<string, string>)[`reason_${rejection.reason}`] ?? rejection.reason,
                  })}
            </p>
          ) : null}
        </div>
        {phase === "confirmed" ? <Receipt {...p} status={status} timeZone={timeZone} /> : null}
      </section>
      {phase === "waiting" ? p.children : null}
      {phase === "waiting" || phase === "seen" ? p.proofForm : null}
      {!isFinal(phase) ? (
        <p className="text-center text-sm">
          <a href={p.refreshHref} className="font-medium text-slate-900 underline" data-testid="refresh-link">
            {m.refresh}
          </a>
        </p>
      ) : null}
    </>
  );
}

const DAY_MS = 24 * 60 * 60 * 1000;
const noSubscribe = () => () => {};
const yes = () => true;
const no = () => false;
const browserTimeZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone || "UTC";

function shortHash(h: string) {
  return `${h.slice(0, 10)}…${h.slice(-8)}`;
}

/** Said wherever a simulated payment's made-up transaction would show (the dashboard's SimulatedNote says the same). */
function SimulatedLabel({ m }: { m: Messages }) {
  return (
    <span className="mb-1 block font-semibold text-amber-900" data-testid="pay-simulated">
      {m.simulatedLabel}
    </span>
  );
}

/**
 * The receipt, on screen under the confirmation and alone on the printed sheet (or PDF): the same
 * facts, in the same words, as the receipt email (lib/email/receipt-email.ts). Printing is the
 * browser's own (window.print), so the first load gains only this button; without JavaScript
 * there is no button and the browser's Print still gives the print-styled sheet.
 */
function Receipt(p: Props & { status: PayStatusOutput; timeZone: string }) {
  const { m, status } = p;
  const hash = status.tx_hash ?? "";
  const link = p.explorerTxUrl && hash && !status.simulated ? p.explorerTxUrl.replace(/\{hash\}/g, hash) : null;
  const interactive = useSyncExternalStore(noSubscribe, yes, no);
  return (
    <div className="mt-4 border-t border-emerald-300 pt-4" data-testid="pay-receipt" data-simulated={status.simulated ? "true" : undefined}>
      <h3 className="font-semibold">{m.receipt}</h3>
      {status.simulated ? (
        <p className="mt-2 rounded-md bg-amber-100 px-3 py-2 text-sm print:border print:border-amber-900">
          <SimulatedLabel m={m} />
          {m.simulatedBody}
        </p>
      ) : null}
      <dl className="mt-2 grid grid-cols-[auto_1fr] gap-x-4 gap-y-2 text-sm">
        <dt className="text-slate-600">{m.receiptMerchant}</dt>
        <dd>{p.merchantName}</dd>
        <dt className="text-slate-600">{m.receiptAmount}</dt>
        <dd>
          {formatFiat(status.amount.fiat_int, status.amount.fiat_code, p.locale)} ·{" "}
          <span className="font-mono">{formatUsdcMicro(status.amount.usdc_micro)} USDC</span>
        </dd>
        {p.memo ? (
          <>
            <dt className="text-slate-600">{m.memo}</dt>
            <dd className="break-words">{p.memo}</dd>
          </>
        ) : null}
        <dt className="text-slate-600">{m.receiptTime}</dt>
        <dd>{status.proof_verified_at ? formatDateTime(status.proof_verified_at, p.locale, p.timeZone) : "—"}</dd>
        <dt className="text-slate-600">{m.network}</dt>
        <dd>{p.networkName}</dd>
        <dt className="text-slate-600">{m.receiptTx}</dt>
        <dd className="min-w-0">
          {status.simulated ? (
            <span className="block font-medium text-amber-900" data-testid="receipt-tx-simulated">
              {m.simulatedLabel}
            </span>
          ) : (
            <span className="block break-all font-mono text-xs" data-testid="receipt-tx">
              {hash}
            </span>
          )}
          {link ? (
            <a href={link} target="_blank" rel="noopener noreferrer" className="mt-1 inline-block font-medium text-slate-900 underline">
              {m.viewOnExplorer}
            </a>
          ) : null}
        </dd>
        <dt className="text-slate-600">{m.receiptRequest}</dt>
        <dd className="break-all font-mono text-xs" data-testid="receipt-request-id">
          {p.requestId}
        </dd>
      </dl>
      {interactive ? (
        <button
          type="button"
          onClick={() => window.print()}
          data-testid="receipt-print"
          className="mt-4 rounded-lg bg-[var(--brand-primary)] px-4 py-2 text-sm font-semibold text-[var(--brand-on-primary)] print:hidden"
        >
          {m.receiptPrint}
        </button>
      ) : null}
    </div>
  );
}
