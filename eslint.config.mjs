import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

// The import rule of ARCHITECTURE.md: domain code (lib/** outside the adapters) depends on neither
// the HTTP layer, Next, the UI nor the worker; no lib file imports the UI, pages or the worker.
const ADAPTERS = ["lib/api/**", "lib/openapi/**", "lib/auth/session/**", "lib/console/**"];
const NOT_FROM_LIB = [
  { group: ["@/components/*", "@/app/*", "@/pages/*", "@/worker/*", "**/components/*", "**/app/*", "**/worker/*"], message: "lib/ never imports the UI, pages or the worker (ARCHITECTURE.md)." },
];
const NOT_FROM_DOMAIN = [
  ...NOT_FROM_LIB,
  { group: ["next", "next/*", "next-auth", "next-auth/*"], message: "Domain code does not depend on Next: read the request in an adapter (lib/api, lib/auth/session, lib/console) and pass values in (ARCHITECTURE.md)." },
  { group: ["@/lib/api/*", "@/lib/api", "@/lib/openapi/*", "**/lib/api/*"], message: "Domain code does not import the HTTP layer: errors are in lib/errors.ts, tenancy in lib/tenancy.ts, rate limits in lib/rate-limit/ (ARCHITECTURE.md)." },
];

const config = [
  ...nextVitals,
  ...nextTs,
  {
    ignores: ["node_modules/**", "public/assets/**", ".next/**", ".next-*/**", ".data/**", ".cache/**", "lib/generated/**", "next-env.d.ts", "test-results/**", "playwright-report/**", "bench/results/**", "packages/*/dist/**"],
  },
  {
    files: ["lib/**/*.{ts,tsx}"],
    ignores: [...ADAPTERS, "lib/**/*.test.ts"],
    rules: { "no-restricted-imports": ["error", { patterns: NOT_FROM_DOMAIN }] },
  },
  {
    files: ADAPTERS,
    ignores: ["lib/**/*.test.ts"],
    rules: { "no-restricted-imports": ["error", { patterns: NOT_FROM_LIB }] },
  },
  {
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
    },
  },
];

export default config;
