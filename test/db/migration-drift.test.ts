// Fails when prisma/migrations and prisma/schema.prisma drift apart: the database our runner
// builds from the migrations must equal the one Prisma would build from the schema alone.
import { afterAll, describe, expect, it } from "vitest";
import { inject } from "vitest";
import { migrate } from "@/lib/db/migrate";
// @ts-expect-error — plain ESM helper without type declarations
import { prisma6, prisma6Schema } from "@/scripts/db/prisma6.mjs";
import { createDatabase, dropDatabase } from "../setup/postgres";
import { catalogSnapshot, execSql } from "./catalog";

const admin = inject("adminDatabaseUrl");
const created: string[] = [];
async function freshDb() {
  const url = await createDatabase(admin, "jopay_drift");
  created.push(url);
  return url;
}
afterAll(async () => {
  for (const url of created) await dropDatabase(admin, url);
});

function schemaSql(): string {
  const res = prisma6(["migrate", "diff", "--from-empty", "--to-schema-datamodel", prisma6Schema(), "--script"], admin);
  if (res.status !== 0) throw new Error(`prisma diff failed: ${res.stderr}`);
  return res.stdout;
}

describe("migrations vs schema.prisma", () => {
  it("the migrated database equals the database built from schema.prisma", async () => {
    const [fromMigrations, fromSchema] = [await freshDb(), await freshDb()];
    await migrate(fromMigrations);
    await execSql(fromSchema, schemaSql());
    expect(await catalogSnapshot(fromMigrations)).toEqual(await catalogSnapshot(fromSchema));
  });

  it("the comparison notices a difference (so the check above can fail)", async () => {
    const [a, b] = [await freshDb(), await freshDb()];
    await migrate(a);
    await migrate(b);
    await execSql(b, `ALTER TABLE "merchants" ADD COLUMN "drifted" TEXT`);
    expect(await catalogSnapshot(a)).not.toEqual(await catalogSnapshot(b));
  });
});
