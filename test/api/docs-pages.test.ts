// The developer docs render on the server, and the generated pages show what they are generated
// from (the error table, the OpenAPI operations).
import { readdirSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { createElement, type ReactElement, type ReactNode } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { errorTable } from "@/lib/errors";
import { EVENT_TYPES } from "@/lib/events/event-types";
import { en } from "@/lib/i18n/messages/en";
import { openApiDocument } from "@/lib/openapi/document";
import { operations } from "@/lib/api/operations";
import { receiptClaims } from "@/lib/schemas/receipt";

const pages = [
  "page",
  "quickstart/page",
  "authentication/page",
  "requests/page",
  "merchants/page",
  "webhooks/page",
  "matching/page",
  "receipts/page",
  "errors/page",
  "rate-limits/page",
  "integration-patterns/page",
  "sdk/page",
  "reference/page",
];

const DOCS = join(process.cwd(), "app", "(site)", "docs");

/** Every page.tsx under the docs, as "quickstart/page" (the overview is "page"). */
function pageFiles(dir = DOCS): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) return pageFiles(p);
    return name === "page.tsx" ? [relative(DOCS, p).replace(/\.tsx$/, "")] : [];
  });
}
const hrefOf = (page: string) => `/docs${page === "page" ? "" : `/${page.replace(/\/page$/, "")}`}`;

/** Every reason a proof can be rejected with: the pay page's catalogue has a phrase for each but underpaid (lib/i18n/messages/), plus superseded. */
const REJECTION_REASONS = [...Object.keys(en).filter((k) => k.startsWith("reason_")).map((k) => k.slice("reason_".length)), "underpaid", "superseded"];

async function render(name: string): Promise<string> {
  const mod = (await import(/* @vite-ignore */ `@/app/(site)/docs/${name}`)) as { default: () => ReactElement };
  return renderToStaticMarkup(createElement(mod.default));
}

describe("developer docs", () => {
  it.each(pages)("%s renders", async (name) => {
    expect((await render(name)).length).toBeGreaterThan(500);
  });

  it("the errors page lists every code of the table with its fix", async () => {
    const html = await render("errors/page");
    for (const [code, e] of Object.entries(errorTable)) {
      expect(html).toContain(`>${code}<`);
      expect(html).toContain(e.fix.replaceAll("&", "&amp;").replaceAll("`", "`").replaceAll("'", "&#x27;").replaceAll('"', "&quot;").replaceAll("<", "&lt;").replaceAll(">", "&gt;"));
    }
  });

  it("the reference lists every operation and every webhook of the OpenAPI document", async () => {
    const html = await render("reference/page");
    for (const op of operations) expect(html).toContain(`id="${op.operationId}"`);
    const webhooks = (openApiDocument() as { webhooks: Record<string, { post: { operationId: string } }> }).webhooks;
    expect(Object.keys(webhooks).sort()).toEqual([...EVENT_TYPES].sort());
    for (const [type, { post }] of Object.entries(webhooks)) {
      expect(html, type).toContain(`id="${post.operationId}"`);
      expect(html, type).toContain(`>${type}<`);
    }
  });

  it("the list above is every docs page, and the sidebar links to each one", async () => {
    expect(pageFiles().sort()).toEqual([...pages].sort());
    const { default: Layout } = (await import("@/app/(site)/docs/layout")) as { default: (p: { children?: ReactNode }) => ReactElement };
    const nav = renderToStaticMarkup(createElement(Layout, null, null));
    const linked = [...nav.matchAll(/href="([^"]+)"/g)].map((m) => m[1]);
    expect(linked.sort()).toEqual(pages.map(hrefOf).sort());
  });

  it("every link between docs pages points at a page, and every #anchor at an id on it", async () => {
    const html = Object.fromEntries(await Promise.all(pages.map(async (p) => [hrefOf(p), await render(p)] as const)));
    const broken: string[] = [];
    let checked = 0;
    for (const [from, body] of Object.entries(html)) {
      for (const [, href] of body.matchAll(/href="((?:\/docs[^"#]*)?(?:#[^"]*)?)"/g)) {
        if (!href) continue;
        checked++;
        const [path, anchor] = href.split("#");
        const target = html[path || from];
        if (target === undefined || (anchor && !target.includes(`id="${anchor}"`))) broken.push(`${from} → ${href}`);
      }
    }
    expect(broken).toEqual([]);
    expect(checked).toBeGreaterThan(15);
  });

  it("the webhooks page lists every event type and explains every rejection reason", async () => {
    const html = await render("webhooks/page");
    for (const type of EVENT_TYPES) expect(html, type).toContain(`>${type}<`);
    for (const reason of REJECTION_REASONS) expect(html, reason).toContain(`>${reason}<`);
    expect(html).toContain('id="reversed"');
  });

  it("the requests page documents the proof object, rejected proofs and finalized_at", async () => {
    const html = await render("requests/page");
    expect(html).toContain('id="proof"');
    expect(html).toContain(">finalized_at<");
    expect(html).toContain('&quot;status&quot;: &quot;rejected&quot;');
    for (const reason of REJECTION_REASONS) expect(html, reason).toContain(reason);
    expect(html).toContain("0 to 9,999 micro-units");
  });

  it("the receipts page explains every claim a receipt carries, and how to verify one with jose", async () => {
    const html = await render("receipts/page");
    for (const claim of Object.keys(receiptClaims.shape)) expect(html, claim).toContain(`>${claim}<`);
    for (const text of ["compactVerify", "createRemoteJWKSet", "importJWK", "/api/v1/receipts/jwks.json", "reversed", 'id="status"']) expect(html, text).toContain(text);
  });

  it("the matching page states the attribution, finality and give-up rules", async () => {
    const html = await render("matching/page");
    for (const text of [
      "AuthorizationUsed",
      "TransferWithAuthorization",
      "matches_other_request",
      "self_transfer",
      "underpaid",
      "overpaid_usdc_micro",
      "not_found",
      "payment.reversed",
      "finalized_at",
      "10,000 open requests of one price per wallet",
      "1 hour",
      "too_many_proofs",
      "late: true",
    ]) {
      expect(html, text).toContain(text);
    }
  });
});
