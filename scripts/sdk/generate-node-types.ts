// Writes packages/node/src/generated.ts — the SDK's types and operation table — from the OpenAPI
// document (lib/openapi/document.ts), itself generated from the operations table and the zod
// schemas. So the SDK's types cannot drift from what the API validates and answers:
// test/sdk/generated.test.ts renders it again and fails when the committed file differs.
//   npm run sdk:generate
// A small JSON Schema → TypeScript printer for the subset z.toJSONSchema emits (objects, arrays,
// enums, consts, anyOf, allOf, type lists, records, $refs to components or to local $defs).
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { isDeepStrictEqual } from "node:util";

type Json = Record<string, unknown>;
type Schema = Json | boolean;

export const GENERATED_PATH = join(process.cwd(), "packages", "node", "src", "generated.ts");

const METHODS = ["get", "post", "put", "patch", "delete"] as const;
/** RFC 9110 idempotent methods: safe to repeat without an idempotency key. */
const IDEMPOTENT_METHODS = new Set(["get", "put", "delete"]);

interface Printer {
  components: Record<string, Json>;
  /** The local $defs of the schema being printed (the webhooks section keeps its own). */
  defs: Record<string, Json>;
}

const ident = (name: string) => (/^[A-Za-z_$][\w$]*$/.test(name) ? name : JSON.stringify(name));
const pascal = (s: string) => s.replace(/(^|[._-])(\w)/g, (_m, _sep, c: string) => c.toUpperCase());

function doc(description: unknown, pad: string): string {
  if (typeof description !== "string" || !description) return "";
  return `${pad}/** ${description.replace(/\*\//g, "*\\/").replace(/\s*\n\s*/g, " ")} */\n`;
}

function union(parts: string[]): string {
  const unique = [...new Set(parts)];
  return unique.length === 1 ? unique[0] : unique.map((p) => (p.includes(" & ") ? `(${p})` : p)).join(" | ");
}

function typeOf(schema: Schema, p: Printer, pad: string): string {
  if (schema === true || schema === undefined) return "unknown";
  if (schema === false) return "never";
  const s = schema;
  if (typeof s.$ref === "string") return refType(s.$ref, p, pad);
  if ("const" in s) return JSON.stringify(s.const);
  if (Array.isArray(s.enum)) return union(s.enum.map((v) => JSON.stringify(v)));
  if (Array.isArray(s.anyOf) || Array.isArray(s.oneOf)) return union(((s.anyOf ?? s.oneOf) as Schema[]).map((x) => typeOf(x, p, pad)));
  if (Array.isArray(s.allOf)) {
    const { allOf, ...own } = s;
    const parts = (allOf as Schema[]).map((x) => typeOf(x, p, pad));
    if (own.properties || own.additionalProperties) parts.push(typeOf(own, p, pad));
    return parts.join(" & ");
  }
  if (Array.isArray(s.type)) return union(s.type.map((t) => typeOf({ ...s, type: t }, p, pad)));
  switch (s.type) {
    case "string":
      return "string";
    case "integer":
    case "number":
      return "number";
    case "boolean":
      return "boolean";
    case "null":
      return "null";
    case "array":
      return `Array<${typeOf((s.items as Schema) ?? true, p, pad)}>`;
    case "object":
    case undefined:
      return objectType(s, p, pad);
    default:
      return "unknown";
  }
}

function objectType(s: Json, p: Printer, pad: string): string {
  const props = (s.properties as Record<string, Schema> | undefined) ?? {};
  const names = Object.keys(props);
  if (names.length === 0) {
    const extra = s.additionalProperties;
    if (extra && typeof extra === "object") return `Record<string, ${typeOf(extra as Json, p, pad)}>`;
    return s.type === "object" ? "Record<string, unknown>" : "unknown";
  }
  const required = new Set((s.required as string[] | undefined) ?? []);
  const inner = `${pad}  `;
  const lines = names.map((n) => {
    const prop = props[n];
    return `${doc(typeof prop === "object" ? prop.description : undefined, inner)}${inner}${ident(n)}${required.has(n) ? "" : "?"}: ${typeOf(prop, p, inner)};`;
  });
  return `{\n${lines.join("\n")}\n${pad}}`;
}

function refType(ref: string, p: Printer, pad: string): string {
  const component = /^#\/components\/schemas\/(.+)$/.exec(ref);
  if (component) return component[1];
  const local = /^#\/\$defs\/(.+)$/.exec(ref);
  if (local) {
    const def = p.defs[local[1]];
    // A local copy of a component (the webhooks section's $defs) is that component.
    const component = p.components[local[1]];
    if (component && isDeepStrictEqual(JSON.parse(JSON.stringify(def).replaceAll('"#/$defs/', '"#/components/schemas/')), component)) return local[1];
    if (def) return typeOf(def, p, pad);
  }
  throw new Error(`unresolvable $ref ${ref}`);
}

