// One /api/v1 operation, declared once. The route file hands it to withApiKey (which takes the
// scope, body, query, rate-limit bucket, success statuses and response schema from it), the
// OpenAPI document is generated from it, the 405/OPTIONS answers read its method and path, and the
// scope, isolation and fuzz test walks (test/support/operation-walk.ts) call every operation from
// its example. A new endpoint is an entry here plus a route file; nothing else lists it.
import type { ZodType } from "zod";
import type { Scope } from "@/lib/api-keys/scopes";
import type { ErrorCode } from "@/lib/errors";

export type HttpMethod = "get" | "post" | "put" | "patch" | "delete";

export interface OperationExample {
  /** A valid body. Ids in it are the EXAMPLE_IDS (lib/api/operations/path-ids.ts). */
  body?: Record<string, unknown>;
  /** A valid query (string values, as sent). */
  query?: Record<string, string>;
}

/**
 * A request header that is another way to send one body field (`Idempotency-Key` for
 * `idempotency_key`): the wrapper copies it into the body before the schema runs, so the field's
 * own rules apply to it; sent both ways with different values is 400 validation_error.
 */
export interface BodyFieldHeader {
  /** The header's name as documented, e.g. "Idempotency-Key" (matched case-insensitively). */
  name: string;
  /** The top-level body field it stands for. */
  field: string;
  description: string;
  /** The header value's schema, for the OpenAPI parameter (the body field's rules decide). */
  schema: ZodType;
}

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
  /** Only test-mode keys may call it (403 test_mode_only for a live key). */
  testModeOnly?: boolean;
  /** The per-key limit bucket it counts against (SPEC §4: merchant creation has its own). */
  limit?: "default" | "merchant_create";
  body?: ZodType;
  /** Headers that carry a body field (requires `body`). */
  bodyHeaders?: BodyFieldHeader[];
  query?: ZodType;
  /** Success body fields (after `"ok": true`); every answer is parsed through it before it leaves. */
  response: ZodType;
  /** Default 200. */
  successStatus?: number;
  /** Other success statuses with the same body (e.g. 200 for an idempotent replay of a 201 create). */
  alsoStatuses?: number[];
  /** Domain error codes this operation can answer with, beyond the ones every route shares. */
  errors?: ErrorCode[];
  /** Required when the operation takes a body with required fields or a required query. */
  example?: OperationExample;
}

/** Declares a resource's operations keyed by operationId, each keeping its own schema types. */
export function defineOperations<T extends Record<string, Omit<ApiOperation, "operationId">>>(ops: T): { [K in keyof T]: T[K] & { operationId: K & string } } {
  return Object.fromEntries(Object.entries(ops).map(([operationId, op]) => [operationId, { ...op, operationId }])) as never;
}
