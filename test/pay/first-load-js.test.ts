// The first-load measurement (bench:paypage, e2e) follows static imports and must not follow
// import(): the wallet chunks behind import() are exactly what the first load must not count.
import { describe, expect, it } from "vitest";
import { scriptSrcs, staticImports } from "./support/first-load-js";

describe("staticImports", () => {
  it("finds esbuild's minified static imports and re-exports, not dynamic import()", () => {
    const code = 'import{a as b,c as d}from"./chunk-AAA.js";import"./chunk-BBB.js";export{x}from"./chunk-CCC.js";import * as ns from "./chunk-DDD.js";const w=()=>import("./chunk-WALLET.js");';
    expect(staticImports(code)).toEqual(["./chunk-AAA.js", "./chunk-BBB.js", "./chunk-CCC.js", "./chunk-DDD.js"]);
  });
});

describe("scriptSrcs", () => {
  it("takes script src and modulepreload links, skipping nomodule scripts and inert JSON", () => {
    const html =
      '<link rel="modulepreload" href="/assets/pay/chunk-1.js"/><script id="pay-props" type="application/json">{}</script>' +
      '<script type="module" src="/assets/pay/pay-1.js"></script><script nomodule src="/legacy.js"></script>';
    expect(scriptSrcs(html, "http://localhost/pay/x")).toEqual(["http://localhost/assets/pay/pay-1.js", "http://localhost/assets/pay/chunk-1.js"]);
  });
});
