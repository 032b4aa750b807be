// Runs the pinned prisma@6 CLI (dev-only) for `migrate diff`. Prisma 7 will not accept a `url`
// in schema.prisma and prisma 6 requires one, so we hand prisma 6 a copy with the url added.
// The engine variables point at an existing file because prisma 6 checks for engines it never
// loads when the JS schema engine is configured (SPEC §2: nothing can be downloaded here).
import { spawnSync } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..");

export function prisma6Schema() {
  const schema = readFileSync(join(root, "prisma/schema.prisma"), "utf8");
  const patched = schema.replace(
    /datasource db \{\n  provider = "postgresql"\n\}/,
    'datasource db {\n  provider = "postgresql"\n  url      = env("DIFF_DATABASE_URL")\n}',
  );
  if (patched === schema) throw new Error("prisma/schema.prisma: datasource block not in the expected form");
  const out = join(root, ".cache/schema6/schema.prisma");
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, patched);
  return out;
}

/** Runs `prisma6 <args>`; returns { status, stdout, stderr }. */
export function prisma6(args, databaseUrl) {
  const res = spawnSync(
    process.execPath,
    [join(root, "node_modules/prisma6/build/index.js"), ...args, "--config", join(root, "scripts/db/prisma6.config.ts")],
    {
      cwd: root,
      encoding: "utf8",
      env: {
        ...process.env,
        DIFF_DATABASE_URL: databaseUrl,
        PRISMA_QUERY_ENGINE_LIBRARY: process.execPath,
        PRISMA_SCHEMA_ENGINE_BINARY: process.execPath,
        PRISMA_ENGINES_CHECKSUM_IGNORE_MISSING: "1",
        PRISMA_HIDE_UPDATE_MESSAGE: "1",
      },
    },
  );
  return { status: res.status ?? 1, stdout: res.stdout, stderr: res.stderr };
}
