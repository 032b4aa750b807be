// The customer's "wallet" in end-to-end tests (STYLE: addInitScript + exposeBinding): an EIP-1193
// provider injected into the page that forwards to anvil, whose default accounts are unlocked, so
// eth_sendTransaction and eth_signTypedData_v4 are signed by the node. Announced through EIP-6963
// and as window.ethereum.
// `wallets` announces several (a customer with two extensions): each is its own provider, and
// `callsBy` records which one the page talked to.
// The production bundle carries no test connector: this exists only in the test's browser.
import type { Page } from "@playwright/test";

export interface InjectedWallet {
  /** The next eth_sendTransaction is refused as the user would (EIP-1193 code 4001). */
  rejectNextSend(): void;
  /** The next call of `method` fails with this error instead (queued: several fail in turn). */
  failNext(method: string, error: { code: number; message: string }): void;
  /** Methods the page called, in order (all wallets). */
  calls: string[];
  /** Methods the page called per announced wallet name. */
  callsBy: Record<string, string[]>;
}

export interface AnnouncedWallet {
  name: string;
  /** EIP-6963 icon; defaults to a small SVG data URI. */
  icon?: string;
}

const DEFAULT_WALLETS: AnnouncedWallet[] = [{ name: "JoPay Test Wallet" }];

type Reply = { result: unknown } | { error: { code: number; message: string } };

let rpcId = 0;
async function anvil(rpcUrl: string, method: string, params: unknown[]): Promise<Reply> {
  const res = await fetch(rpcUrl, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ jsonrpc: "2.0", id: ++rpcId, method, params }),
  });
  const body = (await res.json()) as { result?: unknown; error?: { code: number; message: string } };
  return body.error ? { error: body.error } : { result: body.result };
}

export async function injectWallet(
  page: Page,
  opts: {
    rpcUrl: string;
    account: string;
    /** The chain the requests are on. */
    chainId: number;
    /** Where the wallet is when the page first asks (default: chainId); it switches when asked. */
    startChainId?: number;
    wallets?: AnnouncedWallet[];
    /**
     * false: a wallet without EIP-712 typed-data signing, which answers eth_signTypedData_v4 with
     * EIP-1193's 4200 "unsupported method" (the pay page then falls back to a plain transfer).
     */
    typedData?: boolean;
  },
): Promise<InjectedWallet> {
  const wallets = (opts.wallets ?? DEFAULT_WALLETS).map((w) => ({
    name: w.name,
    icon: w.icon ?? "data:image/svg+xml,<svg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 8 8'><rect width='8' height='8' fill='%23334155'/></svg>",
  }));
  const failures = new Map<string, { code: number; message: string }[]>();
  const state: InjectedWallet & { reject: boolean; chainHex: string } = {
    reject: false,
    chainHex: `0x${(opts.startChainId ?? opts.chainId).toString(16)}`,
    calls: [],
    callsBy: Object.fromEntries(wallets.map((w) => [w.name, []])),
    rejectNextSend() {
      state.reject = true;
    },
    failNext(method, error) {
      failures.set(method, [...(failures.get(method) ?? []), error]);
    },
  };
  const requestChainHex = `0x${opts.chainId.toString(16)}`;

  await page.exposeBinding("__jopayTestWallet", async (_source, walletName: string, method: string, params: unknown[] = []): Promise<Reply> => {
    state.calls.push(method);
    state.callsBy[walletName]?.push(method);
    const failure = failures.get(method)?.shift();
    if (failure) return { error: failure };
    switch (method) {
      case "eth_requestAccounts":
      case "eth_accounts":
        return { result: [opts.account] };
      case "eth_chainId":
        return { result: state.chainHex };
      case "wallet_switchEthereumChain":
      case "wallet_addEthereumChain": {
        // The wallet knows (or, asked to add it, learns) the requests' chain and nothing else.
        const want = (params[0] as { chainId?: string } | undefined)?.chainId?.toLowerCase();
        if (want !== requestChainHex) return { error: { code: 4902, message: "Unrecognized chain ID" } };
        state.chainHex = want;
        return { result: null };
      }
      case "eth_signTypedData_v4":
        if (opts.typedData === false) return { error: { code: 4200, message: "The requested method is not supported by this Ethereum provider." } };
        return anvil(opts.rpcUrl, method, params);
      case "eth_sendTransaction":
        if (state.reject) {
          state.reject = false;
          return { error: { code: 4001, message: "User rejected the request." } };
        }
        return anvil(opts.rpcUrl, method, params);
      default:
        return anvil(opts.rpcUrl, method, params);
    }
  });

  await page.addInitScript((announced: { name: string; icon: string }[]) => {
    type Reply = { result: unknown } | { error: { code: number; message: string } };
    const w = window as unknown as { __jopayTestWallet(wallet: string, method: string, params?: unknown): Promise<Reply>; ethereum?: unknown };
    announced.forEach((a, i) => {
      const provider = {
        isJoPayTestWallet: true,
        async request({ method, params }: { method: string; params?: unknown }) {
          const reply = await w.__jopayTestWallet(a.name, method, params ?? []);
          if ("error" in reply) throw Object.assign(new Error(reply.error.message), { code: reply.error.code });
          return reply.result;
        },
        on() {},
        removeListener() {},
      };
      // Like real extensions, the first one also claims window.ethereum.
      if (i === 0) w.ethereum = provider;
      const info = { uuid: `7c1c3c4e-0b8a-4a57-9d8b-5a2f0f3e9a1${i}`, name: a.name, icon: a.icon, rdns: `app.jopay.testwallet${i}` };
      const announce = () => window.dispatchEvent(new CustomEvent("eip6963:announceProvider", { detail: Object.freeze({ info, provider }) }));
      window.addEventListener("eip6963:requestProvider", announce);
      announce();
    });
  }, wallets);
  return state;
}
