import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { afterAll, describe, expect, inject, it } from "vitest";
import { createDatabase, dropDatabase } from "@/test/setup/postgres";
import { migrate } from "./migrate";

const admin = inject("adminDatabaseUrl");
const dbs: string[] = [];
afterAll(async () => {
  for (const url of dbs) await dropDatabase(admin, url);
});

function migrationsWith(files: Record<string, string>) {
  const dir = mkdtempSync(join(tmpdir(), "jopay-mig-"));
  for (const [name, sql] of Object.entries(files)) {
    mkdirSync(join(dir, name));
    writeFileSync(join(dir, name, "migration.sql"), sql);
  }
  return dir;
}

describe("migrate", () => {
  it("applies pending migrations in order, records them like Prisma Migrate, and is idempotent", async () => {
    const url = await createDatabase(admin, "jopay_mig");
    dbs.push(url);
    const dir = migrationsWith({
      "2_second": `INSERT INTO t VALUES (2);`,
      "1_first": `CREATE TABLE t (v int);`,
    });
    expect((await migrate(url, dir)).applied).toEqual(["1_first", "2_second"]);
    const again = await migrate(url, dir);
    expect(again).toEqual({ applied: [], alreadyApplied: 2 });
    const c = new pg.Client({ connectionString: url });
    await c.connect();
    const rows = (await c.query(`SELECT migration_name, length(checksum) AS len, finished_at IS NOT NULL AS done FROM "_prisma_migrations" ORDER BY migration_name`)).rows;
    await c.end();
    expect(rows).toEqual([
      { migration_name: "1_first", len: 64, done: true },
      { migration_name: "2_second", len: 64, done: true },
    ]);
  });

  it("rolls back a failing migration completely and reports its name", async () => {
    const url = await createDatabase(admin, "jopay_mig");
    dbs.push(url);
    const dir = migrationsWith({ "1_bad": `CREATE TABLE half (v int); SELECT no_such_function();` });
    await expect(migrate(url, dir)).rejects.toThrow(/migration 1_bad failed/);
    const c = new pg.Client({ connectionString: url });
    await c.connect();
    const exists = (await c.query(`SELECT to_regclass('public.half') AS t`)).rows[0].t;
    await c.end();
    expect(exists).toBeNull();
  });

  it("refuses a migration edited after it was applied", async () => {
    const url = await createDatabase(admin, "jopay_mig");
    dbs.push(url);
    const dir = migrationsWith({ "1_first": `CREATE TABLE t (v int);` });
    await migrate(url, dir);
    writeFileSync(join(dir, "1_first", "migration.sql"), `CREATE TABLE t (v bigint);`);
    await expect(migrate(url, dir)).rejects.toThrow(/modified after it was applied/);
  });

  it("concurrent runners apply each migration once", async () => {
    const url = await createDatabase(admin, "jopay_mig");
    dbs.push(url);
    const dir = migrationsWith({ "1_first": `CREATE TABLE t (v int);` });
    const results = await Promise.all([migrate(url, dir), migrate(url, dir), migrate(url, dir)]);
    expect(results.flatMap((r) => r.applied)).toEqual(["1_first"]);
  });
});
