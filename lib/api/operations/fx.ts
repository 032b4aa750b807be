// Operations of the FX endpoint and the document itself (SPEC §5).
import { z } from "zod";
import { fxRateOutput, fxRatesQuery } from "@/lib/schemas/fx";
import { defineOperations } from "./operation";

export const fxOperations = defineOperations({
  getFxRate: {
    method: "get",
    path: "/api/v1/fx/rates",
    summary: "Current exchange rate",
    description: "The rate (USD per 1 unit of `currency`) a create would use now. Any valid key.",
    tag: "FX",
    scope: null,
    query: fxRatesQuery,
    response: fxRateOutput,
    errors: ["fx_unavailable"],
    example: { query: { currency: "EUR" } },
  },
});

export const metaOperations = defineOperations({
  getOpenApiDocument: {
    method: "get",
    path: "/api/v1/openapi.json",
    summary: "This OpenAPI 3.1 document",
    description: "Public. The document itself is returned as the body (no `ok` envelope).",
    tag: "Meta",
    scope: "public",
    response: z.object({ openapi: z.string(), info: z.object({}).loose(), paths: z.object({}).loose() }).loose(),
  },
});
