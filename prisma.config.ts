// Prisma CLI config. We only use `prisma generate` (the client needs no engine with the pg
// adapter). `generate` insists on a schema-engine path even though it never runs it, and the CLI
// cannot download one here (SPEC §2), so point it at any existing file.
import { defineConfig } from "prisma/config";

process.env.PRISMA_SCHEMA_ENGINE_BINARY ??= process.execPath;

export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  datasource: { url: process.env.DATABASE_URL ?? "postgresql://localhost:5432/unused" },
});
