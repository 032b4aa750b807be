// The developer docs render on the server, and the generated pages show what they are generated
// from (the error table, the OpenAPI operations).
import { createElement, type ReactElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { errorTable } from "@/lib/api/errors";
import { operations } from "@/lib/openapi/paths";

const pages = ["page", "quickstart/page", "authentication/page", "requests/page", "merchants/page", "errors/page", "rate-limits/page", "integration-patterns/page", "reference/page"];

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

  it("the reference lists every operation of the OpenAPI document", async () => {
    const html = await render("reference/page");
    for (const op of operations) expect(html).toContain(`id="${op.operationId}"`);
  });
});
