// The merchant's wallet sends the refund JoPay prepared, through wagmi (the issue: "wagmi on the
// dashboard"). Loaded by dynamic import() from the click handler, so wagmi never ships with a page
// that does not send a refund, and never with the pay page (its own bundle, scripts/build-pay-client.ts).
// Wallets are found through EIP-6963 (multiInjectedProviderDiscovery), window.ethereum otherwise.
// The refund must leave from the wallet the payment went to: another connected account is refused
// here, before anything is signed (the refund checker would reject it as wrong_sender anyway).
import { createConfig, custom, http, injected, type Config, type Connector } from "wagmi";
import { connect, getConnection, getConnectors, sendTransaction, switchChain } from "wagmi/actions";
import { defineChain, getAddress, type Hex } from "viem";

/** What prepareRefundTransfer answered, as the browser gets it (amounts as decimal strings). */
export interface RefundTransfer {
  chainId: number;
  usdcContract: string;
  from: string;
  to: string;
  amountMicro: string;
  data: string;
}

/** The request's network as the dashboard names it (lib/pay-page/load-pay-page.ts chainFor). */
export interface WalletChain {
  chainId: number;
  name: string;
  /** Only public endpoints: a configured RPC URL may carry a provider key. */
  publicRpcUrl: string | null;
  nativeCurrencySymbol: string;
}

export type SendOutcome =
  | { ok: true; hash: string }
  | { ok: false; kind: "no_wallet" }
  | { ok: false; kind: "wrong_account"; connected: string }
  | { ok: false; kind: "declined" }
  | { ok: false; kind: "failed"; reason: string };

let configured: { chainId: number; config: Config } | null = null;

function wagmiConfig(chain: WalletChain): Config {
  if (configured?.chainId === chain.chainId) return configured.config;
  const c = defineChain({
    id: chain.chainId,
    name: chain.name,
    nativeCurrency: { name: chain.nativeCurrencySymbol, symbol: chain.nativeCurrencySymbol, decimals: 18 },
    rpcUrls: { default: { http: chain.publicRpcUrl ? [chain.publicRpcUrl] : [] } },
  });
  // The dashboard reads nothing from the chain itself (JoPay's server verifies the refund); a
  // transport is required all the same, and without a public endpoint there is none to give.
  const transport = chain.publicRpcUrl
    ? http(chain.publicRpcUrl)
    : custom({
        request: async () => {
          throw new Error("no public RPC endpoint for this network");
        },
      });
  const config = createConfig({
    chains: [c],
    connectors: [injected()],
    multiInjectedProviderDiscovery: true,
    // Nothing to remember between visits: every refund connects afresh.
    storage: null,
    transports: { [c.id]: transport },
  });
  configured = { chainId: chain.chainId, config };
  return config;
}

const same = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

/** EIP-1193 4001 anywhere in the error's chain (viem and wagmi wrap the wallet's own error). */
function declined(err: unknown): boolean {
  for (let e: unknown = err, depth = 0; e && depth < 8; e = (e as { cause?: unknown }).cause, depth++) {
    const x = e as { code?: unknown; name?: unknown };
    if (x.code === 4001 || x.name === "UserRejectedRequestError") return true;
  }
  return false;
}

const reasonOf = (err: unknown) => (err as { shortMessage?: string }).shortMessage ?? (err instanceof Error ? err.message : String(err));

/**
 * The wallet to use: an EIP-6963 wallet that already shares `from` if there is one, else the first
 * one announced, else window.ethereum (wagmi's plain injected connector).
 */
async function pickConnector(config: Config, from: string): Promise<Connector | null> {
  const all = getConnectors(config);
  const announced = all.filter((c) => c.id !== "injected");
  const usable: Connector[] = [];
  for (const c of announced.length ? announced : all) {
    if (!(await c.getProvider().catch(() => null))) continue;
    usable.push(c);
    const shared = await c.getAccounts().catch(() => [] as readonly string[]);
    if (shared.some((a) => same(a, from))) return c;
  }
  return usable[0] ?? null;
}

export async function sendRefundTransfer(t: RefundTransfer, chain: WalletChain): Promise<SendOutcome> {
  try {
    const config = wagmiConfig(chain);
    const current = getConnection(config);
    const connector = current.status === "connected" && current.connector ? current.connector : await pickConnector(config, t.from);
    if (!connector) return { ok: false, kind: "no_wallet" };
    const accounts =
      current.status === "connected" && current.connector === connector
        ? current.addresses
        : (await connect(config, { connector, chainId: t.chainId })).accounts;
    if (!accounts?.some((a) => same(a, t.from))) return { ok: false, kind: "wrong_account", connected: accounts?.[0] ?? "" };
    if ((await connector.getChainId()) !== t.chainId) await switchChain(config, { chainId: t.chainId, connector });
    const hash = await sendTransaction(config, {
      connector,
      account: getAddress(t.from),
      chainId: t.chainId,
      to: getAddress(t.usdcContract),
      data: t.data as Hex,
      value: 0n,
    });
    return { ok: true, hash };
  } catch (err) {
    if (declined(err)) return { ok: false, kind: "declined" };
    return { ok: false, kind: "failed", reason: reasonOf(err) };
  }
}
