// ARCHITECTURE.md's import rule is the lint step's, not a convention: a domain file that reaches
// for Next, the HTTP layer, the UI or the worker fails `npm run lint`, an adapter may use Next but
// not the UI or the worker, and the tree as it stands passes.
import { ESLint } from "eslint";
import { describe, expect, it } from "vitest";

const eslint = new ESLint({ cwd: process.cwd() });

const PROBE = `
import { headers } from "next/headers";
import NextAuth from "next-auth";
import { withPublic } from "@/lib/api/with-public";
import { document } from "@/lib/openapi/document";
import { PayView } from "@/components/pay/pay-view";
import { startLoops } from "@/worker/run-loops";
import { phaseOf } from "../../components/pay/phase";
import { db } from "@/lib/db";
import { ApiError } from "@/lib/errors";
export const used = [headers, NextAuth, withPublic, document, PayView, startLoops, phaseOf, db, ApiError];
`;

async function refusedImports(filePath: string): Promise<string[]> {
  const [result] = await eslint.lintText(PROBE, { filePath });
  return result.messages.filter((m) => m.ruleId === "no-restricted-imports").map((m) => PROBE.split("\n")[m.line - 1].match(/from "([^"]+)"/)![1]);
}

describe("import boundaries (eslint no-restricted-imports)", () => {
  it("a domain file may import the database and the error table, nothing from Next, the HTTP layer, the UI or the worker", async () => {
    for (const file of ["lib/payments/probe.ts", "lib/refunds/probe.ts", "lib/pay-page/probe.ts", "lib/auth/merchant/probe.ts"]) {
      expect(await refusedImports(file)).toEqual(["next/headers", "next-auth", "@/lib/api/with-public", "@/lib/openapi/document", "@/components/pay/pay-view", "@/worker/run-loops", "../../components/pay/phase"]);
    }
  });

  it("an adapter may use Next and the HTTP layer but not the UI or the worker", async () => {
    for (const file of ["lib/api/probe.ts", "lib/auth/session/probe.ts", "lib/console/probe.ts"]) {
      expect(await refusedImports(file)).toEqual(["@/components/pay/pay-view", "@/worker/run-loops", "../../components/pay/phase"]);
    }
  });

  it("no file under lib/ breaks the rule today", async () => {
    const results = await eslint.lintFiles(["lib"]);
    const broken = results.flatMap((r) => r.messages.filter((m) => m.ruleId === "no-restricted-imports").map((m) => `${r.filePath}:${m.line} ${m.message}`));
    expect(broken).toEqual([]);
  });
});
