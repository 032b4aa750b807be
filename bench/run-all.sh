#!/usr/bin/env bash
# `npm run bench` — every benchmark in turn and one combined table (bench/run-all.ts). Benchmarks
# measure against targets but are never part of `npm test`. Args: bench names (default all).
set -uo pipefail
cd "$(dirname "$0")/.."
exec node --import tsx bench/run-all.ts "$@"
