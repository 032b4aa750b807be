// One API operation as the OpenAPI document describes it. Route modules do not build OpenAPI
// themselves: each resource has a file in lib/openapi/paths/ exporting ApiOperation[] made from the
// same zod schemas its route declares, and lib/openapi/paths.ts lists those arrays. A test checks
// that app/api/v1 route files and these operations match one to one.
import type { ZodType } from "zod";
import type { Scope } from "@/lib/api-keys/scopes";
import type { ErrorCode } from "@/lib/api/errors";

export type HttpMethod = "get" | "post" | "put" | "patch" | "delete";

export interface ApiOperation {
  method: HttpMethod;
  /** OpenAPI path with {param} segments, e.g. "/api/v1/requests/{id}". */
  path: string;
  operationId: string;
  summary: string;
  description?: string;
  /** Sidebar group in the reference ("Requests", "Merchants", …). */
  tag: string;
  /** Scope the key needs; null = any valid key; "public" = no key at all. */
  scope: Scope | null | "public";
  body?: ZodType;
  query?: ZodType;
  /** Success body fields (after `"ok": true`). */
  response: ZodType;
  /** Default 200. */
  successStatus?: number;
  /** Other success statuses with the same body (e.g. 200 for an idempotent replay of a 201 create). */
  alsoStatuses?: number[];
  /** Domain error codes this operation can answer with, beyond the ones every route shares. */
  errors?: ErrorCode[];
}
