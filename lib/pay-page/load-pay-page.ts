// Everything the public pay page shows for one request, in one read. Public by design: the
// unguessable request id in the pay link is the capability (as for GET /api/pay/:id), so this
// returns only what the customer needs to pay — never metadata, customer email/phone or partner
// configuration beyond its public branding.
import { UUID_RE } from "@/lib/ids";
import { config } from "@/lib/config";
import { db } from "@/lib/db";
import { knownChain, type ChainSettings } from "@/lib/chains/config";
import { chainForMode } from "@/lib/chains/for-mode";
import { latestProof } from "@/lib/payments/latest-proof";
import { serializePayStatus } from "@/lib/payments/pay-status";
import { erc20TransferUri } from "@/lib/payments/eip681";
import { partnerSlugFromHost } from "@/lib/partners/partner-from-host";
import type { PayStatusOutput } from "@/lib/schemas/pay-status";

export interface PayPageChain {
  chainId: number;
  name: string;
  explorerTxUrl: string | null;
  /**
   * RPC URL a wallet may be given in wallet_addEthereumChain. Only public endpoints: a configured
   * RPC URL often embeds a provider API key, which must not reach customers' browsers.
   */
  publicRpcUrl: string | null;
  nativeCurrencySymbol: string;
}

export interface PayPageData {
  requestId: string;
  status: PayStatusOutput;
  partner: { slug: string; name: string; logoUrl: string | null; primaryColor: string; accentColor: string };
  /** For the page's frame-ancestors (response header only; not part of the view). */
  frameAncestors: string[];
  merchantName: string;
  memo: string | null;
  /** Invoice mode only (seeds: the named counterparty). */
  customerName: string | null;
  paymentMode: "pos" | "invoice";
  usdcContract: string;
  receivingWallet: string;
  chain: PayPageChain;
  /** EIP-681 URI the QR code encodes. */
  paymentUri: string;
  createdAt: string;
  /**
   * WalletConnect Cloud project id, only when configured (the WalletConnect choice exists only
   * then). Public by nature: WalletConnect's SDK sends it from every customer's browser.
   */
  walletConnectProjectId?: string;
  /** When this was read (ms): the render's "now" for countdown and expiry. */
  loadedAt: number;
}

const PUBLIC_RPC: Record<number, string> = {
  8453: "https://mainnet.base.org",
  84532: "https://sepolia.base.org",
  1: "https://ethereum-rpc.publicnode.com",
  42161: "https://arb1.arbitrum.io/rpc",
  137: "https://polygon-rpc.com",
};

const HEX_COLOR = /^#[0-9a-fA-F]{3,8}$/;

type BrandColumns = { name: string; brandLogoUrl: string | null; brandPrimaryColor: string; brandAccentColor: string };

/** A partner's branding as customers see it (pay page, receipt email): only what is safe to put in a page. */
export function publicBranding(p: BrandColumns): Omit<PayPageData["partner"], "slug"> {
  return {
    name: p.name,
    // Only https (or root-relative) logos: the page must not load mixed or script content.
    logoUrl: p.brandLogoUrl && /^(https:\/\/|\/)/.test(p.brandLogoUrl) ? p.brandLogoUrl : null,
    // Colours go into a style attribute: anything but a hex colour is dropped.
    primaryColor: HEX_COLOR.test(p.brandPrimaryColor) ? p.brandPrimaryColor : "#1d4ed8",
    accentColor: HEX_COLOR.test(p.brandAccentColor) ? p.brandAccentColor : "#0f172a",
  };
}

/** The network a request was made on, as the pay page names it (the merchant dashboard shows the same). */
export function chainFor(chainId: number, testMode: boolean): PayPageChain {
  // The request snapshotted its chain at creation; the mode's configuration describes it only
  // while it is still that chain (a later reconfiguration must not rename an open request's network).
  let configured: ChainSettings | null = null;
  try {
    const c = chainForMode(testMode ? "test" : "live");
    if (c.chainId === chainId) configured = c;
  } catch {
    configured = null;
  }
  const known = knownChain(chainId);
  const rpc = configured?.rpcUrl ?? null;
  const isLoopback = rpc !== null && /^https?:\/\/(localhost|127\.0\.0\.1|\[::1\])(:\d+)?\/?$/.test(rpc);
  return {
    chainId,
    name: configured?.name ?? known?.name ?? `Chain ${chainId}`,
    explorerTxUrl: configured ? configured.explorerTxUrl : (known?.explorerTxUrl ?? null),
    publicRpcUrl: PUBLIC_RPC[chainId] ?? (isLoopback ? rpc : null),
    nativeCurrencySymbol: configured?.nativeCurrencySymbol ?? known?.nativeCurrencySymbol ?? "ETH",
  };
}

/**
 * null for a malformed or unknown id, and for a request of another partner than the one whose
 * host (`<slug>.<base-domain>`) the page was asked on — the page answers 404 either way, so a
 * partner's host never shows, or confirms the existence of, another partner's requests. On the
 * bare app host every request shows with its own partner's branding.
 */
const ORIGIN = /^https?:\/\/[a-z0-9.-]+(:\d{1,5})?$/;

export async function loadPayPage(requestId: string, opts: { host?: string | null } = {}): Promise<PayPageData | null> {
  if (!UUID_RE.test(requestId)) return null;
  const r = await db.paymentRequest.findUnique({
    where: { id: requestId },
    include: {
      partner: { select: { slug: true, name: true, brandLogoUrl: true, brandPrimaryColor: true, brandAccentColor: true, payPageFrameAncestors: true } },
      merchant: { select: { businessName: true, displayName: true } },
    },
  });
  if (!r) return null;
  const hostPartner = partnerSlugFromHost(opts.host);
  if (hostPartner !== null && hostPartner !== r.partner.slug) return null;
  const proof = await latestProof(r.id);
  const p = r.partner;
  return {
    requestId: r.id,
    status: serializePayStatus(r, proof),
    partner: { slug: p.slug, ...publicBranding(p) },
    // Into a response header: only what is still a plain origin (the settings form normalises them).
    frameAncestors: p.payPageFrameAncestors.filter((o) => ORIGIN.test(o)),
    merchantName: r.merchant.businessName ?? r.merchant.displayName ?? p.name,
    memo: r.memo,
    customerName: r.paymentMode === "invoice" ? r.customerName : null,
    paymentMode: r.paymentMode,
    usdcContract: r.usdcContract,
    receivingWallet: r.receivingWallet,
    chain: chainFor(r.chainId, r.testMode),
    paymentUri: erc20TransferUri({ token: r.usdcContract, chainId: r.chainId, recipient: r.receivingWallet, amount: r.usdcMicro }),
    createdAt: r.createdAt.toISOString(),
    ...(config().WALLETCONNECT_PROJECT_ID ? { walletConnectProjectId: config().WALLETCONNECT_PROJECT_ID } : {}),
    loadedAt: Date.now(),
  };
}
