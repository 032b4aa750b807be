// The pay page's own browser bundle (built by scripts/build-pay-client.ts into public/assets/pay):
// which module script to load and which chunks it imports at once, from the build's manifest.
// Read once per process. In development Next's own runtime hydrates the page instead (pages
// router: `unstable_runtimeJS: false` only applies to production builds), so there is none.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { log } from "@/lib/log";

export interface PayClientAssets {
  /** URL of the entry module. */
  entry: string;
  /** URLs of the chunks the entry imports statically: preloaded so they do not wait in line. */
  preload: string[];
}

export const PAY_CLIENT_DIR = join("public", "assets", "pay");
export const PAY_CLIENT_MANIFEST = join(PAY_CLIENT_DIR, "manifest.json");

let cached: PayClientAssets | null | undefined;

export function payClientAssets(): PayClientAssets | null {
  if (process.env.NODE_ENV !== "production") return null;
  if (cached !== undefined) return cached;
  try {
    cached = JSON.parse(readFileSync(join(process.cwd(), PAY_CLIENT_MANIFEST), "utf8")) as PayClientAssets;
  } catch (err) {
    // The page still works without it (QR, address, proof form); live status and the wallet do not.
    log.error("pay page bundle missing: run `npm run build` (it builds the pay page bundle first)", { error: String(err) });
    cached = null;
  }
  return cached;
}
