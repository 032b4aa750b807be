import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: { alias: { "@": fileURLToPath(new URL(".", import.meta.url)) } },
  test: {
    include: ["lib/**/*.test.ts", "scripts/**/*.test.ts", "server/**/*.test.ts", "test/**/*.test.ts", "worker/**/*.test.ts"],
    globalSetup: ["test/setup/global-setup.ts"],
    setupFiles: ["test/setup/env.ts"],
    pool: "forks",
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // 2 cores: two files at a time keeps chain/DB-heavy suites from starving each other.
    maxWorkers: 2,
    // next-auth's ESM imports "next/server" without an extension (Next has no exports map), which
    // Node's own resolver refuses; inlined, Vite resolves it as Next's bundler does.
    server: { deps: { inline: ["next-auth"] } },
  },
});
