// The pay page's Content-Security-Policy (production). The page runs only our own hydration bundle
// and its lazily loaded wallet chunks, all files from our origin (components/pay/pay-island.tsx:
// a module script plus an inert JSON block; Next adds no script of its own with
// unstable_runtimeJS: false), so scripts can be limited to 'self' with no nonce and nothing
// inline: an injected <script> — from a memo, a name, a partner's branding — does not run.
// What the wallet flow talks to (the chains' RPC endpoints, WalletConnect's relay, its verify
// frame, a partner's logo) varies by deployment, so connections, images and frames stay open;
// forms go only to this page (the no-JavaScript proof form). In development Next's own runtime
// hydrates the page with inline scripts, so the policy applies in production only.
export const PAY_PAGE_CSP = [
  "script-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join("; ");
