// Finds the customer's browser wallets: EIP-6963 announcements (several wallets can coexist
// without fighting over window.ethereum), else the legacy injected window.ethereum. Loaded by
// import() on the wallet button's click, like the rest of components/pay/wallet.
import type { Eip1193Provider, WalletChoice } from "./types";

interface Eip6963Detail {
  info?: { uuid?: unknown; name?: unknown; icon?: unknown; rdns?: unknown };
  provider?: Eip1193Provider;
}

/**
 * Announced icons are wallet-supplied strings: only a `data:image/` URI is ever rendered (in an
 * <img>, where even an SVG runs no script), so a wallet can't make the page fetch anything.
 */
export function safeIcon(icon: unknown): string | null {
  return typeof icon === "string" && /^data:image\//i.test(icon) ? icon : null;
}

export async function discoverWallets(waitMs = 150): Promise<WalletChoice[]> {
  const found = new Map<string, WalletChoice>();
  const onAnnounce = (e: Event) => {
    const d = (e as CustomEvent<Eip6963Detail>).detail;
    if (!d?.provider || typeof d.provider.request !== "function") return;
    const name = typeof d.info?.name === "string" && d.info.name.trim() ? d.info.name.trim().slice(0, 60) : "Wallet";
    const id = typeof d.info?.uuid === "string" ? d.info.uuid : `${name}-${found.size}`;
    // A wallet re-announces on every request; keep the first announcement per uuid.
    if (!found.has(id)) found.set(id, { id, name, icon: safeIcon(d.info?.icon), provider: d.provider });
  };
  window.addEventListener("eip6963:announceProvider", onAnnounce);
  window.dispatchEvent(new Event("eip6963:requestProvider"));
  // Wallets answer synchronously or within a task; give slow ones a moment.
  await new Promise((r) => setTimeout(r, found.size > 0 ? 0 : waitMs));
  window.removeEventListener("eip6963:announceProvider", onAnnounce);
  if (found.size > 0) return [...found.values()];
  // A wallet that predates EIP-6963 (window.ethereum is usually one of the announced ones otherwise).
  const injected = (window as unknown as { ethereum?: Eip1193Provider }).ethereum;
  return injected && typeof injected.request === "function" ? [{ id: "injected", name: "Browser wallet", icon: null, provider: injected }] : [];
}
