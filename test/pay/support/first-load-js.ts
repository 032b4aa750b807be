// What JavaScript a page makes a modern browser load before any interaction: every <script src>
// its HTML references (noModule legacy polyfills excluded — browsers that run modules never fetch
// them), with bodies, so callers can both weigh it (bench/paypage.ts) and check what code it holds
// (e2e/pay-page.spec.ts). Also the markers that identify the lazily loaded wallet code.
import { gzipSync } from "node:zlib";

export interface Chunk {
  src: string;
  bytes: number;
  gzip: number;
  body: string;
}

/** Only the wallet payment flow (components/pay/wallet/pay.ts, with viem) contains these. */
export const WALLET_FLOW_MARKER = /eth_sendTransaction|wallet_switchEthereumChain/;
/** Only the WalletConnect SDK (components/pay/wallet/walletconnect.ts) contains these: its storage keys. */
export const WALLETCONNECT_MARKER = /\b(ethereum_provider|universal_provider)\b/;

export const gzipKb = (s: string | Buffer) => gzipSync(s, { level: 9 }).length / 1024;

export function scriptSrcs(html: string, pageUrl: string): string[] {
  const srcs = [...html.matchAll(/<script([^>]*)\ssrc="([^"]+)"([^>]*)>/g)]
    .filter((m) => !/\bnomodule\b/i.test(m[1] + m[3]))
    .map((m) => new URL(m[2].replace(/&amp;/g, "&"), pageUrl).toString());
  return [...new Set(srcs)];
}

export async function firstLoadChunks(url: string, headers: Record<string, string> = {}): Promise<{ html: string; chunks: Chunk[] }> {
  const html = await (await fetch(url, { headers })).text();
  const chunks = await Promise.all(
    scriptSrcs(html, url).map(async (src) => {
      const body = Buffer.from(await (await fetch(src)).arrayBuffer());
      return { src: new URL(src).pathname, bytes: body.length, gzip: gzipSync(body, { level: 9 }).length, body: body.toString("utf8") };
    }),
  );
  return { html, chunks };
}
