// Runs in every test worker before the test files: points the app's config at this run's database.
import { inject } from "vitest";

process.env.DATABASE_URL = inject("databaseUrl");
process.env.JOPAY_ALLOW_PRIVATE_WEBHOOKS = "1";
process.env.JOPAY_SECRET ??= "test-secret-test-secret-test-secret-0123456789";
process.env.APP_URL ??= "http://localhost:3000";
// Tests stand behind one simulated proxy: call() stamps the peer 127.0.0.1 as our server does
// (the proxy), and a test that needs its own per-IP budget sends its own X-Forwarded-For address. Failed-auth answers are limited as
// generously as the partners' keys are (test/api/helpers.ts). test/api/rate-limits.test.ts runs
// with both at their defaults.
process.env.TRUSTED_PROXY_HOPS ??= "1";
process.env.API_AUTH_FAILURES_PER_MINUTE ??= "100000";
// Keep test output readable: info lines (every webhook attempt, watcher pass) only when asked.
process.env.LOG_LEVEL ??= "warn";
