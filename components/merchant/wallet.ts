// Browser wallet access (EIP-1193, discovered through EIP-6963 with window.ethereum as fallback).
// Imported dynamically from click handlers, so no wallet code ships with the page itself.
import { WalletProblem } from "./wallet-problem";
export interface Eip1193Provider {
  request(args: { method: string; params?: unknown[] }): Promise<unknown>;
}

interface AnnounceDetail {
  info: { uuid: string; name: string; rdns?: string };
  provider: Eip1193Provider;
}

/** Providers that announce themselves (EIP-6963) within a short window; window.ethereum otherwise. */
export async function findProvider(waitMs = 300): Promise<Eip1193Provider | null> {
  const announced: AnnounceDetail[] = [];
  const onAnnounce = (e: Event) => announced.push((e as CustomEvent<AnnounceDetail>).detail);
  window.addEventListener("eip6963:announceProvider", onAnnounce);
  window.dispatchEvent(new Event("eip6963:requestProvider"));
  await new Promise((r) => setTimeout(r, announced.length ? 0 : waitMs));
  window.removeEventListener("eip6963:announceProvider", onAnnounce);
  if (announced[0]) return announced[0].provider;
  return (window as unknown as { ethereum?: Eip1193Provider }).ethereum ?? null;
}

export interface Connected {
  provider: Eip1193Provider;
  address: string;
  chainId: number;
}

export async function connectWallet(): Promise<Connected> {
  const provider = await findProvider();
  if (!provider) throw new WalletProblem("err_noWallet");
  const accounts = (await provider.request({ method: "eth_requestAccounts" })) as string[];
  if (!accounts?.[0]) throw new WalletProblem("err_noAccount");
  const chainHex = (await provider.request({ method: "eth_chainId" })) as string;
  return { provider, address: accounts[0], chainId: Number.parseInt(chainHex, 16) || 1 };
}

function utf8Hex(text: string): string {
  return `0x${Array.from(new TextEncoder().encode(text), (b) => b.toString(16).padStart(2, "0")).join("")}`;
}

/** EIP-191 personal_sign of a UTF-8 message (params: data, address — as wallets expect). */
export async function personalSign(c: Connected, message: string): Promise<string> {
  return (await c.provider.request({ method: "personal_sign", params: [utf8Hex(message), c.address] })) as string;
}
