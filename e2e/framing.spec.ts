// Clickjacking: no page of JoPay — a console, the docs, the pay page — renders inside another
// site's frame (frame-ancestors 'none', server/security-headers.ts), except a pay page inside a
// site its partner allows (a POS screen, a checkout). The browser is the judge.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { expect, test } from "@playwright/test";
import pg from "pg";
import { createRequest, setupMerchant } from "./support/pay-setup";

for (const path of ["/admin/sign-in", "/partner/sign-in", "/docs", "/pay/00000000-0000-7000-8000-000000000000"]) {
  test(`${path} refuses to be framed`, async ({ page, baseURL }) => {
    const refused: string[] = [];
    page.on("console", (m) => {
      if (/frame-ancestors|Refused to (display|frame)/i.test(m.text())) refused.push(m.text());
    });
    // Another origin (about:blank with content) framing ours.
    await page.setContent(`<iframe id="f" src="${baseURL}${path}" style="width:800px;height:600px"></iframe>`);
    await expect.poll(() => refused.length, { timeout: 10_000 }).toBeGreaterThan(0);
    const frame = page.frames().find((f) => f !== page.mainFrame());
    // The framed document never loads: no JoPay markup reached the frame.
    expect(await frame?.evaluate(() => document.body?.innerText ?? "").catch(() => "")).not.toContain("JoPay");
  });
}

/** A site of its own (its own origin) whose page frames `src`. */
async function framingSite(src: string): Promise<{ origin: string; close: () => Promise<void> }> {
  const server: Server = createServer((_req, res) => res.writeHead(200, { "content-type": "text/html" }).end(`<iframe id="f" src="${src}" style="width:800px;height:900px"></iframe>`));
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  return { origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, close: () => new Promise((r) => server.close(() => r())) };
}

test("a pay page shows inside a site its partner allows, and in no other", async ({ page, request, baseURL }) => {
  const s = await setupMerchant(request, "live", "Framed Café", "Framing Partner");
  const r = await createRequest(request, s);
  const allowed = await framingSite(`${baseURL}${r.path}`);
  const other = await framingSite(`${baseURL}${r.path}`);
  // The partner's setting (the console's settings form writes the same column).
  const db = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await db.connect();
  await db.query(`UPDATE partners SET "payPageFrameAncestors" = $1 WHERE slug = $2`, [[allowed.origin], s.slug]);
  await db.end();
  try {
    await page.goto(allowed.origin);
    await expect(page.frameLocator("#f").getByTestId("merchant-name")).toHaveText("Pay Framed Café");

    const refused: string[] = [];
    page.on("console", (m) => {
      if (/frame-ancestors|Refused to (display|frame)/i.test(m.text())) refused.push(m.text());
    });
    await page.goto(other.origin);
    await expect.poll(() => refused.length, { timeout: 10_000 }).toBeGreaterThan(0);
    await expect(page.frameLocator("#f").getByTestId("merchant-name")).toHaveCount(0);
  } finally {
    await allowed.close();
    await other.close();
  }
});
