// Every keyed operation of JoPay's operation table (lib/api/operations) has an SDK method, and that
// method sends the operation's own method, path, query and body: each is called with the
// operation's example against a recording server, and what arrives is compared with the table.
// A new operation without an SDK method fails here, as does a method whose path or body drifted.
import { createServer } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { operations } from "@/lib/api/operations";
import { EXAMPLE_IDS } from "@/lib/api/operations/example-values";
import { pathResources } from "@/lib/api/operations/path-ids";
import { JoPay } from "@/packages/node/src/index";

const seen: { method: string; path: string; body: string; idempotencyKey?: string }[] = [];
const server = createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on("data", (c: Buffer) => chunks.push(c));
  req.on("end", () => {
    seen.push({ method: req.method!, path: req.url!, body: Buffer.concat(chunks).toString("utf8"), idempotencyKey: req.headers["idempotency-key"] as string | undefined });
    res.writeHead(200, { "content-type": "application/json" });
    res.end(JSON.stringify({ ok: true, has_more: false, limit: 50, offset: 0, requests: [], merchants: [], webhook_endpoints: [], events: [] }));
  });
});
let jopay: JoPay;
beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  jopay = new JoPay({ apiKey: "jo_test_k", baseUrl: `http://127.0.0.1:${(server.address() as { port: number }).port}`, maxRetries: 0 });
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

type Invoke = (sdk: JoPay, id: string, body: never, query: never) => PromiseLike<unknown>;

/** operationId → the SDK method that serves it. */
const SDK_METHODS: Record<string, Invoke> = {
  createRequest: (s, _id, body) => s.requests.create(body),
  listRequests: (s, _id, _b, query) => s.requests.list(query),
  getRequest: (s, id) => s.requests.get(id),
  cancelRequest: (s, id) => s.requests.cancel(id),
  attachProof: (s, id, body) => s.requests.attachProof(id, body),
  simulatePayment: (s, id, body) => s.requests.simulatePayment(id, body),
  createRefundRequest: (s, id, body) => s.requests.createRefund(id, body),
  listRequestRefunds: (s, id) => s.requests.listRefunds(id),
  simulateRefund: (s, id) => s.requests.simulateRefund(id, EXAMPLE_IDS.refund),
  createMerchant: (s, _id, body) => s.merchants.create(body),
  listMerchants: (s, _id, _b, query) => s.merchants.list(query),
  getMerchant: (s, id) => s.merchants.get(id),
  createOnboardingLink: (s, id, body) => s.merchants.onboardingLink(id, body),
  completeTestOnboarding: (s, id, body) => s.merchants.testOnboarding(id, body),
  createWebhookEndpoint: (s, _id, body) => s.webhookEndpoints.create(body),
  listWebhookEndpoints: (s, _id, _b, query) => s.webhookEndpoints.list(query),
  getWebhookEndpoint: (s, id) => s.webhookEndpoints.get(id),
  updateWebhookEndpoint: (s, id, body) => s.webhookEndpoints.update(id, body),
  deleteWebhookEndpoint: (s, id) => s.webhookEndpoints.delete(id),
  rotateWebhookEndpointSecret: (s, id) => s.webhookEndpoints.rotateSecret(id),
  sendWebhookTestEvent: (s, id) => s.webhookEndpoints.sendTestEvent(id),
  listEvents: (s, _id, _b, query) => s.events.list(query),
  getEvent: (s, id) => s.events.get(id),
  redeliverEvent: (s, id, body) => s.events.redeliver(id, body),
  getFxRate: (s, _id, _b, query) => s.fx.rate(query),
};

// Public operations (the OpenAPI document, receipts) take no key: the SDK is the keyed API's client.
const keyed = operations.filter((op) => op.scope !== "public");

describe("SDK methods against the operation table", () => {
  it("every keyed operation has an SDK method, and the SDK has no method for anything else", () => {
    expect(Object.keys(SDK_METHODS).sort()).toEqual(keyed.map((op) => op.operationId).sort());
  });

  it.each(keyed.map((op) => [op.operationId, op] as const))("%s sends its method, path, query and body", async (id, op) => {
    const invoke = SDK_METHODS[id];
    expect(invoke, `no SDK method for ${id}`).toBeDefined();
    const [param] = pathResources(op.path);
    const objectId = param ? EXAMPLE_IDS[param.resource] : "";
    const body = (op.example?.body ?? (op.body ? {} : undefined)) as never;
    const query = (op.example?.query ?? {}) as never;
    seen.length = 0;
    await invoke(jopay, objectId, body, query);
    expect(seen).toHaveLength(1);
    // Further path ids (a refund of a request) are their resources' example ids too.
    const path = pathResources(op.path).reduce((p, { name, resource }) => p.replace(`{${name}}`, EXAMPLE_IDS[resource]), op.path);
    const qs = new URLSearchParams(op.example?.query ?? {}).toString();
    expect(`${seen[0].method} ${seen[0].path}`).toBe(`${op.method.toUpperCase()} ${path}${qs ? `?${qs}` : ""}`);
    if (op.body) expect(JSON.parse(seen[0].body)).toEqual(op.example?.body ?? {});
    else expect(seen[0].body).toBe("");
    // Exactly the creates that take an idempotency key send one.
    expect(Boolean(seen[0].idempotencyKey), id).toBe(Boolean(op.bodyHeaders?.some((h) => h.name === "Idempotency-Key")));
  });
});
