// Clickjacking: no page of JoPay — a console, the docs, the pay page — renders inside another
// site's frame (frame-ancestors 'none', server/security-headers.ts). The browser is the judge.
import { expect, test } from "@playwright/test";

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
