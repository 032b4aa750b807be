// zod → JSON Schema (draft 2020-12, the dialect of OpenAPI 3.1) for the OpenAPI document: one
// conversion for paths and webhooks alike.
import { z, type ZodType } from "zod";

export type Json = Record<string, unknown>;

export const toSchema = (schema: ZodType, io: "input" | "output"): Json => {
  const { $schema: _drop, ...rest } = z.toJSONSchema(schema, { io, unrepresentable: "any", target: "draft-2020-12" }) as Json;
  return rest;
};
