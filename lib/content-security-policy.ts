// The one shape of JoPay's script policies (the pay page's: lib/pay-page/content-security-policy.ts;
// the consoles': server/security-headers.ts): which scripts may run, who may frame the page, and
// the same fixed rest everywhere — no plugins, no <base> tricks, forms only to this origin.
export function scriptPolicy(scriptSrc: string, frameAncestors: readonly string[] = []): string {
  return [
    `script-src ${scriptSrc}`,
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    `frame-ancestors ${frameAncestors.length ? frameAncestors.join(" ") : "'none'"}`,
  ].join("; ");
}
