import { z } from "zod";
import { isCurrency, SUPPORTED_CURRENCIES, unsupportedCurrencyIssue } from "@/lib/fx/currencies";
import { ADDRESS_RE } from "./hex";

/** 0x + 40 hex; stored and returned lower-cased (seeds). */
export const evmAddress = z
  .string()
  .regex(ADDRESS_RE, "must be 0x followed by 40 hex characters")
  .transform((a) => a.toLowerCase());

export const isoDateTime = z.string().describe("ISO-8601 timestamp");
export const uuid = z.uuid();

/** seeds: `limit` max 100, default 50; `offset` default 0. Query strings arrive as text. */
export const paginationQuery = {
  limit: z.coerce.number().int().min(1).max(100).default(50).describe("Max 100. Default 50."),
  offset: z.coerce.number().int().min(0).max(1_000_000_000).default(0).describe("For pagination. Default 0."),
};

/** A yes/no query parameter, spelled true or false (as OpenAPI serialises a boolean in a query). */
export const queryBoolean = z.enum(["true", "false"], "must be true or false").transform((v) => v === "true");

/** A moment in an answer: ISO 8601 in UTC with milliseconds, as Date#toISOString writes it. */
export const isoTimestamp = z.iso.datetime();

export const paginationOutput = {
  has_more: z.boolean(),
  limit: z.number().int(),
  offset: z.number().int(),
};

// Characters no text field takes. U+0000 cannot be stored at all: PostgreSQL refuses it
// in text (SQLSTATE 22021) and in jsonb (22P05), which was a 500. The other C0 controls, DEL and
// the C1 controls are never part of a name, label, phone number, URL or key; in them they only
// forge log lines, CSV rows and terminal output, so they are refused too. An unpaired UTF-16
// surrogate (JSON allows "\ud800") is not Unicode text: pg would store it as U+FFFD in text and
// jsonb refuses it. Free multi-line text (memo, descriptions, metadata values) keeps tab, line
// feed and carriage return, which people paste in with addresses and invoice notes.
const SINGLE_LINE_FORBIDDEN = /[\u0000-\u001f\u007f-\u009f]|\p{Cs}/u;
const MULTI_LINE_FORBIDDEN = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]|\p{Cs}/u;
// The same rule for the OpenAPI document (JSON Schema `pattern`; surrogates cannot be written there).
const SINGLE_LINE_PATTERN = "^[^\\u0000-\\u001f\\u007f-\\u009f]*$";
const MULTI_LINE_PATTERN = "^[^\\u0000-\\u0008\\u000b\\u000c\\u000e-\\u001f\\u007f-\\u009f]*$";

export interface TextOptions {
  /** Free multi-line text: tab, line feed and carriage return allowed. Default: single line. */
  multiline?: boolean;
}

const codePoint = (ch: string) => `U+${ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, "0")}`;

/** Why `value` is refused, or null: names the first offending character so the caller can find it. */
export function forbiddenCharacterIssue(value: string, { multiline = false }: TextOptions = {}): string | null {
  const found = (multiline ? MULTI_LINE_FORBIDDEN : SINGLE_LINE_FORBIDDEN).exec(value);
  if (!found) return null;
  const ch = found[0];
  const at = `(${codePoint(ch)} at index ${found.index})`;
  if (/\p{Cs}/u.test(ch)) return `must be valid Unicode text: found an unpaired surrogate ${at}`;
  return multiline
    ? `must not contain control characters other than tab, line feed and carriage return ${at}`
    : `must not contain control characters, line breaks or tabs ${at}`;
}

/**
 * Adds the character rule to a string schema (plain text, URL, record key); every free-text input
 * field uses it. test/api/input-hygiene.test.ts probes every string field of every body, so a
 * field that forgets it fails there.
 */
export function refuseControlCharacters<T extends z.ZodType<string, string>>(schema: T, opts: TextOptions = {}): T {
  return schema
    .check((ctx) => {
      const issue = forbiddenCharacterIssue(ctx.value, opts);
      if (issue) ctx.issues.push({ code: "custom", message: issue, input: ctx.value });
    })
    .meta({ pattern: opts.multiline ? MULTI_LINE_PATTERN : SINGLE_LINE_PATTERN });
}

/** Free text of at most `max` characters (single line unless `multiline`). */
export const text = (max: number, opts: TextOptions = {}) =>
  refuseControlCharacters(z.string().max(max, `must be at most ${max} characters`), opts);

/** An optional text field that also accepts null as "not given". */
export const optionalText = (max: number, opts: TextOptions = {}) => text(max, opts).nullish();

/** ISO 4217 code JoPay can price in; accepted in any case, returned upper-case. */
export const currencyCode = z
  .string()
  .regex(/^[A-Za-z]{3}$/, "must be an ISO 4217 code, e.g. EUR")
  .transform((c) => c.toUpperCase())
  .refine(isCurrency, { error: (iss) => unsupportedCurrencyIssue(String(iss.input)) })
  .describe(`ISO 4217 code, any case. Supported: ${SUPPORTED_CURRENCIES.join(", ")}.`);

/** ISO-8601 date or date-time, for list filters. */
export const isoDateFilter = z
  .union([z.iso.datetime({ offset: true }), z.iso.date()])
  .transform((v) => new Date(v))
  .describe("ISO-8601 date or date-time");
