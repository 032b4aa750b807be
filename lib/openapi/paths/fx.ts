// OpenAPI operations of the FX endpoint and the document itself (SPEC §5).
import { z } from "zod";
import { fxRateOutput, fxRatesQuery } from "@/lib/schemas/fx";
import type { ApiOperation } from "../operation";

export const fxOperations: ApiOperation[] = [
  {
    method: "get",
    path: "/api/v1/fx/rates",
    operationId: "getFxRate",
    summary: "Current exchange rate",
    description: "The rate (USD per 1 unit of `currency`) a create would use now. Any valid key.",
    tag: "FX",
    scope: null,
    query: fxRatesQuery,
    response: fxRateOutput,
    errors: ["fx_unavailable"],
  },
];

export const metaOperations: ApiOperation[] = [
  {
    method: "get",
    path: "/api/v1/openapi.json",
    operationId: "getOpenApiDocument",
    summary: "This OpenAPI 3.1 document",
    description: "Public. The document itself is returned as the body (no `ok` envelope).",
    tag: "Meta",
    scope: "public",
    response: z.object({ openapi: z.string(), info: z.object({}).loose(), paths: z.object({}).loose() }).loose(),
  },
];
