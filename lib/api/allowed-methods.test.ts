import { describe, expect, it } from "vitest";
import { allowedMethods, isMethodNotAllowed } from "./allowed-methods";

describe("allowed methods from the OpenAPI operations", () => {
  it.each([
    ["/api/v1/requests/create", ["POST"]],
    ["/api/v1/requests", ["GET"]],
    ["/api/v1/requests/0191a3b0-0000-7000-8000-000000000000/cancel", ["POST"]],
    ["/api/v1/webhook_endpoints/abc", ["GET", "PATCH", "DELETE"]],
  ])("%s accepts %j", (path, methods) => {
    expect(allowedMethods(path)?.sort()).toEqual([...methods].sort());
  });

  it("an unknown path is not a 405 (it is the catch-all's 404)", () => {
    expect(allowedMethods("/api/v1/nothing/here")).toBeNull();
    expect(isMethodNotAllowed("DELETE", "/api/v1/nothing/here")).toBeNull();
  });

  it("a wrong method on a known path is a 405 naming the allowed ones", () => {
    expect(isMethodNotAllowed("DELETE", "/api/v1/requests/create")).toEqual(["POST"]);
    expect(isMethodNotAllowed("POST", "/api/v1/requests/create")).toBeNull();
    expect(isMethodNotAllowed("HEAD", "/api/v1/requests/create")).toBeNull();
  });
});
