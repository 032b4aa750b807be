// The "Pay with wallet" flow, loaded by dynamic import() only when the customer clicks the button
// (viem stays out of the page's first-load JavaScript). Talks EIP-1193 to whichever wallet the
// customer chose — injected, EIP-6963 or WalletConnect; the provider is the only difference:
// connect → switch (or add) the request's chain → check the USDC balance → sign an EIP-3009
// authorization bound to the request (./authorize; a plain transfer where that cannot be done) →
// the customer's wallet sends it to the USDC contract → attach the tx hash as proof via
// POST /api/pay/:id/proof.
import { encodeFunctionData, erc20Abi, getAddress, hexToBigInt, numberToHex, type Hex } from "viem";
import { authorizeTransfer } from "./authorize";
import { call, errorCode, errorMessage, isRejection, Stop } from "./rpc";
import type { Eip1193Provider, WalletPayTarget, WalletResult, WalletStep } from "./types";

async function ensureChain(provider: Eip1193Provider, t: WalletPayTarget): Promise<void> {
  const want = numberToHex(t.chainId);
  const current = await call<string>(provider, "eth_chainId");
  if (Number(current) === t.chainId) return;
  try {
    await call(provider, "wallet_switchEthereumChain", [{ chainId: want }]);
  } catch (err) {
    if (err instanceof Stop) throw err;
    // 4902: the wallet does not know the chain (some wallets wrap it in data.originalError).
    if (errorCode(err) !== 4902 && !/unrecognized chain/i.test(errorMessage(err))) throw new Stop({ kind: "wrong_chain" });
    if (!t.publicRpcUrl) throw new Stop({ kind: "add_chain" });
    try {
      await call(provider, "wallet_addEthereumChain", [
        {
          chainId: want,
          chainName: t.networkName,
          rpcUrls: [t.publicRpcUrl],
          nativeCurrency: { name: t.nativeCurrencySymbol, symbol: t.nativeCurrencySymbol, decimals: 18 },
        },
      ]);
    } catch (addErr) {
      if (addErr instanceof Stop) throw addErr;
      throw new Stop({ kind: "add_chain" });
    }
  }
  // Some wallets resolve the switch before they have actually moved (or not at all).
  if (Number(await call<string>(provider, "eth_chainId")) !== t.chainId) throw new Stop({ kind: "wrong_chain" });
}

async function attachProof(requestId: string, txHash: string, chainId: number): Promise<boolean> {
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const res = await fetch(`/api/pay/${requestId}/proof`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ tx_hash: txHash, chain_id: chainId }),
      });
      if (res.ok) return true;
      // The transfer watcher can attach and verify our payment before this call lands; then the
      // request no longer takes proofs, and the live status shows the confirmation.
      if (res.status === 409) {
        const body = (await res.json().catch(() => ({}))) as { error?: string; request?: { tx_hash?: string | null } };
        if (body.error === "request_not_payable" && body.request?.tx_hash === txHash.toLowerCase()) return true;
      }
      if (res.status < 500 && res.status !== 429) return false;
    } catch {
      // network blip: retry
    }
    await new Promise((r) => setTimeout(r, 1000 * (attempt + 1)));
  }
  return false;
}

export async function payWithProvider(provider: Eip1193Provider, t: WalletPayTarget, onStep: (s: WalletStep) => void): Promise<WalletResult> {
  try {
    onStep("connecting");
    const accounts = await call<string[]>(provider, "eth_requestAccounts");
    if (!accounts?.[0]) return { ok: false, failure: { kind: "rejected" } };
    const from = getAddress(accounts[0]);

    onStep("switching");
    await ensureChain(provider, t);

    onStep("checking");
    const amount = BigInt(t.amountMicro);
    const usdc = getAddress(t.usdc);
    const balanceHex = await call<Hex>(provider, "eth_call", [
      { to: usdc, data: encodeFunctionData({ abi: erc20Abi, functionName: "balanceOf", args: [from] }) },
      "latest",
    ]);
    const balance = balanceHex && balanceHex !== "0x" ? hexToBigInt(balanceHex) : 0n;
    if (balance < amount) return { ok: false, failure: { kind: "insufficient", balanceMicro: balance.toString() } };

    const auth = await authorizeTransfer(provider, t, from, () => onStep("sign"));
    // This wallet's authorization for this request is already on chain: it paid (a retry after a
    // lost proof call, a second tab). Paying again would pay twice; the watcher attaches that payment.
    if (auth.kind === "used") return { ok: true, txHash: null };

    onStep("confirm");
    const txHash = await call<Hex>(provider, "eth_sendTransaction", [
      {
        from,
        to: usdc,
        // Exactly usdc_micro: the amount identifies this request among open ones (SPEC §6).
        data: auth.kind === "signed" ? auth.data : encodeFunctionData({ abi: erc20Abi, functionName: "transfer", args: [getAddress(t.recipient), amount] }),
      },
    ]);

    onStep("submitting");
    if (!(await attachProof(t.requestId, txHash, t.chainId))) return { ok: false, failure: { kind: "proof_failed", txHash } };
    return { ok: true, txHash };
  } catch (err) {
    if (err instanceof Stop) return { ok: false, failure: err.failure };
    if (isRejection(err)) return { ok: false, failure: { kind: "rejected" } };
    return { ok: false, failure: { kind: "rpc" } };
  }
}
