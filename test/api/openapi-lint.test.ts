// The OpenAPI document as a generator or a linter sees it (issue 18): Redocly's recommended rules
// (the rule set `redocly lint` runs) report nothing — no unresolved $ref in the webhooks section,
// examples that match their schemas, every tag described, a 4xx on every operation. Linted as
// production serves it (an https APP_URL), since the rules rightly refuse a localhost server.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createConfig, lintFromString } from "@redocly/openapi-core";
import { resetConfigForTests } from "@/lib/config";
import { buildOpenApiDocument } from "@/lib/openapi/document";

let appUrl: string | undefined;
beforeAll(() => {
  appUrl = process.env.APP_URL;
  process.env.APP_URL = "https://jopay.app";
  resetConfigForTests();
});
afterAll(() => {
  process.env.APP_URL = appUrl;
  resetConfigForTests();
});

describe("OpenAPI lint", () => {
  it("Redocly's recommended rules find no error and no warning", async () => {
    const config = await createConfig({ extends: ["recommended"] });
    const problems = await lintFromString({ source: JSON.stringify(buildOpenApiDocument()), absoluteRef: "openapi.json", config });
    const found = problems.map((p) => `${p.severity} ${p.ruleId}: ${p.message} at ${p.location?.[0]?.pointer ?? "?"}`);
    expect(found).toEqual([]);
  });

  it("the merchant list's `disabled` flag is a boolean to a generator, and still reads true/false", async () => {
    const doc = buildOpenApiDocument() as { paths: Record<string, { get: { parameters: { name: string; schema: { type: string } }[] } }> };
    const disabled = doc.paths["/api/v1/merchants"].get.parameters.find((p) => p.name === "disabled");
    expect(disabled?.schema).toEqual({ type: "boolean" });
  });

  it("declares 405 on every operation and 429 on every keyed one", () => {
    const doc = buildOpenApiDocument() as { paths: Record<string, Record<string, { responses: Record<string, unknown>; security?: unknown[] }>> };
    for (const [path, methods] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(methods)) {
        expect(op.responses, `${method} ${path}`).toHaveProperty("405");
        if (!op.security) expect(op.responses, `${method} ${path}`).toHaveProperty("429");
      }
    }
  });
});
