// X-Request-Id on the answers that are not API operations (health, metrics, the documents, 405,
// OPTIONS, unknown paths) is chosen as on operations (lib/api/request-id.ts): a trusted proxy's
// well-formed id is kept, so one id follows the request through every hop's logs; without trusted
// proxies (TRUSTED_PROXY_HOPS=0) the client's header is not taken.
import { afterEach, describe, expect, it } from "vitest";
import { resetConfigForTests } from "@/lib/config";
import * as catchAll from "@/app/api/[...path]/route";
import { call } from "@/test/support/call-route";

const ROUTES: [string, string][] = [
  ["GET", "/api/health"],
  ["GET", "/api/health/live"],
  ["GET", "/api/health/ready"],
  ["GET", "/api/metrics"],
  ["GET", "/api/v1/openapi.json"],
  ["GET", "/api/v1/receipts/jwks.json"],
  ["PUT", "/api/health/live"],
  ["OPTIONS", "/api/health/live"],
  ["DELETE", "/api/v1/openapi.json"],
];
const GIVEN = "lb-7f3a9c2e-0001";

const hops = process.env.TRUSTED_PROXY_HOPS;
afterEach(() => {
  process.env.TRUSTED_PROXY_HOPS = hops;
  resetConfigForTests();
});

describe("X-Request-Id outside the operations", () => {
  it.each(ROUTES)("%s %s keeps a trusted proxy's id", async (method, path) => {
    process.env.TRUSTED_PROXY_HOPS = "1";
    resetConfigForTests();
    const res = await call(method, path, { headers: { "x-request-id": GIVEN } });
    expect(res.status).not.toBe(500); // ready may be 503 here: no chain in this test
    expect(res.headers.get("x-request-id")).toBe(GIVEN);
  });

  it.each(ROUTES)("%s %s ignores the header without trusted proxies", async (method, path) => {
    process.env.TRUSTED_PROXY_HOPS = "0";
    resetConfigForTests();
    const res = await call(method, path, { headers: { "x-request-id": GIVEN } });
    const id = res.headers.get("x-request-id");
    expect(id).toBeTruthy();
    expect(id).not.toBe(GIVEN);
  });
});

describe("X-Request-Id on an unknown /api path", () => {
  it("keeps a trusted proxy's id, and mints one otherwise", async () => {
    const ask = () => catchAll.GET(new Request("http://localhost:3000/api/v2/nothing-here", { headers: { "x-request-id": GIVEN } }));
    process.env.TRUSTED_PROXY_HOPS = "1";
    resetConfigForTests();
    expect((await ask()).headers.get("x-request-id")).toBe(GIVEN);
    process.env.TRUSTED_PROXY_HOPS = "0";
    resetConfigForTests();
    const minted = (await ask()).headers.get("x-request-id");
    expect(minted).toBeTruthy();
    expect(minted).not.toBe(GIVEN);
  });
});
