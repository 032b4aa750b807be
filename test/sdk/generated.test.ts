// packages/node/src/generated.ts is what scripts/sdk/generate-node-types.ts makes of today's
// OpenAPI document: a change to an operation, schema or error code that was not regenerated
// (npm run sdk:generate) fails here, so the SDK's types cannot drift from the API.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { operations } from "@/lib/api/operations";
import { buildOpenApiDocument } from "@/lib/openapi/document";
import { GENERATED_PATH, renderSdkTypes } from "@/scripts/sdk/generate-node-types";
import { OPERATIONS } from "@/packages/node/src/generated";

describe("the SDK's generated types", () => {
  it("are current with the OpenAPI document", () => {
    expect(readFileSync(GENERATED_PATH, "utf8"), "run npm run sdk:generate").toBe(renderSdkTypes(buildOpenApiDocument()));
  });

  it("hold every operation with its method, path and test-mode flag", () => {
    expect(Object.keys(OPERATIONS).sort()).toEqual(operations.map((o) => o.operationId).sort());
    for (const op of operations) {
      const facts = OPERATIONS[op.operationId as keyof typeof OPERATIONS];
      expect([facts.method, facts.path, facts.testModeOnly], op.operationId).toEqual([op.method.toUpperCase(), op.path, op.testModeOnly === true]);
      expect(facts.idempotencyHeader, op.operationId).toBe(op.bodyHeaders?.find((h) => h.name === "Idempotency-Key")?.name ?? null);
    }
  });
});
