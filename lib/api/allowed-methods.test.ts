import { describe, expect, it } from "vitest";
import { allowedMethods, allowOptions, isOperation, methodNotAllowed } from "./allowed-methods";

describe("allowed methods from the OpenAPI operations", () => {
  it.each([
    ["/api/v1/requests/create", ["POST"]],
    ["/api/v1/requests", ["GET"]],
    ["/api/v1/requests/0191a3b0-0000-7000-8000-000000000000/cancel", ["POST"]],
    ["/api/v1/webhook_endpoints/abc", ["GET", "PATCH", "DELETE"]],
  ])("%s accepts %j", (path, methods) => {
    expect(allowedMethods(path)?.sort()).toEqual([...methods].sort());
  });

  it("an unknown path has no allowed methods (it is the catch-all's 404)", () => {
    expect(allowedMethods("/api/v1/nothing/here")).toBeNull();
  });

  it("the 405 handler names the path's methods and is not an operation", async () => {
    const res = await methodNotAllowed(new Request("http://x/api/v1/webhook_endpoints/abc", { method: "PUT" }));
    expect(res.status).toBe(405);
    expect(res.headers.get("allow")?.split(", ").sort()).toEqual(["DELETE", "GET", "PATCH"]);
    expect(res.headers.get("x-request-id")).toBeTruthy();
    expect(await res.json()).toMatchObject({ ok: false, error: "method_not_allowed" });
    expect(isOperation(methodNotAllowed)).toBe(false);
    expect(isOperation(async () => new Response())).toBe(true);
    expect(isOperation(undefined)).toBe(false);
  });

  it("OPTIONS names only the methods the path serves", async () => {
    const get = await allowOptions(new Request("http://x/api/v1/requests", { method: "OPTIONS" }));
    expect(get.status).toBe(204);
    expect(get.headers.get("allow")).toBe("GET, HEAD, OPTIONS");
    const post = await allowOptions(new Request("http://x/api/v1/requests/create", { method: "OPTIONS" }));
    expect(post.headers.get("allow")).toBe("POST, OPTIONS");
  });
});
