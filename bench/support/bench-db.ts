// What the in-process benchmarks share: a throwaway, migrated PostgreSQL database with the
// environment pointed at it (before any app module reads config()), and percentiles.
import { migrate } from "../../lib/db/migrate";
import { createDatabase, dropDatabase, findPostgres } from "../../test/setup/postgres";
import { percentile } from "./load";

export async function openBenchDatabase(env: Record<string, string> = {}) {
  const pg = await findPostgres();
  const databaseUrl = await createDatabase(pg.adminUrl, "jopay_bench");
  await migrate(databaseUrl);
  Object.assign(process.env, { DATABASE_URL: databaseUrl, LOG_LEVEL: "warn", ...env });
  return {
    databaseUrl,
    async close() {
      await dropDatabase(pg.adminUrl, databaseUrl);
      await pg.stop();
    },
  };
}

/** Percentile of unsorted samples. */
export const pct = (xs: number[], p: number) => percentile([...xs].sort((a, b) => a - b), p);
