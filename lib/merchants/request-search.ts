// The dashboard's search box: one text that may be a memo word, a customer (name, email, phone), an
// amount (in the request's own currency, or in USDC), a request id or a transaction hash. Pure: it
// only builds the filter; dashboard-requests.ts adds the merchant's own scope around it.
import { CURRENCY_EXPONENTS } from "@/lib/fx/currencies";
import type { Prisma } from "@/lib/generated/prisma/client";
import { UUID_RE } from "@/lib/ids";
import { HASH_RE } from "@/lib/schemas/hex";

/** "12", "12.5", "12,50", "1500": an amount as people type it (no signs, no grouping). */
const AMOUNT_RE = /^(\d{1,12})(?:[.,](\d{1,6}))?$/;

/** Longest search text considered; anything longer is cut (it can only be a paste accident). */
export const SEARCH_MAX_LENGTH = 100;

/** The amount as integer units with `exponent` decimals, or null if it has more decimals than that. */
function units(m: RegExpExecArray, exponent: number): bigint | null {
  const frac = m[2] ?? "";
  if (frac.length > exponent) return null;
  return BigInt(m[1] + frac.padEnd(exponent, "0"));
}

/** Currency codes grouped by their minor-unit exponent: an amount means different integers in each. */
const CODES_BY_EXPONENT = Object.entries(CURRENCY_EXPONENTS).reduce<Map<number, string[]>>((acc, [code, e]) => {
  acc.set(e, [...(acc.get(e) ?? []), code]);
  return acc;
}, new Map());

function amountClauses(m: RegExpExecArray): Prisma.PaymentRequestWhereInput[] {
  const clauses: Prisma.PaymentRequestWhereInput[] = [];
  for (const [exponent, codes] of CODES_BY_EXPONENT) {
    const minor = units(m, exponent);
    if (minor !== null && minor <= BigInt(2 ** 31 - 1)) clauses.push({ fiatAmountInt: Number(minor), fiatCode: { in: codes } });
  }
  const micro = units(m, 6);
  if (micro !== null) {
    // USDC amounts carry a tag under one cent (0–9,999 micro, SPEC §6): "27.50" finds 27.500123,
    // while six decimals typed mean exactly that amount.
    const cents = (m[2] ?? "").length <= 2;
    clauses.push(cents ? { usdcMicro: { gte: micro, lte: micro + 9_999n } } : { usdcMicro: micro });
  }
  return clauses;
}

/** The filter for `q`, or null when there is nothing to search for. */
export function requestSearchWhere(q: string | null | undefined): Prisma.PaymentRequestWhereInput | null {
  const text = (q ?? "").trim().slice(0, SEARCH_MAX_LENGTH);
  if (!text) return null;
  if (UUID_RE.test(text)) return { id: text.toLowerCase() };
  if (HASH_RE.test(text)) return { txHash: text.toLowerCase() };
  // Prisma passes `contains` to LIKE as is: % and _ would match anything (tested), so escape them.
  const like = { contains: text.replace(/[\\%_]/g, "\\$&"), mode: "insensitive" as const };
  const or: Prisma.PaymentRequestWhereInput[] = [{ memo: like }, { customerName: like }, { customerEmail: like }, { customerPhone: like }];
  const amount = AMOUNT_RE.exec(text);
  if (amount) or.push(...amountClauses(amount));
  return { OR: or };
}
