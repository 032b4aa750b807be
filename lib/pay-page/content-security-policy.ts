// The pay page's Content-Security-Policy (production). The page runs only our own hydration bundle
// and its lazily loaded wallet chunks, all files from our origin (components/pay/pay-island.tsx:
// a module script plus an inert JSON block; Next adds no script of its own with
// unstable_runtimeJS: false), so scripts can be limited to 'self' with no nonce and nothing
// inline: an injected <script> — from a memo, a name, a partner's branding — does not run.
// What the wallet flow talks to (the chains' RPC endpoints, WalletConnect's relay, its verify
// frame, a partner's logo) varies by deployment, so connections, images and frames stay open;
// forms go only to this page (the no-JavaScript proof form). In development Next's own runtime
// hydrates the page with inline scripts, so the policy applies in production only.
//
// Framing: nobody by default. A partner whose POS screen or checkout shows the pay page in an
// iframe lists those origins (console settings); on the bare app host every partner's request
// shows, so its own list applies per request.
import { z } from "zod";
import { scriptPolicy } from "@/lib/content-security-policy";

/** An origin a partner may allow to frame its pay pages: https (http only for localhost), no path. */
export const frameAncestorOrigin = z
  .string()
  .trim()
  .transform((v, ctx) => {
    let u: URL;
    try {
      u = new URL(v);
    } catch {
      ctx.addIssue({ code: "custom", message: `${v} is not an origin like https://pos.example.com` });
      return z.NEVER;
    }
    const local = u.hostname === "localhost" || u.hostname === "127.0.0.1";
    // A plain host name (wildcards and IP literals other than loopback are not offered).
    if (!/^[a-z0-9.-]+$/.test(u.hostname) || (u.protocol !== "https:" && !(u.protocol === "http:" && local)) || u.username || u.password || (u.pathname !== "/" && u.pathname !== "") || u.search || u.hash) {
      ctx.addIssue({ code: "custom", message: `${v}: an origin is https://host[:port] with nothing after it (http only for localhost)` });
      return z.NEVER;
    }
    return u.origin;
  });

export const frameAncestorOrigins = z.array(frameAncestorOrigin).max(20, "at most 20 origins");

export const payPageCsp = (frameAncestors: readonly string[] = []) => scriptPolicy("'self'", frameAncestors);
