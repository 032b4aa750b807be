// Every /api/v1 operation in the OpenAPI document. CONVENTION: a resource's operations live in
// lib/openapi/paths/<resource>.ts as an exported ApiOperation[] built from the same zod schemas the
// route declares; add the array here. test/api/openapi.test.ts fails if a route file under
// app/api/v1 has no operation here, or an operation has no route file.
import type { ApiOperation } from "./operation";
import { fxOperations, metaOperations } from "./paths/fx";
import { merchantOperations } from "./paths/merchants";
import { proofOperations } from "./paths/proofs";
import { requestOperations } from "./paths/requests";
import { webhookOperations } from "./paths/webhooks";

export const operations: ApiOperation[] = [
  ...requestOperations,
  ...proofOperations,
  ...merchantOperations,
  ...webhookOperations,
  ...fxOperations,
  ...metaOperations,
];
