// zod → JSON Schema (draft 2020-12, the dialect of OpenAPI 3.1) for the OpenAPI document: one
// conversion for paths and webhooks alike. Output shapes with an id (`.meta({ id: "Request" })` in
// lib/schemas) become named components: given `components`, their definitions are collected there
// and referenced as #/components/schemas/<id>, so generators make one Request type, not one per
// operation. Without it a schema keeps its definitions with it ($defs).
import { z, type ZodType } from "zod";

export type Json = Record<string, unknown>;

const DEFS = /"#\/\$defs\//g;

export const toSchema = (schema: ZodType, io: "input" | "output", components?: Record<string, Json>): Json => {
  const { $schema: _drop, $defs, ...rest } = z.toJSONSchema(schema, {
    io,
    unrepresentable: "any",
    target: "draft-2020-12",
    // format: date-time says it; zod's long equivalent regex only makes generated clients worse.
    override: (ctx) => {
      if (ctx.jsonSchema.format === "date-time") delete ctx.jsonSchema.pattern;
      // Answers may gain fields (additions beside the seeds' fields): a client must not reject them,
      // and a named object must compose (allOf) with the `ok` and replay flags beside it.
      if (io === "output" && ctx.jsonSchema.additionalProperties === false) delete ctx.jsonSchema.additionalProperties;
      // A query flag (lib/schemas/common.ts queryBoolean) is read from the words "true"/"false",
      // which is how OpenAPI serialises a boolean query parameter: generators then type it boolean.
      const e = ctx.jsonSchema.enum;
      if (io === "input" && Array.isArray(e) && e.length === 2 && e.includes("true") && e.includes("false")) {
        delete ctx.jsonSchema.enum;
        ctx.jsonSchema.type = "boolean";
      }
    },
  }) as Json & { $defs?: Record<string, Json> };
  if (!$defs) return rest;
  if (!components) return { ...rest, $defs };
  const moved = (value: unknown) => JSON.parse(JSON.stringify(value).replace(DEFS, '"#/components/schemas/')) as Json;
  for (const [id, def] of Object.entries($defs)) components[id] = moved(def);
  return moved(rest);
};