function queryType(params: Json[], p: Printer): string {
  const query = params.filter((x) => x.in === "query");
  if (query.length === 0) return "never";
  return objectType(
    {
      type: "object",
      properties: Object.fromEntries(query.map((q) => [q.name as string, { ...(q.schema as Json), description: q.description }])),
      required: query.filter((q) => q.required).map((q) => q.name as string),
    },
    p,
    "    ",
  );
}

/** The success body of an operation, without the `ok: true` every answer carries. */
function responseType(op: Json, p: Printer): string {
  const responses = op.responses as Record<string, Json>;
  const status = Object.keys(responses).find((k) => k.startsWith("2"))!;
  const schema = (responses[status].content as Record<string, { schema: Json }>)["application/json"].schema;
  return typeOf(schema, p, "    ");
}

export function renderSdkTypes(document: Json): string {
  const components = ((document.components as Json).schemas ?? {}) as Record<string, Json>;
  const p: Printer = { components, defs: {} };
  const out: string[] = [
    "// Generated by scripts/sdk/generate-node-types.ts from JoPay's OpenAPI document. Do not edit:",
    "// run `npm run sdk:generate` in the JoPay repository (test/sdk/generated.test.ts checks it is current).",
    "",
  ];

  const codes = Object.keys((document.components as Json)["x-error-codes"] as Json);
  out.push("/** Every `error` code the API answers with (the error table). */", `export type ErrorCode = ${union(codes.map((c) => JSON.stringify(c)))};`, "");

  for (const [name, schema] of Object.entries(components)) {
    if (name === "Error") continue;
    out.push(`${doc(schema.description, "")}export type ${name} = ${typeOf(schema, p, "")};`, "");
  }

  const paths = document.paths as Record<string, Record<string, Json>>;
  const ops: { id: string; method: string; path: string; op: Json }[] = [];
  for (const [path, item] of Object.entries(paths)) {
    for (const method of METHODS) if (item[method]) ops.push({ id: item[method].operationId as string, method, path, op: item[method] });
  }

  out.push("/** Each operation's body, query and success answer, keyed by operationId. */", "export interface Operations {");
  for (const { id, op } of ops) {
    const body = (op.requestBody as Json | undefined)?.content as Record<string, { schema: Json }> | undefined;
    out.push(
      `${doc(op.summary, "  ")}  ${id}: {`,
      `    body: ${body ? typeOf(body["application/json"].schema, p, "    ") : "never"};`,
      `    query: ${queryType((op.parameters as Json[]) ?? [], p)};`,
      `    response: ${responseType(op, p)};`,
      "  };",
    );
  }
  out.push("}", "", "export type OperationId = keyof Operations;", "");

  out.push("/** Method, path and retry facts per operation (`idempotencyHeader`: the header a create takes its key in). */");
  out.push("export const OPERATIONS = {");
  for (const { id, method, path, op } of ops) {
    const header = ((op.parameters as Json[]) ?? []).find((x) => x.in === "header" && x.name === "Idempotency-Key");
    const facts = {
      method: method.toUpperCase(),
      path,
      idempotent: IDEMPOTENT_METHODS.has(method),
      idempotencyHeader: header ? (header.name as string) : null,
      testModeOnly: op["x-test-mode-only"] === true,
      bodyFields: Object.keys(((((op.requestBody as Json | undefined)?.content as Record<string, { schema: Json }> | undefined)?.["application/json"]?.schema?.properties) ?? {}) as Json),
    };
    out.push(`  ${id}: ${JSON.stringify(facts).replace(/"(\w+)":/g, "$1: ").replace(/,(?=\w+: )/g, ", ")},`);
  }
  out.push("} as const;", "");

  const webhooks = (document.webhooks ?? {}) as Record<string, { post: Json }>;
  const events: string[] = [];
  for (const [type, { post }] of Object.entries(webhooks)) {
    const schema = ((post.requestBody as Json).content as Record<string, { schema: Json }>)["application/json"].schema;
    p.defs = (schema.$defs as Record<string, Json> | undefined) ?? {};
    const { $defs: _defs, ...body } = schema;
    const name = `${pascal(type)}Event`;
    events.push(name);
    out.push(`${doc(post.summary, "")}export type ${name} = ${typeOf(body, p, "")};`, "");
  }
  p.defs = {};
  out.push("/** Any webhook JoPay sends; narrow on `type`. */", `export type WebhookEvent = ${union(events)};`, "");
  out.push(`export type WebhookEventType = WebhookEvent["type"];`, "");
  return out.join("\n");
}

async function main() {
  const { openApiDocument } = await import("@/lib/openapi/document");
  writeFileSync(GENERATED_PATH, renderSdkTypes(openApiDocument()));
  process.stdout.write(`wrote ${GENERATED_PATH}\n`);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) await main();
