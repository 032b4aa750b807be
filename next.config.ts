import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // The worker loops, pg and the Prisma client run in Node; keep them out of the bundler. prom-client
  // too: one copy per process, whichever bundle (a route, instrumentation.ts) records a metric.
  serverExternalPackages: ["pg", "@prisma/adapter-pg", "@electric-sql/pglite", "@node-rs/argon2", "ioredis", "prom-client", "pino"],
  poweredByHeader: false,
  // NEXT_DIST_DIR lets parallel builds (several engineers, CI experiments) not clobber each other.
  distDir: process.env.NEXT_DIST_DIR ?? ".next",
  typedRoutes: false,
  // The pay page's bundle (scripts/build-pay-client.ts) has content-hashed file names: a changed
  // file is a new URL, so browsers may keep each one for good. (Only those: not the manifest.)
  async headers() {
    return [
      {
        source: "/assets/pay/:file((?:pay|chunk)-[A-Za-z0-9]+\\.js)",
        headers: [{ key: "Cache-Control", value: "public, max-age=31536000, immutable" }],
      },
    ];
  },
};

export default nextConfig;
