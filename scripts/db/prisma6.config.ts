// Config for the pinned prisma@6 dev tool (`prisma6`), used only for `migrate diff` (SPEC §2:
// prisma 7's migrate needs a native engine we cannot download; prisma 6's WebAssembly schema
// engine, driven through the pg adapter, works).
import { defineConfig } from "prisma6/config";
import { PrismaPg } from "adapter-pg6";

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: "../../.cache/schema6/schema.prisma",
  adapter: async () =>
    new PrismaPg({ connectionString: process.env.DIFF_DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres" }),
} as never);
