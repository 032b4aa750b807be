// API reference rendered on the server from the same OpenAPI document /api/v1/openapi.json serves.
import { openApiDocument } from "@/lib/openapi/document";
import { C, H2, Page } from "../_components/doc";

export const metadata = { title: "API reference — JoPay docs" };

type Json = Record<string, unknown>;
type Param = { name: string; in: string; required: boolean; description?: string; schema: Json };
type Op = { operationId: string; summary: string; description?: string; tags: string[]; parameters: Param[]; requestBody?: { content: { "application/json": { schema: Json } } }; responses: Record<string, { description: string; content?: { "application/json": { schema: Json } } }>; "x-required-scope"?: string; security?: unknown[] };

function typeOf(s: Json): string {
  if (Array.isArray(s.enum)) return (s.enum as unknown[]).map((v) => JSON.stringify(v)).join(" | ");
  if (s.const !== undefined) return JSON.stringify(s.const);
  if (Array.isArray(s.anyOf)) return (s.anyOf as Json[]).map(typeOf).join(" | ");
  const t = Array.isArray(s.type) ? (s.type as string[]).join(" | ") : String(s.type ?? "any");
  if (s.type === "array" && s.items) return `${typeOf(s.items as Json)}[]`;
  return s.format ? `${t} (${String(s.format)})` : t;
}

function constraints(s: Json): string {
  const parts: string[] = [];
  if (s.maxLength !== undefined) parts.push(`≤ ${String(s.maxLength)} chars`);
  if (s.minimum !== undefined && Number(s.minimum) > -9e15) parts.push(`≥ ${String(s.minimum)}`);
  if (s.exclusiveMinimum !== undefined) parts.push(`> ${String(s.exclusiveMinimum)}`);
  if (s.maximum !== undefined && Number(s.maximum) < 9e15) parts.push(`≤ ${String(s.maximum)}`);
  if (s.default !== undefined) parts.push(`default ${JSON.stringify(s.default)}`);
  if (typeof s.description === "string") parts.push(s.description);
  return parts.join("; ");
}

/** An operation's (or a webhook's) body fields and its answers by status. */
function BodyAndResponses({ op, responsesTitle }: { op: Pick<Op, "requestBody" | "responses">; responsesTitle: string }) {
  return (
    <>
      {op.requestBody ? (
        <>
          <h4 className="text-sm font-semibold">Body</h4>
          <Fields schema={op.requestBody.content["application/json"].schema} />
        </>
      ) : null}
      <h4 className="text-sm font-semibold">{responsesTitle}</h4>
      <ul className="ml-4 list-disc text-sm">
        {Object.entries(op.responses).map(([status, r]) => (
          <li key={status}>
            <span className="font-mono">{status}</span> {r.description}
          </li>
        ))}
      </ul>
    </>
  );
}

function Fields({ schema }: { schema: Json }) {
  const props = (schema.properties as Record<string, Json>) ?? {};
  const required = new Set((schema.required as string[]) ?? []);
  return (
    <ul className="ml-4 list-disc text-sm">
      {Object.entries(props).map(([name, s]) => (
        <li key={name}>
          <C>{name}</C> <span className="text-slate-500">{typeOf(s)}</span>
          {required.has(name) ? <span className="text-rose-700"> required</span> : null}
          {constraints(s) ? <span className="text-slate-600"> — {constraints(s)}</span> : null}
        </li>
      ))}
    </ul>
  );
}

export default function ReferencePage() {
  const doc = openApiDocument() as { paths: Record<string, Record<string, Op>>; webhooks: Record<string, { post: Op }> };
  const webhooks = Object.entries(doc.webhooks);
  const ops = Object.entries(doc.paths).flatMap(([path, methods]) => Object.entries(methods).map(([method, op]) => ({ path, method, op })));
  const tags = [...new Set(ops.map((o) => o.op.tags[0]))];
  return (
    <Page title="API reference" lead="Every endpoint, generated from the OpenAPI 3.1 document at /api/v1/openapi.json.">
      <nav className="text-sm">
        {ops.map(({ op, method, path }) => (
          <div key={op.operationId}>
            <a className="text-blue-700 hover:underline" href={`#${op.operationId}`}>
              <span className="font-mono uppercase">{method}</span> {path}
            </a>
          </div>
        ))}
      </nav>
      {tags.map((tag) => (
        <section key={tag}>
          <H2>{tag}</H2>
          {ops
            .filter((o) => o.op.tags[0] === tag)
            .map(({ path, method, op }) => (
              <details key={op.operationId} id={op.operationId} className="mt-4 rounded border border-slate-200 p-3" open>
                <summary className="cursor-pointer">
                  <span className="font-mono font-semibold uppercase">{method}</span> <span className="font-mono">{path}</span> — {op.summary}
                </summary>
                <div className="mt-2 space-y-2">
                  {op.description ? <p className="text-sm">{op.description}</p> : null}
                  <p className="text-sm">
                    Auth: {op.security ? "none (public)" : op["x-required-scope"] ? <>key with <C>{op["x-required-scope"]}</C></> : "any valid key"}
                  </p>
                  {op.parameters.length ? (
                    <>
                      <h4 className="text-sm font-semibold">Parameters</h4>
                      <ul className="ml-4 list-disc text-sm">
                        {op.parameters.map((p) => (
                          <li key={`${p.in}:${p.name}`}>
                            <C>{p.name}</C> <span className="text-slate-500">({p.in}) {typeOf(p.schema)}</span>
                            {p.required ? <span className="text-rose-700"> required</span> : null}
                            {constraints(p.schema) ? <span className="text-slate-600"> — {constraints(p.schema)}</span> : null}
                          </li>
                        ))}
                      </ul>
                    </>
                  ) : null}
                  <BodyAndResponses op={op} responsesTitle="Responses" />
                </div>
              </details>
            ))}
        </section>
      ))}
      <section>
        <H2 id="webhooks">Webhook events</H2>
        <p className="text-sm">
          What JoPay POSTs to your webhook endpoints: the <C>webhooks</C> section of the same document, one entry per event type.
        </p>
        {webhooks.map(([type, { post: op }]) => (
          <details key={type} id={op.operationId} className="mt-4 rounded border border-slate-200 p-3" open>
            <summary className="cursor-pointer">
              <span className="font-mono font-semibold">{type}</span> — {op.summary}
            </summary>
            <div className="mt-2 space-y-2">
              {op.description ? <p className="text-sm">{op.description}</p> : null}
              <h4 className="text-sm font-semibold">Headers</h4>
              <ul className="ml-4 list-disc text-sm">
                {op.parameters.map((p) => (
                  <li key={p.name}>
                    <C>{p.name}</C> <span className="text-slate-500">{typeOf(p.schema)}</span>
                    {p.description ? <span className="text-slate-600"> — {p.description}</span> : null}
                  </li>
                ))}
              </ul>
              <BodyAndResponses op={op} responsesTitle="Your answer" />
            </div>
          </details>
        ))}
      </section>
    </Page>
  );
}
