// A console or merchant form whose action meets a database that is away for a moment says so and
// asks for a retry, instead of "Something went wrong" — decided by the same classification as the
// API's 503 (lib/db/transient-error.ts), here with a real refused connection.
import pg from "pg";
import { describe, expect, it } from "vitest";
import { failure, TEMPORARY_PROBLEM } from "@/lib/console/form-state";

describe("console form failures", () => {
  it("a database that cannot be reached is a temporary problem; a bug is not", async () => {
    const refused = new pg.Pool({ connectionString: "postgresql://postgres@127.0.0.1:1/postgres" });
    const err = await refused.query("SELECT 1").catch((e: unknown) => e);
    await refused.end();
    expect(failure(err)).toEqual({ ok: false, error: TEMPORARY_PROBLEM });
    expect(failure(new TypeError("x is undefined"))).toEqual({ ok: false, error: "Something went wrong. Please try again." });
  });
});
