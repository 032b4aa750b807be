// The docs' shell samples run as pasted (issue 18): every block of /docs/* that calls curl is taken
// from the rendered page (what a reader copies, not the source) and run with bash against this
// server, in the page's order, with only the variables the docs tell the reader to set. Any non-2xx
// answer fails the block (curl --fail-with-body). The Quickstart is the journey a partner's engineer
// follows — test key → onboarded test merchant → webhook endpoint → request → simulated payment —
// and must end in a webhook that verifies with the secret it printed.
import { spawnSync } from "node:child_process";
import { expect, test, type APIRequestContext } from "@playwright/test";
import { Webhook } from "standardwebhooks";
import { startWebhookReceiver, type WebhookReceiver } from "../test/support/webhook-receiver";
import { jopay } from "./support/cli";

const PAGES = ["/docs/quickstart", "/docs/authentication", "/docs/merchants", "/docs/webhooks", "/docs/integration-patterns", "/docs/requests", "/docs/sdk"];

const decode = (html: string) =>
  html
    .replace(/<[^>]+>/g, "")
    .replace(/&quot;/g, '"')
    .replace(/&#x27;|&#39;/g, "'")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&");

/** The page's code blocks that run curl, as rendered; the Quickstart's variable block is the reader's to fill in. */
async function shellBlocks(request: APIRequestContext, path: string): Promise<string[]> {
  const res = await request.get(path);
  expect(res.status(), path).toBe(200);
  const blocks = [...(await res.text()).matchAll(/<pre[^>]*>([\s\S]*?)<\/pre>/g)].map((m) => decode(m[1]));
  return blocks.filter((b) => b.split("\n").some((line) => /^\s*(?:[A-Z_]+=\$\()?curl\s/.test(line)));
}

function runBash(script: string, env: Record<string, string>) {
  const preamble = [
    "set -euo pipefail",
    // A non-2xx answer is a failed sample, with the body in the output.
    'curl() { command curl --fail-with-body --silent --show-error "$@"; }',
  ].join("\n");
  const res = spawnSync("bash", ["-c", `${preamble}\n${script}`], {
    // Only what a reader's shell has, plus the variables the docs ask for.
    env: { PATH: process.env.PATH!, HOME: process.env.HOME ?? "/tmp", NODE_ENV: "production", ...env },
    encoding: "utf8",
    timeout: 60_000,
  });
  return { status: res.status, out: `${res.stdout}\n${res.stderr}` };
}

let rx: WebhookReceiver;
let key: string;
test.beforeAll(async () => {
  rx = await startWebhookReceiver();
  const slug = `docs${Date.now().toString(36)}`;
  jopay("partner:create", "--slug", slug, "--name", "Docs Partner", "--currency", "EUR");
  ({ key } = jopay<{ key: string }>("key:create", "--partner", slug, "--mode", "test"));
});
test.afterAll(async () => {
  await rx?.close();
});

test("the Quickstart, as pasted, goes from a test key to a verified webhook", async ({ request, baseURL }) => {
  test.setTimeout(120_000);
  const blocks = await shellBlocks(request, "/docs/quickstart");
  expect(blocks.length).toBeGreaterThanOrEqual(4);
  const started = Date.now();
  const run = runBash([...blocks, 'echo "__SECRET=$WEBHOOK_SECRET"', 'echo "__REQUEST=$REQUEST_ID"'].join("\n"), {
    JOPAY_BASE_URL: baseURL!,
    JOPAY_KEY: key,
    WEBHOOK_URL: rx.url("/quickstart"),
  });
  expect(run.status, run.out).toBe(0);
  const secret = /__SECRET=(whsec_\S+)/.exec(run.out)?.[1];
  const requestId = /__REQUEST=([0-9a-f-]{36})/.exec(run.out)?.[1];
  expect(secret, run.out).toBeTruthy();
  expect(requestId, run.out).toBeTruthy();

  const [hook] = await rx.waitFor((all) => all.some((r) => r.path === "/quickstart"), 30_000);
  const event = new Webhook(secret!).verify(hook.rawBody.toString("utf8"), hook.headers as Record<string, string>) as { type: string; data: { request_id: string; proof_status: string } };
  expect(event).toMatchObject({ type: "payment.proof_verified", data: { request_id: requestId, proof_status: "verified" } });
  test.info().annotations.push({ type: "quickstart", description: `test key → verified webhook in ${Date.now() - started} ms` });
});

test("every other curl sample in the docs runs as pasted", async ({ request, baseURL }) => {
  test.setTimeout(120_000);
  const auth = { authorization: `Bearer ${key}` };
  // What a reader of each page already has: a merchant still onboarding, an endpoint, an event, a request.
  const merchant = await (await request.post("/api/v1/merchants", { headers: auth, data: { business_name: "Docs Shop" } })).json();
  const endpoint = await (await request.post("/api/v1/webhook_endpoints", { headers: auth, data: { url: rx.url("/docs") } })).json();
  const events = await (await request.get("/api/v1/events?limit=1", { headers: auth })).json();
  const listed = await (await request.get("/api/v1/requests?limit=1", { headers: auth })).json();
  const env = {
    JOPAY_BASE_URL: baseURL!,
    JOPAY_KEY: key,
    MERCHANT_ID: merchant.merchant_id as string,
    ENDPOINT_ID: endpoint.webhook_endpoint_id as string,
    EVENT_ID: events.events[0].id as string,
    LAST_REQUEST_ID: listed.requests[0].request_id as string,
    WEBHOOK_URL: rx.url("/docs"),
  };
  let ran = 0;
  for (const path of PAGES.filter((p) => p !== "/docs/quickstart")) {
    const blocks = await shellBlocks(request, path);
    if (blocks.length === 0) continue;
    const run = runBash(blocks.join("\n"), env);
    expect(run.status, `${path}:\n${blocks.join("\n---\n")}\n${run.out}`).toBe(0);
    ran += blocks.length;
  }
  // Authentication 1, Merchants 2, Webhooks 3, Integration patterns 1: the extraction still finds them.
  expect(ran).toBeGreaterThanOrEqual(7);
});
