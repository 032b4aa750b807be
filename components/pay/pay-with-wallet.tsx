"use client";
// "Pay with wallet": plain buttons until clicked. The wallet code is fetched by import() on click,
// so it weighs nothing on the first load (SPEC §8): ./wallet/discover finds the browser wallets
// (a picker when EIP-6963 announces several), ./wallet/walletconnect (its own chunk, only when the
// server passed a project id and the customer picks it) makes a WalletConnect provider, and
// ./wallet/pay (viem) runs the one payment flow over whichever provider was chosen.
import { useEffect, useRef, useState } from "react";
import { fill, formatUsdcMicro } from "@/lib/i18n/format";
import type { Messages } from "@/lib/i18n/messages";
import { PROOF_SENT_EVENT } from "./phase";
import type { Eip1193Provider, WalletChoice, WalletFailure, WalletPayTarget, WalletStep } from "./wallet/types";

/** What a retry repeats: the same browser wallet, or WalletConnect. */
type Via = { kind: "injected"; wallet: WalletChoice | null } | { kind: "walletconnect" };

type State =
  | { s: "idle" }
  | { s: "loading" }
  | { s: "choosing"; wallets: WalletChoice[] }
  | { s: "step"; step: WalletStep }
  | { s: "done" }
  | { s: "failed"; failure: WalletFailure; via: Via };

const PRIMARY =
  "w-full rounded-lg bg-[var(--brand-primary)] px-4 py-3 text-base font-semibold text-[var(--brand-on-primary)] hover:opacity-90 focus-visible:outline-3 focus-visible:outline-offset-2 focus-visible:outline-slate-900 disabled:opacity-60";
const SECONDARY =
  "flex w-full items-center gap-3 rounded-lg border border-slate-300 bg-white px-4 py-3 text-left text-base font-semibold text-slate-900 hover:bg-slate-50 focus-visible:outline-3 focus-visible:outline-offset-2 focus-visible:outline-slate-900 disabled:opacity-60";

export function PayWithWallet({ target, m, walletConnectProjectId }: { target: WalletPayTarget; m: Messages; walletConnectProjectId?: string }) {
  const [state, setState] = useState<State>({ s: "idle" });
  const firstChoice = useRef<HTMLButtonElement>(null);
  const busy = state.s === "loading" || state.s === "step";
  const vars = { network: target.networkName, amount: formatUsdcMicro(target.amountMicro) };

  // The pay button the customer just used is gone: keyboard focus moves to the first wallet.
  const choosing = state.s === "choosing";
  useEffect(() => {
    if (choosing) firstChoice.current?.focus();
  }, [choosing]);

  async function pay(via: Via, provider: () => Promise<Eip1193Provider>) {
    setState({ s: "loading" });
    try {
      const [{ payWithProvider }, p] = await Promise.all([import("./wallet/pay"), provider()]);
      const result = await payWithProvider(p, target, (step) => setState({ s: "step", step }));
      if (result.ok) {
        setState({ s: "done" });
        window.dispatchEvent(new Event(PROOF_SENT_EVENT));
      } else {
        setState({ s: "failed", failure: result.failure, via });
      }
    } catch {
      // A chunk failed to load (offline, deploy in between) or WalletConnect could not start.
      setState({ s: "failed", failure: { kind: "rpc" }, via });
    }
  }

  const payWith = (wallet: WalletChoice) => pay({ kind: "injected", wallet }, async () => wallet.provider);

  async function startInjected() {
    setState({ s: "loading" });
    let wallets: WalletChoice[];
    try {
      wallets = await (await import("./wallet/discover")).discoverWallets();
    } catch {
      setState({ s: "failed", failure: { kind: "rpc" }, via: { kind: "injected", wallet: null } });
      return;
    }
    if (wallets.length === 0) setState({ s: "failed", failure: { kind: "no_wallet" }, via: { kind: "injected", wallet: null } });
    else if (wallets.length === 1) await payWith(wallets[0]);
    else setState({ s: "choosing", wallets });
  }

  function startWalletConnect() {
    if (!walletConnectProjectId) return;
    return pay({ kind: "walletconnect" }, async () => (await import("./wallet/walletconnect")).walletConnectProvider(walletConnectProjectId, target));
  }

  function retry() {
    if (state.s !== "failed") return;
    const via = state.via;
    if (via.kind === "walletconnect") return startWalletConnect();
    return via.wallet ? payWith(via.wallet) : startInjected();
  }

  const stepText: Record<WalletStep, string> = {
    connecting: m.walletConnecting,
    switching: m.walletSwitching,
    checking: m.walletChecking,
    sign: m.walletSign,
    confirm: m.walletConfirm,
    submitting: m.walletSubmitting,
  };
  const progress =
    state.s === "loading" ? m.walletLoading : state.s === "step" ? fill(stepText[state.step], vars) : state.s === "done" ? fill(m.walletDone, vars) : null;

  return (
    <div>
      {state.s === "choosing" ? (
        <div>
          <h2 id="wallet-choose" className="mb-2 text-base font-semibold">
            {m.walletChoose}
          </h2>
          <ul aria-labelledby="wallet-choose" className="space-y-2" data-testid="wallet-picker">
            {state.wallets.map((w, i) => (
              <li key={w.id}>
                <button type="button" ref={i === 0 ? firstChoice : undefined} onClick={() => payWith(w)} className={SECONDARY}>
                  {w.icon ? (
                    // A data: URI from the wallet's own announcement (never a URL): next/image adds nothing.
                    // eslint-disable-next-line @next/next/no-img-element
                    <img src={w.icon} alt="" width={28} height={28} className="h-7 w-7 shrink-0 rounded" />
                  ) : null}
                  <span>{w.name}</span>
                </button>
              </li>
            ))}
          </ul>
        </div>
      ) : state.s !== "done" ? (
        <div className="space-y-2">
          <button type="button" onClick={state.s === "failed" && state.via.kind === "injected" ? retry : startInjected} disabled={busy} aria-describedby="wallet-progress" className={PRIMARY}>
            {state.s === "failed" && state.via.kind === "injected" ? m.retry : m.payWithWallet}
          </button>
          {walletConnectProjectId ? (
            <button type="button" onClick={startWalletConnect} disabled={busy} aria-describedby="wallet-progress" className={SECONDARY} data-testid="walletconnect-button">
              <span className="w-full text-center">{m.payWithWalletConnect}</span>
            </button>
          ) : null}
        </div>
      ) : null}
      <div id="wallet-progress" role="status" aria-live="polite" className="mt-2 text-sm text-slate-700">
        {progress}
      </div>
      {state.s === "failed" ? (
        <p role="alert" data-testid="wallet-error" className="mt-2 rounded-md bg-red-50 p-3 text-sm text-red-900">
          {failureText(state.failure, m, vars)}
        </p>
      ) : null}
    </div>
  );
}

function failureText(f: WalletFailure, m: Messages, vars: { network: string; amount: string }): string {
  switch (f.kind) {
    case "no_wallet":
      return m.walletNoWallet;
    case "rejected":
      return m.walletRejected;
    case "wrong_chain":
      return fill(m.walletWrongChain, vars);
    case "add_chain":
      return fill(m.walletAddChain, vars);
    case "insufficient":
      return fill(m.walletInsufficient, { ...vars, balance: formatUsdcMicro(f.balanceMicro) });
    case "rpc":
      return fill(m.walletRpc, vars);
    case "proof_failed":
      return fill(m.walletProofFailed, { hash: f.txHash });
  }
}
