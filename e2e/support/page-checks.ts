// What every console and portal page is held to in the browser: axe-core finds no WCAG 2.1 A/AA
// violation, nothing scrolls sideways, and the page logs no console error or warning (hydration
// included) and no failed response. Shared by the partner console and admin portal specs.
import AxeBuilder from "@axe-core/playwright";
import { expect, type Browser, type BrowserContext, type Page } from "@playwright/test";

export const WCAG_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];
export const PHONE = { width: 390, height: 844 };
export const DESK = { width: 1280, height: 900 };
export const VIEWPORTS = [["phone", PHONE], ["desk", DESK]] as const;

export async function axeViolations(page: Page): Promise<string[]> {
  const { violations } = await new AxeBuilder({ page }).withTags(WCAG_AA).analyze();
  return violations.map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
}

export const overflow = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);

/** Everything a page logs that a visitor's console would show as a problem, and every failed response. */
export function watchProblems(page: Page) {
  const problems: string[] = [];
  page.on("console", (m) => {
    if (m.type() === "error" || m.type() === "warning") problems.push(`${m.type()}: ${m.text()}`);
  });
  page.on("pageerror", (e) => problems.push(`pageerror: ${e.message}`));
  page.on("response", (r) => {
    if (r.status() >= 400) problems.push(`${r.status()} ${new URL(r.url()).pathname}`);
  });
  return problems;
}

/** Opens `path` once the page has settled and holds it to all three rules; returns the page's problems. */
export async function checkPage(page: Page, path: string, ready: (page: Page) => Promise<void>) {
  const problems = watchProblems(page);
  await page.goto(path);
  await ready(page);
  await page.waitForLoadState("networkidle");
  expect(await overflow(page), `${path}: sideways overflow at ${page.viewportSize()?.width} px`).toBeLessThanOrEqual(0);
  expect(await axeViolations(page), `${path} at ${page.viewportSize()?.width} px`).toEqual([]);
  expect(problems, `${path}: console or network problems`).toEqual([]);
}

export async function signIn(page: Page, path: string, email: string, password: string) {
  await page.goto(path);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
}

export type Storage = Awaited<ReturnType<BrowserContext["storageState"]>>;

/** A context with a saved session at a viewport. */
export async function contextAt(browser: Browser, storage: Storage, viewport: { width: number; height: number }) {
  const context = await browser.newContext({ storageState: storage, viewport, locale: "en-US", timezoneId: "UTC" });
  return { context, page: await context.newPage() };
}
