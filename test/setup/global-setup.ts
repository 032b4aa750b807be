// Vitest global setup: one real PostgreSQL database per test run, migrated with our own runner,
// dropped at the end. Workers read its URL through `inject("databaseUrl")` (test/setup/env.ts).
import type { TestProject } from "vitest/node";
import { migrate } from "@/lib/db/migrate";
import { createDatabase, dropDatabase, findPostgres } from "./postgres";

declare module "vitest" {
  export interface ProvidedContext {
    databaseUrl: string;
    adminDatabaseUrl: string;
  }
}

export default async function setup(project: TestProject) {
  const server = await findPostgres();
  const databaseUrl = await createDatabase(server.adminUrl);
  await migrate(databaseUrl);
  project.provide("databaseUrl", databaseUrl);
  project.provide("adminDatabaseUrl", server.adminUrl);
  return async () => {
    await dropDatabase(server.adminUrl, databaseUrl);
    await server.stop();
  };
}
