import { z } from "zod";

/** 0x + 40 hex; stored and returned lower-cased (seeds). */
export const evmAddress = z
  .string()
  .regex(/^0x[0-9a-fA-F]{40}$/, "must be 0x followed by 40 hex characters")
  .transform((a) => a.toLowerCase());

export const isoDateTime = z.string().describe("ISO-8601 timestamp");
export const uuid = z.uuid();
