// What JavaScript a page makes a modern browser load before any interaction: every <script src>
// and <link rel="modulepreload"> its HTML references (noModule legacy polyfills excluded — browsers
// that run modules never fetch them) and every module those import statically, transitively (not
// import(), which waits for a click), with bodies, so callers can both weigh it (bench/paypage.ts)
// and check what code it holds (e2e/pay-page.spec.ts). Also the markers that identify the lazily
// loaded wallet code.
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
  const abs = (u: string) => new URL(u.replace(/&amp;/g, "&"), pageUrl).toString();
  const scripts = [...html.matchAll(/<script([^>]*)\ssrc="([^"]+)"([^>]*)>/g)].filter((m) => !/\bnomodule\b/i.test(m[1] + m[3])).map((m) => abs(m[2]));
  const preloads = [...html.matchAll(/<link[^>]*\brel="modulepreload"[^>]*\bhref="([^"]+)"[^>]*>/g)].map((m) => abs(m[1]));
  return [...new Set([...scripts, ...preloads])];
}

/** Specifiers a module imports or re-exports statically; `import(…)` (lazy) is not one. */
export function staticImports(code: string): string[] {
  const found = [...code.matchAll(/\b(?:import|export)\s*(?:[\w$*{}\s,]*?\bfrom\s*)?["']([^"']+)["']/g)].map((m) => m[1]);
  return [...new Set(found)];
}

export async function firstLoadChunks(url: string, headers: Record<string, string> = {}): Promise<{ html: string; chunks: Chunk[] }> {
  const html = await (await fetch(url, { headers })).text();
  const chunks = new Map<string, Chunk>();
  let pending = scriptSrcs(html, url);
  while (pending.length > 0) {
    const loaded = await Promise.all(
      pending.map(async (src) => {
        const body = Buffer.from(await (await fetch(src)).arrayBuffer());
        const chunk = { src: new URL(src).pathname, bytes: body.length, gzip: gzipSync(body, { level: 9 }).length, body: body.toString("utf8") };
        chunks.set(src, chunk);
        return staticImports(chunk.body).map((spec) => new URL(spec, src).toString());
      }),
    );
    pending = [...new Set(loaded.flat())].filter((src) => !chunks.has(src));
  }
  return { html, chunks: [...chunks.values()] };
}
