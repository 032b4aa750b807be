// The OpenAPI 3.1 document, generated from the zod schemas (z.toJSONSchema) and the error table —
// never written by hand, so it cannot drift from what the routes validate and return.
import type { ZodType } from "zod";
import { errorTable, type ErrorCode } from "@/lib/errors";
import { EXAMPLE_IDS } from "@/lib/api/operations/example-values";
import { ID_FORMATS, pathResources } from "@/lib/api/operations/path-ids";
import { appUrl } from "@/lib/urls";
import { toSchema, type Json } from "./json-schema";
import type { ApiOperation } from "@/lib/api/operations/operation";
import { operations } from "@/lib/api/operations";
import { WEBHOOK_TAG, WEBHOOK_TAG_DESCRIPTION, webhookObjects } from "./webhooks";

/** Codes any authenticated route may answer with, whatever it does. */
function commonErrors(op: ApiOperation): ErrorCode[] {
  // Any path answers another method with 405 (lib/api/allowed-methods.ts), public ones included.
  const codes: ErrorCode[] = ["method_not_allowed", "internal_error", "service_unavailable"];
  if (op.scope !== "public") codes.push("unauthorized", "rate_limited");
  if (op.scope && op.scope !== "public") codes.push("insufficient_scope");
  // The wrapper reads the body of every POST/PUT/PATCH, with or without fields (lib/api/read-body.ts).
  if (op.body || ["post", "put", "patch"].includes(op.method)) codes.push("invalid_json", "payload_too_large", "unsupported_media_type");
  if (op.body) codes.push("validation_error");
  if (op.query) codes.push("validation_error");
  return codes;
}

function errorResponses(op: ApiOperation): Record<string, Json> {
  const byStatus = new Map<number, Set<ErrorCode>>();
  for (const code of [...commonErrors(op), ...(op.errors ?? [])]) {
    const status = errorTable[code].status;
    if (!byStatus.has(status)) byStatus.set(status, new Set());
    byStatus.get(status)!.add(code);
  }
  const out: Record<string, Json> = {};
  for (const [status, codes] of [...byStatus].sort((a, b) => a[0] - b[0])) {
    const list = [...codes];
    out[String(status)] = {
      description: list.map((c) => `\`${c}\`: ${errorTable[c].message}`).join(" "),
      content: {
        "application/json": {
          schema: { allOf: [{ $ref: "#/components/schemas/Error" }, { type: "object", properties: { error: { enum: list } } }] },
        },
      },
    };
  }
  return out;
}

function successSchema(op: ApiOperation, components: Record<string, Json>): Json {
  // Documents served as themselves (this one, the receipts' JWKS): no `ok` envelope.
  if (op.scope === "public" && op.path.endsWith(".json")) return toSchema(op.response, "output");
  const data = toSchema(op.response, "output", components);
  // The answer is a named object itself (GET /requests/{id}: a Request): that object, plus `ok`.
  if (typeof data.$ref === "string") return { allOf: [{ $ref: data.$ref }, { type: "object", properties: { ok: { const: true } }, required: ["ok"] }] };
  const props = (data.properties as Json | undefined) ?? {};
  return { ...data, type: "object", properties: { ok: { const: true }, ...props }, required: ["ok", ...((data.required as string[]) ?? [])] };
}

function queryParameters(query: ZodType | undefined): Json[] {
  if (!query) return [];
  const s = toSchema(query, "input");
  const required = new Set((s.required as string[]) ?? []);
  return Object.entries((s.properties as Record<string, Json>) ?? {}).map(([name, schema]) => ({
    name,
    in: "query",
    required: required.has(name),
    ...(typeof schema.description === "string" ? { description: schema.description } : {}),
    schema,
  }));
}

function pathParameters(path: string): Json[] {
  return pathResources(path).map(({ name, resource }) => {
    const { description, ...format } = ID_FORMATS[resource];
    return { name, in: "path", required: true, description, schema: { type: "string", ...format }, example: EXAMPLE_IDS[resource] };
  });
}

/** Headers that carry a body field (Idempotency-Key): optional, since the body may carry it instead. */
function headerParameters(op: ApiOperation): Json[] {
  return (op.bodyHeaders ?? []).map((h) => ({ name: h.name, in: "header", required: false, description: h.description, schema: toSchema(h.schema, "input") }));
}

/** Query parameters carry the operation's example values, typed as their schema reads them. */
function withExampleQuery(params: Json[], query: Record<string, string> | undefined): Json[] {
  return params.map((p) => {
    const name = p.name as string;
    if (p.in !== "query" || !query || !(name in query)) return p;
    const type = (p.schema as Json).type;
    const raw = query[name];
    return { ...p, example: type === "integer" || type === "number" ? Number(raw) : type === "boolean" ? raw === "true" : raw };
  });
}

/** What each tag groups, for the reference's navigation. */
const TAG_DESCRIPTIONS: Record<string, string> = {
  Requests: "Payment requests: create one per order, send the customer to its pay page, read its status.",
  Merchants: "The businesses you sell for: create them, send them to onboarding, read and update their profiles.",
  Webhooks: "Where JoPay POSTs signed events and the secrets that sign them; the events themselves: list, read, redeliver.",
  FX: "The exchange rates JoPay converts fiat amounts to USDC with.",
  Receipts: "Signed receipts of verified payments and the keys to check them offline.",
  Meta: "This document.",
};

