// What `npm run dev` prints once the web server answers: where everything is, the demo logins
// and keys, and a curl that works exactly as pasted. Only local URLs: the banner carries the demo
// passwords and keys, so it never advertises an address other machines could use.
import type { DemoData } from "../seed/demo";

export interface BannerFacts {
  appUrl: string;
  port: number;
  /** What the web server is bound to (HOST). */
  host: string;
  demo: DemoData;
  chain: { rpcUrl: string; chainId: number; usdcAddress: string };
  database: string;
}

// seeds: idempotency_key is 32–64 base64url characters. The shell makes a fresh one per paste;
// the prefix alone keeps it long enough where `date` has no %N (it then prints a literal "N").
const IDEMPOTENCY_KEY_SHELL = "jopay-demo-curl-order-$(date +%s%N)";

/** A test-mode create for the test merchant; the idempotency key is built by the shell. */
export function demoCurl(appUrl: string, demo: Pick<DemoData, "testKey" | "testMerchantId">): string {
  const body = `{"merchant_id":"${demo.testMerchantId}","fiat_amount_int":2500,"memo":"Coffee","idempotency_key":"'"${IDEMPOTENCY_KEY_SHELL}"'"}`;
  return [
    `curl -s -w '\\n' -X POST ${appUrl}/api/v1/requests/create \\`,
    `  -H "Authorization: Bearer ${demo.testKey}" \\`,
    `  -H "Content-Type: application/json" \\`,
    `  -d '${body}'`,
  ].join("\n");
}

const LOOPBACK = new Set(["127.0.0.1", "::1", "localhost"]);

export function banner({ appUrl, port, host, demo, chain, database }: BannerFacts): string {
  const exposed = LOOPBACK.has(host)
    ? ""
    : `\n  Bound to ${host} (HOST): other machines that reach this one can use the logins below.\n`;
  return `
JoPay is running (Ctrl-C stops everything).
${exposed}
  Pay page (demo request)  ${appUrl}/pay/${demo.requestId}
  Partner console          ${appUrl}/partner       (also http://demo.localhost:${port}/partner)
  Merchant dashboard       ${appUrl}/merchant
  Admin portal             ${appUrl}/admin
  Developer docs           ${appUrl}/docs

  Admin login              ${demo.adminEmail} / ${demo.adminPassword}
  Partner console login    ${demo.partnerEmail} / ${demo.partnerPassword}   (partner "demo")
  Partner "demo" API keys  live ${demo.liveKey}
                           test ${demo.testKey}
  Merchant (live)          ${demo.merchantId}  wallet ${demo.merchantWallet}
  Merchant (test mode)     ${demo.testMerchantId}  wallet ${demo.testMerchantWallet}
  Local chain              ${chain.rpcUrl} (chain ${chain.chainId}), test USDC ${chain.usdcAddress}
  Database                 ${database}

Create a test-mode payment request (test key, test merchant):
${demoCurl(appUrl, demo)}
`;
}
