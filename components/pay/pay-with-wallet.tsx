"use client";
// "Pay with wallet": a plain button until clicked; the wallet code (./wallet/pay, with viem) is
// fetched by import() on click, so it weighs nothing on the first load (SPEC §8).
import { useState } from "react";
import { fill, formatUsdcMicro } from "@/lib/i18n/format";
import type { Messages } from "@/lib/i18n/messages";
import { PROOF_SENT_EVENT } from "./phase";
import type { WalletFailure, WalletPayTarget, WalletStep } from "./wallet/types";

type State = { s: "idle" } | { s: "loading" } | { s: "step"; step: WalletStep } | { s: "done" } | { s: "failed"; failure: WalletFailure };

export function PayWithWallet({ target, m }: { target: WalletPayTarget; m: Messages }) {
  const [state, setState] = useState<State>({ s: "idle" });
  const busy = state.s === "loading" || state.s === "step";
  const vars = { network: target.networkName, amount: formatUsdcMicro(target.amountMicro) };

  async function start() {
    setState({ s: "loading" });
    try {
      const { payWithWallet } = await import("./wallet/pay");
      const result = await payWithWallet(target, (step) => setState({ s: "step", step }));
      if (result.ok) {
        setState({ s: "done" });
        window.dispatchEvent(new Event(PROOF_SENT_EVENT));
      } else {
        setState({ s: "failed", failure: result.failure });
      }
    } catch {
      // The chunk failed to load (offline, deploy in between).
      setState({ s: "failed", failure: { kind: "rpc" } });
    }
  }

  const stepText: Record<WalletStep, string> = {
    connecting: m.walletConnecting,
    switching: m.walletSwitching,
    checking: m.walletChecking,
    confirm: m.walletConfirm,
    submitting: m.walletSubmitting,
  };
  const progress =
    state.s === "loading" ? m.walletLoading : state.s === "step" ? fill(stepText[state.step], vars) : state.s === "done" ? fill(m.walletDone, vars) : null;

  return (
    <div>
      {state.s !== "done" ? (
        <button
          type="button"
          onClick={start}
          disabled={busy}
          aria-describedby="wallet-progress"
          className="w-full rounded-lg bg-[var(--brand-primary)] px-4 py-3 text-base font-semibold text-[var(--brand-on-primary)] hover:opacity-90 focus-visible:outline-3 focus-visible:outline-offset-2 focus-visible:outline-slate-900 disabled:opacity-60"
        >
          {state.s === "failed" ? m.retry : m.payWithWallet}
        </button>
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
