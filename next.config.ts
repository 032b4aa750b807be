import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // The worker loops, pg and the Prisma client run in Node; keep them out of the bundler.
  serverExternalPackages: ["pg", "@prisma/adapter-pg", "@electric-sql/pglite", "@node-rs/argon2", "ioredis"],
  poweredByHeader: false,
  // NEXT_DIST_DIR lets parallel builds (several engineers, CI experiments) not clobber each other.
  distDir: process.env.NEXT_DIST_DIR ?? ".next",
  typedRoutes: false,
};

export default nextConfig;
