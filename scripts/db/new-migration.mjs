#!/usr/bin/env node
// npm run db:new-migration -- <name>
// Authors the next migration with a schema-to-schema diff (pinned prisma@6, SPEC §2): from the
// datamodel snapshot stored beside the latest migration to the current prisma/schema.prisma.
// prisma 6 opens a connection even for this diff (it changes nothing): DIFF_DATABASE_URL, default
// the local PostgreSQL. Writes prisma/migrations/<timestamp>_<name>/{migration.sql,datamodel.prisma}.
import { copyFileSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { prisma6, prisma6Schema } from "./prisma6.mjs";

const name = process.argv[2];
if (!name || !/^[a-z0-9_]+$/.test(name)) {
  console.error("usage: npm run db:new-migration -- <snake_case_name>");
  process.exit(2);
}
const dir = "prisma/migrations";
const all = readdirSync(dir, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name).sort();
const latest = all.at(-1);
const to = prisma6Schema();
let fromArgs = ["--from-empty"];
if (latest) {
  // prisma 6 needs the url line in the "from" snapshot too.
  const snap = readFileSync(join(dir, latest, "datamodel.prisma"), "utf8").replace(
    /datasource db \{\n  provider = "postgresql"\n\}/,
    'datasource db {\n  provider = "postgresql"\n  url      = env("DIFF_DATABASE_URL")\n}',
  );
  const fromFile = ".cache/schema6/from.prisma";
  writeFileSync(fromFile, snap);
  fromArgs = ["--from-schema-datamodel", fromFile];
}
const res = prisma6(["migrate", "diff", ...fromArgs, "--to-schema-datamodel", to, "--script"], process.env.DIFF_DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres");
if (res.status !== 0) {
  console.error(res.stderr);
  process.exit(1);
}
if (/^-- This is an empty migration\.?\s*$/m.test(res.stdout) || res.stdout.trim() === "") {
  console.log("schema.prisma matches the latest migration: nothing to write");
  process.exit(0);
}
const stamp = new Date().toISOString().replace(/\D/g, "").slice(0, 14);
const out = join(dir, `${stamp}_${name}`);
mkdirSync(out, { recursive: true });
writeFileSync(join(out, "migration.sql"), res.stdout);
copyFileSync("prisma/schema.prisma", join(out, "datamodel.prisma"));
console.log(`wrote ${out}/migration.sql`);
