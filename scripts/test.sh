#!/usr/bin/env bash
# `npm test` — lint, typecheck, unit + integration (Vitest, real PostgreSQL and anvil), e2e
# (Playwright in Debian Chromium against `next start`). See README "Tests".
set -euo pipefail
cd "$(dirname "$0")/.."
step() { printf '\n\033[1m› %s\033[0m\n' "$*"; }
start=$(date +%s)
step "prisma generate"; npx prisma generate >/dev/null
step "lint"; npm run --silent lint
step "typecheck"; npm run --silent typecheck
step "unit + integration (vitest)"; npx vitest run
step "end-to-end (playwright)"; npm run --silent test:e2e
printf '\nall suites passed in %ss\n' $(( $(date +%s) - start ))
