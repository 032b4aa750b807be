// The test-database provisioning itself: the throwaway-cluster fallback works, and the guard
// against non-local databases holds.
import pg from "pg";
import { describe, expect, it } from "vitest";
import { migrate } from "@/lib/db/migrate";
import { assertLocal, createDatabase, dropDatabase, startThrowawayCluster } from "./postgres";

describe("test PostgreSQL provisioning", () => {
  it("a throwaway initdb cluster starts, takes a migrated database, and stops", async () => {
    const server = await startThrowawayCluster();
    try {
      const url = await createDatabase(server.adminUrl, "jopay_throwaway");
      await migrate(url);
      const c = new pg.Client({ connectionString: url });
      await c.connect();
      const { rows } = await c.query(`SELECT count(*)::int AS n FROM "_prisma_migrations"`);
      await c.end();
      expect(rows[0].n).toBeGreaterThan(0);
      await dropDatabase(server.adminUrl, url);
    } finally {
      await server.stop();
    }
  });

  it.each(["postgresql://u@db.example.com/x", "postgresql://u@10.0.0.5/x"])("refuses the non-local database %s", (url) => {
    expect(() => assertLocal(url)).toThrow(/non-local/);
  });

  it.each(["postgresql://u@127.0.0.1:5432/x", "postgresql://u@localhost/x"])("accepts the local database %s", (url) => {
    expect(() => assertLocal(url)).not.toThrow();
  });
});
