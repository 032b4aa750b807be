// Every /api/v1 operation (lib/api/operations/operation.ts says what each entry drives). A
// resource's operations live in lib/api/operations/<resource>.ts; add its table here.
// test/api/openapi.test.ts fails if a route file under app/api/v1 serves a method that is not
// declared with its operation here, or an operation has no route.
import type { ApiOperation } from "./operation";
import { fxOperations, metaOperations } from "./fx";
import { merchantOperations } from "./merchants";
import { proofOperations } from "./proofs";
import { receiptOperations } from "./receipts";
import { refundOperations } from "./refunds";
import { requestOperations } from "./requests";
import { webhookOperations } from "./webhooks";

export const operations: ApiOperation[] = [
  requestOperations,
  proofOperations,
  refundOperations,
  merchantOperations,
  webhookOperations,
  fxOperations,
  receiptOperations,
  metaOperations,
].flatMap((table) => Object.values(table));
