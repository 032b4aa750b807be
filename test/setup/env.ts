// Runs in every test worker before the test files: points the app's config at this run's database.
import { inject } from "vitest";

process.env.DATABASE_URL = inject("databaseUrl");
process.env.JOPAY_ALLOW_PRIVATE_WEBHOOKS = "1";
process.env.JOPAY_SECRET ??= "test-secret-test-secret-test-secret-0123456789";
process.env.APP_URL ??= "http://localhost:3000";
// Keep test output readable: info lines (every webhook attempt, watcher pass) only when asked.
process.env.LOG_LEVEL ??= "warn";
