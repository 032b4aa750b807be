// Browser protections on every response the web server sends — pages, consoles, docs, the pay
// page, the API and static files alike — set before Next handles the request:
//  - no framing (`frame-ancestors 'none'` and, for older browsers, X-Frame-Options: DENY): a
//    console or pay page inside someone else's frame is the start of a clickjacking attack (a pay
//    page may be framed by the sites its partner lists: lib/pay-page/content-security-policy.ts);
//  - no MIME sniffing, and no `<base>` or plugin tricks (base-uri, object-src);
//  - Referrer-Policy same-origin: the pay link is the customer's credential (its id is in the path),
//    so no URL of ours is ever sent to another site, not even the explorer a receipt links to;
//  - HSTS when JoPay is served over https (APP_URL), so a browser never tries plain http again;
//  - on the consoles (admin, partner, merchant: all rendered per request), a script policy with a
//    fresh nonce per response: Next stamps the nonce on its own inline and chunk scripts when the
//    request carries the policy (it reads `content-security-policy` from the request headers), and
//    'strict-dynamic' lets those load the chunks they need — nothing else runs, injected markup
//    included. The pay page sets its own policy (lib/pay-page/content-security-policy.ts); the
//    docs and home page are static files, which cannot carry a per-request nonce.
import { scriptPolicy } from "../lib/content-security-policy";

export function securityHeaders(opts: { https: boolean }): Record<string, string> {
  return {
    "Content-Security-Policy": "frame-ancestors 'none'; base-uri 'self'; object-src 'none'",
    "X-Frame-Options": "DENY",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    ...(opts.https ? { "Strict-Transport-Security": "max-age=31536000" } : {}),
  };
}

const CONSOLE_PREFIXES = ["/admin", "/partner", "/merchant"];

/** Whether a request target is a console page (not its API). */
export const isConsolePath = (url: string | undefined) => {
  const path = (url ?? "/").split("?", 1)[0];
  return CONSOLE_PREFIXES.some((p) => path === p || path.startsWith(`${p}/`));
};

/** The consoles' policy for one response: scripts only with this nonce, or loaded by such a script. */
export const consoleCsp = (nonce: string) => scriptPolicy(`'self' 'nonce-${nonce}' 'strict-dynamic'`);
