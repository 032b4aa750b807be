// Configuration: read from the environment once, validated by zod at boot. A mistake stops the
// process with a message naming the variable — never a half-configured payment system.
import { z } from "zod";
import { parseSigningKeys, SigningKeyError } from "@/lib/receipts/signing-key-entries";
import { ADDRESS_RE } from "@/lib/schemas/hex";

const bool = z
  .enum(["1", "0", "true", "false", "yes", "no", ""])
  .optional()
  .transform((v) => v === "1" || v === "true" || v === "yes");

const optionalUrl = (protocols: string[]) =>
  z
    .string()
    .optional()
    .transform((v) => (v === "" ? undefined : v))
    .refine((v) => v === undefined || protocols.some((p) => v.startsWith(p)), {
      message: `must start with ${protocols.join(" or ")}`,
    });

const address = z
  .string()
  .regex(ADDRESS_RE, "must be an EVM address: 0x followed by 40 hex characters")
  .transform((v) => v.toLowerCase());

const positiveInt = (fallback: number) =>
  z.coerce.number().int().positive().optional().default(fallback);

/** Every variable JoPay reads. README "Configuration" documents the same list. */
const envSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).optional().default("development"),
  DATABASE_URL: optionalUrl(["postgres://", "postgresql://"]),
  DATABASE_POOL_SIZE: positiveInt(10),
  REDIS_URL: optionalUrl(["redis://", "rediss://"]),
  /** Proxies in front of the app that each append to X-Forwarded-For (lib/rate-limit/client-ip.ts); 0: none believed. */
  TRUSTED_PROXY_HOPS: z.coerce.number().int().min(0).optional().default(0),
  /** Requests per minute per client address on /api/v1 with a missing or bad API key. */
  API_AUTH_FAILURES_PER_MINUTE: positiveInt(30),
  APP_URL: z.url().optional().default("http://localhost:3000"),
  JOPAY_BASE_DOMAIN: z.string().min(1).optional().default("localhost"),
  JOPAY_SECRET: z.string().min(32, "must be at least 32 characters (e.g. `openssl rand -base64 48`)").optional(),
  LIVE_CHAIN_ID: positiveInt(8453),
  LIVE_RPC_URL: z.url().optional().default("https://mainnet.base.org"),
  LIVE_USDC_ADDRESS: address.optional().default("0x833589fcd6edb6e08f4c7c32d4f71b54bda02913"),
  LIVE_CONFIRMATIONS: z.coerce.number().int().min(1).optional(),
  LIVE_FINALITY_DEPTH: z.coerce.number().int().min(1).optional(),
  LIVE_REORG_WINDOW: z.coerce.number().int().min(0).optional(),
  TEST_CHAIN_ID: positiveInt(84532),
  TEST_RPC_URL: z.url().optional().default("https://sepolia.base.org"),
  TEST_USDC_ADDRESS: address.optional().default("0x036cbd53842c5426634e7929541ec2318f3dcf7e"),
  TEST_CONFIRMATIONS: z.coerce.number().int().min(1).optional(),
  TEST_FINALITY_DEPTH: z.coerce.number().int().min(1).optional(),
  TEST_REORG_WINDOW: z.coerce.number().int().min(0).optional(),
  FX_SOURCE: z.enum(["static", "ecb"]).optional().default("static"),
  FX_STATIC_RATES: z
    .string()
    .optional()
    .default("USD=1,EUR=1.10,GBP=1.27,JPY=0.0067,INR=0.012,BRL=0.18,MXN=0.058,COP=0.00025,KES=0.0077,NGN=0.00065,KWD=3.25,CHF=1.13")
    .refine((v) => v.split(",").every((p) => /^[A-Z]{3}=\d+(\.\d+)?$/.test(p.trim())), {
      message: "must be CODE=rate pairs, e.g. EUR=1.10,GBP=1.27 (rate = USD per 1 unit)",
    }),
  FX_MAX_AGE_MINUTES: positiveInt(24 * 60),
  JOPAY_ALLOW_PRIVATE_WEBHOOKS: bool,
  JOPAY_SINGLE_PROCESS: bool,
  WORKER_POLL_MS: positiveInt(500),
  /**
   * /api/health/ready refuses once no worker has reported for this long; a worker's loops report
   * after a pass every quarter of it (worker/run-loops.ts), so one slow pass does not flip readiness.
   */
  WORKER_HEARTBEAT_MAX_AGE_SECONDS: positiveInt(60),
  /** Bearer token for /api/metrics and the worker's metrics port; unset: no metrics are served. */
  METRICS_TOKEN: z
    .string()
    .optional()
    .transform((v) => (v === "" ? undefined : v))
    .refine((v) => v === undefined || v.length >= 32, { message: "must be at least 32 characters (e.g. `openssl rand -hex 32`)" }),
  /** Port on which `npm run worker` serves its own metrics (its webhook counters); unset: none. */
  WORKER_METRICS_PORT: z.preprocess((v) => (v === "" ? undefined : v), z.coerce.number().int().min(1).max(65535).optional()),
  SMTP_URL: optionalUrl(["smtp://", "smtps://"]),
  /** From address of JoPay's emails (disabled-endpoint notices, invites); only used with SMTP_URL. */
  JOPAY_EMAIL_FROM: z.string().trim().min(3).optional().default("JoPay <no-reply@localhost>"),
  /**
   * Ed25519 keys that sign payment receipts (lib/receipts/signing-key-entries.ts): `kid:key`
   * entries, the first signs, all are published. Unset outside production: one derived from the app secret.
   */
  RECEIPT_SIGNING_KEYS: z
    .string()
    .optional()
    .transform((v) => (v?.trim() === "" ? undefined : v))
    .superRefine((v, ctx) => {
      if (v === undefined) return;
      try {
        parseSigningKeys(v);
      } catch (err) {
        if (!(err instanceof SigningKeyError)) throw err;
        ctx.addIssue({ code: "custom", message: err.message });
      }
    }),
  WALLETCONNECT_PROJECT_ID: z.string().optional(),
  LOG_LEVEL: z.enum(["debug", "info", "warn", "error"]).optional().default("info"),
});

