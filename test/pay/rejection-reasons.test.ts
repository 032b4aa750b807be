// The pay page says in the customer's language why a proof was refused (SPEC §6, §8): every
// rejection reason the verifier can give renders its own phrase in every catalogue, never the raw
// code, and `matches_other_request` names no other request.
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { LiveStatus } from "@/components/pay/live-status";
import { formatUsdcMicro } from "@/lib/i18n/format";
import { LOCALES, type Locale } from "@/lib/i18n/locales";
import { messagesFor } from "@/lib/i18n/messages";
import type { ProofRejectionReason } from "@/lib/payments/settle-proof";
import type { PayStatusOutput } from "@/lib/schemas/pay-status";

const REQUEST_ID = "0190a0b0-0000-7000-8000-000000000001";
const HASH = `0x${"ab".repeat(32)}`;

// Every reason but underpaid (which has its own sentence with the amounts, below).
const REASONS = [
  "reverted",
  "no_matching_transfer",
  "wrong_token",
  "wrong_recipient",
  "before_request",
  "wrong_chain",
  "not_found",
  "matches_other_request",
  "self_transfer",
] as const satisfies readonly Exclude<ProofRejectionReason, "underpaid">[];

function render(locale: Locale, rejection: PayStatusOutput["rejection"]) {
  const renderedAt = Date.now();
  const initial: PayStatusOutput = {
    request_id: REQUEST_ID,
    status: "opened",
    proof_status: "none",
    tx_hash: null,
    expires_at: new Date(renderedAt + 30 * 60_000).toISOString(),
    proof_verified_at: null,
    late: false,
    test_mode: false,
    simulated: false,
    amount: { fiat_int: 2500, fiat_code: "EUR", usdc_micro: "27500042" },
    chain_id: 8453,
    rejection,
  };
  // Nothing to pay with or paste into: only the status block is under test.
  const slots = { children: null, proofForm: null };
  return renderToStaticMarkup(
    createElement(LiveStatus, {
      ...slots,
      requestId: REQUEST_ID,
      initial,
      renderedAt,
      locale,
      m: messagesFor(locale),
      merchantName: "Café Sol",
      memo: null,
      networkName: "Base",
      explorerTxUrl: null,
      refreshHref: `/pay/${REQUEST_ID}`,
    }),
  );
}

/** The rejection paragraph's text, entities decoded. */
function rejectionText(html: string): string {
  const p = /<p[^>]*data-testid="pay-rejection"[^>]*>([\s\S]*?)<\/p>/.exec(html)?.[1];
  expect(p, "the rejection is shown").toBeDefined();
  return p!
    .replace(/<[^>]+>/g, "")
    .replace(/&#x27;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&");
}

describe("pay page rejection reasons", () => {
  const cases = LOCALES.flatMap((locale) => REASONS.map((reason) => [locale, reason] as const));

  it.each(cases)("%s: %s is explained in the customer's language", (locale, reason) => {
    const m = messagesFor(locale);
    const phrase = m[`reason_${reason}`];
    const text = rejectionText(render(locale, { tx_hash: HASH, reason, expected_usdc_micro: "27500042", received_usdc_micro: "27500000" }));
    expect(phrase.length).toBeGreaterThan(10);
    expect(text).toContain(phrase);
    expect(text).not.toContain(reason);
  });

  it.each(LOCALES)("%s: every reason has a phrase of its own", (locale) => {
    const m = messagesFor(locale);
    const phrases = REASONS.map((reason) => m[`reason_${reason}`]);
    expect(new Set(phrases).size).toBe(REASONS.length);
  });

  it("underpaid shows expected and received amounts instead of a phrase", () => {
    const text = rejectionText(render("en", { tx_hash: HASH, reason: "underpaid", expected_usdc_micro: "27500042", received_usdc_micro: "20000000" }));
    expect(text).toContain(formatUsdcMicro("27500042"));
    expect(text).toContain(formatUsdcMicro("20000000"));
    expect(text).not.toContain("underpaid");
  });
});
