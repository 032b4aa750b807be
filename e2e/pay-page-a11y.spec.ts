// The pay page for customers who use it differently (issue 6: accessible — labels, contrast, focus
// order, keyboard): axe-core's WCAG 2.1 A/AA rules over every state a customer can see, and a
// payment made with the keyboard alone, moving through the page in reading order with a visible
// focus indicator.
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { injectWallet } from "./support/injected-wallet";
import { createRequest, env, expireNow, setupMerchant, shot, statusBox } from "./support/pay-setup";

const WCAG_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];

/** Violations as "rule: selectors", so a failure names what to fix. */
async function axeViolations(page: Page): Promise<string[]> {
  const { violations } = await new AxeBuilder({ page }).withTags(WCAG_AA).analyze();
  return violations.map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
}

test.describe("pay page accessibility", () => {
  test.use({ viewport: { width: 390, height: 844 } });

  test("every state a customer can see passes axe's WCAG 2.1 AA rules", async ({ page, request }) => {
    // Test mode: the banner shows, and simulate_payment confirms without a chain.
    const s = await setupMerchant(request, "test");
    const r = await createRequest(request, s, { payment_mode: "invoice", customer_name: "Jan Jansen" });

    await page.goto(r.path);
    await expect(statusBox(page)).toHaveAttribute("data-phase", "waiting");
    expect(await axeViolations(page), "waiting").toEqual([]);

    await page.goto(`${r.path}?proof=conflict#proof`);
    await expect(page.getByTestId("proof-outcome")).toHaveAttribute("role", "alert");
    expect(await axeViolations(page), "proof refused").toEqual([]);

    await page.getByLabel("Transaction hash").fill(`0x${"ab".repeat(32)}`);
    await page.getByRole("button", { name: "Submit" }).click();
    await expect(statusBox(page)).toHaveAttribute("data-phase", "seen");
    expect(await axeViolations(page), "payment seen").toEqual([]);

    const paid = await createRequest(request, s);
    const sim = await request.post(`/api/v1/requests/${paid.id}/simulate_payment`, { headers: { authorization: `Bearer ${s.key}` }, data: { outcome: "paid" } });
    expect(sim.status()).toBe(200);
    await page.goto(paid.path);
    await expect(page.getByTestId("pay-receipt")).toBeVisible();
    expect(await axeViolations(page), "confirmed with receipt").toEqual([]);

    const expired = await createRequest(request, s);
    await expireNow(expired.id);
    await page.goto(expired.path);
    await expect(statusBox(page)).toHaveAttribute("data-phase", "expired");
    expect(await axeViolations(page), "expired").toEqual([]);

    await page.goto("/pay/0190a0b0-0000-7000-8000-000000000000");
    await expect(page.getByTestId("not-found")).toBeVisible();
    expect(await axeViolations(page), "not found").toEqual([]);
  });

  test("a customer pays with the keyboard alone, in reading order, always seeing where the focus is", async ({ page, request }) => {
    const s = await setupMerchant(request, "live");
    const r = await createRequest(request, s);
    const { rpcUrl, accounts, chainId } = env();
    await injectWallet(page, { rpcUrl, account: accounts[3], chainId });
    await page.goto(r.path);
    await expect(statusBox(page)).toHaveAttribute("data-phase", "waiting");

    // Tab through the whole page: every stop, its accessible name, and whether focus is visible.
    const stops: { name: string; outlined: boolean }[] = [];
    for (let i = 0; i < 20; i++) {
      await page.keyboard.press("Tab");
      const stop = await page.evaluate(() => {
        const el = document.activeElement as HTMLElement | null;
        if (!el || el === document.body) return null;
        const labelled = el.getAttribute("aria-label") ?? el.querySelector("[aria-label]")?.getAttribute("aria-label");
        const label = el.id ? document.querySelector(`label[for="${el.id}"]`)?.textContent : null;
        const style = getComputedStyle(el);
        return { name: (labelled ?? label ?? el.textContent ?? "").trim(), outlined: style.outlineStyle !== "none" && parseFloat(style.outlineWidth) > 0 };
      });
      if (!stop) break;
      stops.push(stop);
    }
    expect(stops.map((x) => x.name)).toEqual([
      "Pay with wallet",
      expect.stringMatching(/^QR code: pay \d+\.\d{6} USDC on Local Anvil$/),
      "Copy",
      "Copy",
      "Transaction hash",
      "Submit",
      "Refresh status",
      "English",
      "Español",
      "Português",
      "Nederlands",
      "Français",
    ]);
    expect(stops.filter((x) => !x.outlined).map((x) => x.name)).toEqual([]);

    // From the top of the page the first Tab reaches the wallet button; Enter presses it.
    await page.reload();
    await page.keyboard.press("Tab");
    await expect(page.getByRole("button", { name: "Pay with wallet" })).toBeFocused();
    await page.keyboard.press("Enter");
    await expect(statusBox(page)).toHaveAttribute("data-phase", "confirmed", { timeout: 30_000 });
    await expect(page.getByTestId("pay-receipt")).toBeVisible();
    await shot(page, "10-keyboard-confirmed");
  });
});
