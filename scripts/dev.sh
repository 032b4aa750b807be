#!/usr/bin/env bash
# `npm run dev` — the one command a newcomer runs: installs what is missing, then starts JoPay with
# the embedded database, a local chain, demo data, web and worker (see scripts/dev.ts).
# package.json runs this with `exec`, and this execs node: npm's `sh -c` and this bash are replaced,
# not left in between, so the signals npm passes on (SIGINT, SIGTERM) reach the launcher itself.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "› installing dependencies…"
  # npm install with the committed lock file (npm ci rejects locks made on a partial registry
  # mirror that lacks other platforms' optional binaries).
  npm install --no-audit --no-fund
fi
# npm here runs no dependency install scripts, so generate the Prisma client explicitly.
if [ ! -f lib/generated/prisma/client.ts ] || [ prisma/schema.prisma -nt lib/generated/prisma/client.ts ]; then
  npx prisma generate >/dev/null
fi
exec node --import tsx scripts/dev.ts "$@"