export type Env = z.infer<typeof envSchema>;

export class ConfigError extends Error {}

/** Parses an environment; throws ConfigError naming every bad variable. */
export function parseEnv(source: Record<string, string | undefined>): Env {
  const result = envSchema.safeParse(source);
  if (!result.success) {
    const lines = result.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    throw new ConfigError(`Invalid JoPay configuration:\n${lines.join("\n")}`);
  }
  const env = result.data;
  // `next build` runs in production mode but serves no one; the secret is required at run time.
  const building = source.NEXT_PHASE === "phase-production-build";
  if (env.NODE_ENV === "production" && !env.JOPAY_SECRET && !building) {
    throw new ConfigError("Invalid JoPay configuration:\n  JOPAY_SECRET: required in production");
  }
  // A receipt must verify for years: its key is not derived from JOPAY_SECRET in production, whose
  // rotation would otherwise silently orphan every receipt signed before it.
  if (env.NODE_ENV === "production" && !env.RECEIPT_SIGNING_KEYS && !building) {
    throw new ConfigError(
      "Invalid JoPay configuration:\n  RECEIPT_SIGNING_KEYS: required in production (kid:key, key = `openssl genpkey -algorithm ed25519 -outform DER | base64 -w0`)",
    );
  }
  if (env.WORKER_METRICS_PORT !== undefined && !env.METRICS_TOKEN) {
    throw new ConfigError("Invalid JoPay configuration:\n  WORKER_METRICS_PORT: needs METRICS_TOKEN (the port serves metrics only to that bearer token)");
  }
  return env;
}

let cached: Env | undefined;

/** The process's configuration, parsed on first use. */
export function config(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}

/** For tests that change process.env between cases. */
export function resetConfigForTests() {
  cached = undefined;
}
