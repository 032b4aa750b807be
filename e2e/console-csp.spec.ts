// The consoles run under a per-response script policy (server/security-headers.ts): Next's own
// scripts carry the response's nonce, the page hydrates, and the browser reports no violation —
// signed out (the three sign-in pages) and signed in (the admin portal).
import { expect, test, type Page } from "@playwright/test";
import { jopay } from "./support/cli";

function watchCsp(page: Page) {
  const violations: string[] = [];
  page.on("console", (m) => {
    if (/Content Security Policy|Refused to (execute|load)/i.test(m.text())) violations.push(m.text());
  });
  return violations;
}

/** Next's inline bootstrap ran: it defines __next_f, which a blocked inline script never would. */
const hydrated = (page: Page) => page.evaluate(() => Array.isArray((window as unknown as { __next_f?: unknown[] }).__next_f));

test("the sign-in pages hydrate under a fresh nonce each, with no violation", async ({ page }) => {
  const violations = watchCsp(page);
  const nonces = new Set<string>();
  for (const path of ["/admin/sign-in", "/partner/sign-in", "/merchant/sign-in", "/admin/sign-in"]) {
    const res = await page.goto(path);
    const policy = res?.headers()["content-security-policy"] ?? "";
    expect(policy).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]{16,}' 'strict-dynamic'/);
    nonces.add(/nonce-([^']+)/.exec(policy)![1]);
    await expect.poll(() => hydrated(page)).toBe(true);
  }
  expect(nonces.size).toBe(4);
  expect(violations).toEqual([]);
});

test("signed in, the admin portal's pages run under the policy", async ({ page }) => {
  const email = `csp${Date.now().toString(36)}@example.com`;
  const password = "correct horse battery staple 42";
  jopay("admin:create", "--email", email, "--password", password);
  const violations = watchCsp(page);
  await page.goto("/admin/sign-in");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/admin$/);
  for (const path of ["/admin/merchants", "/admin/requests", "/admin/audit", "/admin/health"]) {
    const res = await page.goto(path);
    expect(res?.status(), path).toBe(200);
    await expect.poll(() => hydrated(page)).toBe(true);
  }
  expect(violations).toEqual([]);
});
