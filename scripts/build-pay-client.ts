// `npm run build:pay` (part of `npm run build`): the pay page's browser bundle. esbuild bundles
// components/pay/hydrate.tsx (React DOM + PayView) into public/assets/pay as ES modules with
// content-hashed names; every import() (the wallet flow, WalletConnect) becomes its own chunk that
// loads on click. manifest.json names the entry and the chunks it imports at once, for
// lib/pay-page/client-assets.ts.
import { build, type Metafile } from "esbuild";
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import { PAY_CLIENT_DIR, PAY_CLIENT_MANIFEST, type PayClientAssets } from "../lib/pay-page/client-assets";

const PUBLIC_PREFIX = "/assets/pay/";

/** Every chunk `file` pulls in through static imports, transitively (not import()). */
function staticImports(meta: Metafile, file: string, seen = new Set<string>()): string[] {
  for (const imp of meta.outputs[file]?.imports ?? []) {
    if (imp.kind !== "import-statement" || seen.has(imp.path)) continue;
    seen.add(imp.path);
    staticImports(meta, imp.path, seen);
  }
  return [...seen];
}

async function main() {
  rmSync(PAY_CLIENT_DIR, { recursive: true, force: true });
  mkdirSync(PAY_CLIENT_DIR, { recursive: true });
  const result = await build({
    entryPoints: { pay: "components/pay/hydrate.tsx" },
    outdir: PAY_CLIENT_DIR,
    entryNames: "[name]-[hash]",
    chunkNames: "chunk-[hash]",
    bundle: true,
    splitting: true,
    format: "esm",
    platform: "browser",
    // Browsers that run module scripts; older ones get the no-JavaScript page, which still pays.
    target: "es2020",
    jsx: "automatic",
    minify: true,
    legalComments: "none",
    define: { "process.env.NODE_ENV": '"production"', global: "globalThis" },
    metafile: true,
    logLevel: "warning",
  });
  const meta = result.metafile;
  const entry = Object.keys(meta.outputs).find((f) => meta.outputs[f].entryPoint === "components/pay/hydrate.tsx");
  if (!entry) throw new Error("esbuild produced no entry for components/pay/hydrate.tsx");
  const url = (f: string) => PUBLIC_PREFIX + relative(PAY_CLIENT_DIR, f);
  const manifest: PayClientAssets = { entry: url(entry), preload: staticImports(meta, entry).map(url) };
  writeFileSync(PAY_CLIENT_MANIFEST, `${JSON.stringify(manifest, null, 2)}\n`);
  const files = Object.keys(meta.outputs).filter((f) => f.endsWith(".js"));
  console.log(`pay page bundle: ${files.length} files in ${join(PAY_CLIENT_DIR)} (entry ${manifest.entry})`);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
