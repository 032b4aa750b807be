// Browser protections on every response the web server sends — pages, consoles, docs, the pay
// page, the API and static files alike — set before Next handles the request:
//  - no framing (`frame-ancestors 'none'` and, for older browsers, X-Frame-Options: DENY): a
//    console or pay page inside someone else's frame is the start of a clickjacking attack. (A
//    per-partner allow-list for POS screens and checkouts that frame the pay page is not built yet.)
//  - no MIME sniffing, and no `<base>` or plugin tricks (base-uri, object-src);
//  - Referrer-Policy same-origin: the pay link is the customer's credential (its id is in the path),
//    so no URL of ours is ever sent to another site, not even the explorer a receipt links to;
//  - HSTS when JoPay is served over https (APP_URL), so a browser never tries plain http again.
export function securityHeaders(opts: { https: boolean }): Record<string, string> {
  return {
    "Content-Security-Policy": "frame-ancestors 'none'; base-uri 'self'; object-src 'none'",
    "X-Frame-Options": "DENY",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    ...(opts.https ? { "Strict-Transport-Security": "max-age=31536000" } : {}),
  };
}