/** Response headers, declared once under components.headers and referenced by every response. */
const HEADERS: Record<string, Json> = {
  "X-Request-Id": { description: "This call's id: quote it to support; every log line of the call carries it.", schema: { type: "string" } },
  "RateLimit-Limit": { description: "Requests admitted per 60-second sliding window for this key (or, for a missing or bad key, this address).", schema: { type: "integer" } },
  "RateLimit-Remaining": { description: "Requests left in the current window.", schema: { type: "integer" } },
  "RateLimit-Reset": { description: "Seconds until the oldest counted request leaves the window.", schema: { type: "integer" } },
  "Retry-After": { description: "Seconds to wait before retrying (429, 503).", schema: { type: "integer" } },
};
const ref = (name: string) => ({ $ref: `#/components/headers/${name}` });

function responseHeaders(op: ApiOperation, status: number): Json {
  const names = ["X-Request-Id"];
  // Keyed operations count every answer, 401s included (lib/api/with-api-key.ts), public ones per
  // address (lib/api/with-public.ts) — all but the documents served as themselves; a 503 from the
  // database may come before the count.
  const counted = op.scope !== "public" || !op.path.endsWith(".json");
  if (counted && status !== 503 && status !== 500) names.push("RateLimit-Limit", "RateLimit-Remaining", "RateLimit-Reset");
  if (status === 429 || status === 503) names.push("Retry-After");
  return Object.fromEntries(names.map((n) => [n, ref(n)]));
}

function operationObject(op: ApiOperation, components: Record<string, Json>): Json {
  const ok = { description: "Success", content: { "application/json": { schema: successSchema(op, components) } } };
  const responses: Record<string, Json> = { [String(op.successStatus ?? 200)]: ok };
  for (const s of op.alsoStatuses ?? []) responses[String(s)] = { ...ok, description: "Success (see description)" };
  Object.assign(responses, errorResponses(op));
  for (const [status, response] of Object.entries(responses)) response.headers = responseHeaders(op, Number(status));
  return {
    operationId: op.operationId,
    summary: op.summary,
    ...(op.description ? { description: op.description } : {}),
    tags: [op.tag],
    ...(op.scope === "public" ? { security: [] } : {}),
    ...(op.scope && op.scope !== "public" ? { "x-required-scope": op.scope } : {}),
    ...(op.testModeOnly ? { "x-test-mode-only": true } : {}),
    parameters: withExampleQuery([...pathParameters(op.path), ...queryParameters(op.query), ...headerParameters(op)], op.example?.query),
    ...(op.body
      ? { requestBody: { required: true, content: { "application/json": { schema: toSchema(op.body, "input"), ...(op.example?.body ? { example: op.example.body } : {}) } } } }
      : {}),
    responses,
  };
}

export function buildOpenApiDocument(ops: ApiOperation[] = operations): Json {
  const paths: Record<string, Record<string, Json>> = {};
  const named: Record<string, Json> = {}; // Request, Merchant, … (lib/openapi/json-schema.ts)
  for (const op of ops) (paths[op.path] ??= {})[op.method] = operationObject(op, named);
  const codes = Object.keys(errorTable) as ErrorCode[];
  return {
    openapi: "3.1.0",
    info: {
      title: "JoPay API",
      version: "1.0.0",
      description: "Non-custodial stablecoin payment requests for platforms. Amounts: fiat in ISO 4217 minor units, USDC in micro-units as decimal strings.",
      license: { name: "Proprietary — JoPay API terms", url: appUrl("/docs") },
    },
    servers: [{ url: appUrl("").replace(/\/$/, ""), description: "This JoPay server (APP_URL)" }],
    security: [{ bearerAuth: [] }],
    tags: [...new Set([...ops.map((o) => o.tag), WEBHOOK_TAG])].map((name) => ({ name, description: TAG_DESCRIPTIONS[name] ?? WEBHOOK_TAG_DESCRIPTION })),
    paths,
    webhooks: webhookObjects(named),
    components: {
      headers: HEADERS,
      securitySchemes: {
        bearerAuth: { type: "http", scheme: "bearer", description: "A jo_live_… or jo_test_… API key. The key's mode decides which objects it sees." },
      },
      schemas: {
        Error: {
          type: "object",
          required: ["ok", "error", "message"],
          properties: {
            ok: { const: false },
            error: { type: "string", enum: codes },
            message: { type: "string" },
            details: { type: "array", items: { type: "object", required: ["field", "issue"], properties: { field: { type: "string" }, issue: { type: "string" } } } },
            required_scope: { type: "string" },
            expected_fiat_code: { type: "string" },
            allowed_expiry_minutes: { type: "array", items: { type: "integer" } },
            request: { $ref: "#/components/schemas/Request", description: "The current request object (cannot_cancel, request_not_payable)." },
          },
          additionalProperties: true,
        },
        ...named,
      },
      "x-error-codes": Object.fromEntries(codes.map((c) => [c, { status: errorTable[c].status, message: errorTable[c].message, fix: errorTable[c].fix }])),
    },
  };
}

let cached: Json | undefined;
export function openApiDocument(): Json {
  cached ??= buildOpenApiDocument();
  return cached;
}
