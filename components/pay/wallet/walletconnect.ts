// WalletConnect as just another EIP-1193 provider for ./pay.ts. Loaded by import() only when the
// customer picks "WalletConnect" (the SDK and its QR modal are large), so neither the first load
// nor the injected-wallet path carries it. Exists only when WALLETCONNECT_PROJECT_ID is set.
import { EthereumProvider } from "@walletconnect/ethereum-provider";
import type { Eip1193Provider, WalletPayTarget } from "./types";

/** The modal's message when the customer closes it without connecting. */
const MODAL_CLOSED = /connection request reset|user (rejected|closed|cancel)/i;

export async function walletConnectProvider(projectId: string, t: WalletPayTarget): Promise<Eip1193Provider> {
  const wc = await EthereumProvider.init({
    projectId,
    // Optional, not required: a wallet refuses a session whose required chains it lacks; the
    // shared flow then switches (or reports the wrong chain) like for any wallet.
    optionalChains: [t.chainId],
    // Only public endpoints reach the browser (see load-pay-page.ts); otherwise WalletConnect's own RPC.
    rpcMap: t.publicRpcUrl ? { [t.chainId]: t.publicRpcUrl } : undefined,
    showQrModal: true,
    metadata: { name: "JoPay", description: "USDC payment", url: window.location.origin, icons: [] },
  });
  return {
    async request({ method, params }) {
      try {
        // Connecting is what opens the QR modal: the shared flow's eth_requestAccounts is that step.
        if (method === "eth_requestAccounts") return await wc.enable();
        return await wc.request({ method, params: params as unknown[] | object | undefined });
      } catch (err) {
        // Closing the modal is the customer saying no, as EIP-1193's 4001 says for injected wallets.
        if (MODAL_CLOSED.test((err as Error)?.message ?? "")) throw Object.assign(new Error("User rejected the request."), { code: 4001 });
        throw err;
      }
    },
  };
}
