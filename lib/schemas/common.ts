import { z } from "zod";

/** 0x + 40 hex; stored and returned lower-cased (seeds). */
export const evmAddress = z
  .string()
  .regex(/^0x[0-9a-fA-F]{40}$/, "must be 0x followed by 40 hex characters")
  .transform((a) => a.toLowerCase());

export const isoDateTime = z.string().describe("ISO-8601 timestamp");
export const uuid = z.uuid();

/** seeds: `limit` max 100, default 50; `offset` default 0. Query strings arrive as text. */
export const paginationQuery = {
  limit: z.coerce.number().int().min(1).max(100).default(50).describe("Max 100. Default 50."),
  offset: z.coerce.number().int().min(0).max(1_000_000_000).default(0).describe("For pagination. Default 0."),
};

export const paginationOutput = {
  has_more: z.boolean(),
  limit: z.number().int(),
  offset: z.number().int(),
};

/** An optional text field that also accepts null as "not given". */
export const optionalText = (max: number) => z.string().max(max, `must be at most ${max} characters`).nullish();

/** ISO 4217 code JoPay can price in; accepted in any case, returned upper-case. */
export const currencyCode = z
  .string()
  .regex(/^[A-Za-z]{3}$/, "must be an ISO 4217 code, e.g. EUR")
  .transform((c) => c.toUpperCase());

/** ISO-8601 date or date-time, for list filters. */
export const isoDateFilter = z
  .union([z.iso.datetime({ offset: true }), z.iso.date()])
  .transform((v) => new Date(v))
  .describe("ISO-8601 date or date-time");
