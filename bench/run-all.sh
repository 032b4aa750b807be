#!/usr/bin/env bash
# `npm run bench` — every benchmark in turn (each writes bench/results/<name>.json). Benchmarks
# measure against targets but are never part of `npm test`. Run on an otherwise idle machine.
set -uo pipefail
cd "$(dirname "$0")/.."
failed=()
for b in api verify webhooks paypage; do
  printf '\n\033[1m› bench:%s\033[0m\n' "$b"
  npm run --silent "bench:$b" || failed+=("$b")
done
if [ ${#failed[@]} -gt 0 ]; then
  printf '\nmissed a target or failed: %s (see bench/results/)\n' "${failed[*]}"
  exit 1
fi
printf '\nall benchmarks met their targets\n'
