// Finds the customer's browser wallet: EIP-6963 announcements first (several wallets can coexist
// without fighting over window.ethereum), then the legacy injected window.ethereum.

export interface Eip1193Provider {
  request(args: { method: string; params?: unknown[] | Record<string, unknown> }): Promise<unknown>;
}

interface Eip6963Detail {
  info: { uuid: string; name: string; icon: string; rdns: string };
  provider: Eip1193Provider;
}

export async function discoverProvider(waitMs = 150): Promise<Eip1193Provider | null> {
  const found: Eip6963Detail[] = [];
  const onAnnounce = (e: Event) => {
    const detail = (e as CustomEvent<Eip6963Detail>).detail;
    if (detail?.provider && typeof detail.provider.request === "function") found.push(detail);
  };
  window.addEventListener("eip6963:announceProvider", onAnnounce);
  window.dispatchEvent(new Event("eip6963:requestProvider"));
  // Wallets answer synchronously or within a task; give slow ones a moment.
  await new Promise((r) => setTimeout(r, found.length > 0 ? 0 : waitMs));
  window.removeEventListener("eip6963:announceProvider", onAnnounce);
  if (found.length > 0) return found[0].provider;
  const injected = (window as unknown as { ethereum?: Eip1193Provider }).ethereum;
  return injected && typeof injected.request === "function" ? injected : null;
}
