// Registration with JOPAY_ALLOW_PRIVATE_WEBHOOKS off (production behaviour): only https URLs whose
// host resolves to public addresses are accepted.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { resetConfigForTests } from "@/lib/config";
import { db } from "@/lib/db";
import { call } from "@/test/support/call-route";
import { makePartner } from "@/test/support/fixtures";

let key: string;
let partnerId: string;
beforeAll(async () => {
  process.env.JOPAY_ALLOW_PRIVATE_WEBHOOKS = "0";
  resetConfigForTests();
  const p = await makePartner();
  key = p.liveKey;
  partnerId = p.partner.id;
});
afterAll(() => {
  process.env.JOPAY_ALLOW_PRIVATE_WEBHOOKS = "1";
  resetConfigForTests();
});

describe("registration refuses private targets with the switch off", () => {
  it.each([
    ["http://hooks.example.com/x", /must use https/],
    ["ftp://hooks.example.com/x", /must use https/],
    ["file:///etc/passwd", /must use https/],
    ["https://127.0.0.1/x", /loopback/],
    ["https://[::1]/x", /loopback/],
    ["https://[::ffff:127.0.0.1]/x", /IPv4-mapped/],
    ["https://[fd00::1]/x", /unique local/],
    ["https://[fe80::1]/x", /link-local/],
    ["https://10.1.2.3/x", /RFC 1918/],
    ["https://172.16.0.5/x", /RFC 1918/],
    ["https://192.168.0.10/x", /RFC 1918/],
    ["https://169.254.10.10/x", /link-local/],
    ["https://100.64.1.1/x", /carrier-grade/],
    ["https://0.0.0.0/x", /this network/],
    ["https://169.254.169.254/latest/meta-data", /metadata/],
    ["https://localhost/x", /resolves to a loopback/],
  ])("refuses %s", async (url, why) => {
    const res = await call("POST", "/api/v1/webhook_endpoints", { key, body: { url } });
    expect(res.status).toBe(400);
    expect(res.body.error).toBe("validation_error");
    expect(res.body.details).toHaveLength(1);
    expect(res.body.details[0].field).toBe("url");
    expect(res.body.details[0].issue).toMatch(why);
  });

  it("accepts a public https IP and refuses moving an endpoint to a private one", async () => {
    const ok = await call("POST", "/api/v1/webhook_endpoints", { key, body: { url: "https://93.184.216.34/hook" } });
    expect(ok.status).toBe(201);
    const moved = await call("PATCH", `/api/v1/webhook_endpoints/${ok.body.webhook_endpoint_id}`, { key, body: { url: "https://10.0.0.1/hook" } });
    expect(moved.status).toBe(400);
    expect(moved.body.details[0]).toMatchObject({ field: "url" });
    expect(await db.webhookEndpoint.count({ where: { partnerId } })).toBe(1);
  });
});
