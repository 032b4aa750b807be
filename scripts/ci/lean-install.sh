#!/usr/bin/env bash
# The lean production install (issue 17): the repository's files plus the build artefacts
# (`npm run build`: .next/, public/assets/pay/, lib/generated/) and `npm install --omit=dev` must be
# enough for `npm run jopay -- migrate`, `npm start` and `npm run worker`. Run by .ci/run after the
# suite (which builds); checks each against a fresh PostgreSQL database, then cleans up.
set -euo pipefail
cd "$(dirname "$0")/../.."
step() { printf '\n\033[1m› lean install: %s\033[0m\n' "$*"; }

if ! pg_isready -q -h 127.0.0.1 -p 5432 2>/dev/null; then
  echo "› lean install: no PostgreSQL on 127.0.0.1:5432 — not checked"; exit 0
fi
for artefact in .next/BUILD_ID public/assets/pay lib/generated/prisma/client.ts; do
  [ -e "$artefact" ] || { echo "lean install: $artefact missing: run npm run build first" >&2; exit 1; }
done

dir="$(mktemp -d /tmp/jopay-lean-XXXXXX)"
db="jopay_lean_$$"
web_pid=""; worker_pid=""
cleanup() {
  [ -n "$web_pid" ] && kill "$web_pid" 2>/dev/null || true
  [ -n "$worker_pid" ] && kill "$worker_pid" 2>/dev/null || true
  psql -q -h 127.0.0.1 -U postgres -c "DROP DATABASE IF EXISTS $db WITH (FORCE)" >/dev/null 2>&1 || true
  rm -rf "$dir"
}
trap cleanup EXIT

step "copying the repository and the build into $dir"
git ls-files -z | xargs -0 cp --parents -t "$dir"
mkdir -p "$dir/public/assets" "$dir/lib"
cp -r .next "$dir/" && rm -rf "$dir/.next/cache" "$dir/.next/dev"
cp -r public/assets/pay "$dir/public/assets/"
cp -r lib/generated "$dir/lib/"

step "npm install --omit=dev"
(cd "$dir" && npm install --omit=dev --no-audit --no-fund --loglevel=error >/dev/null)
# (@playwright/test and typescript stay: optional peers of next, which npm installs with it.)
for dev_only in vitest @electric-sql/pglite @foundry-rs/anvil solc; do
  [ ! -e "$dir/node_modules/$dev_only" ] || { echo "lean install: $dev_only is installed without dev dependencies" >&2; exit 1; }
done

psql -q -h 127.0.0.1 -U postgres -c "CREATE DATABASE $db" >/dev/null
export DATABASE_URL="postgresql://postgres@127.0.0.1:5432/$db"
export JOPAY_SECRET="lean-install-check-secret-0123456789abcdef"
# Production mode requires receipt signing keys (lib/config.ts): a throwaway one.
RECEIPT_SIGNING_KEYS="lean:$(node -e 'process.stdout.write(require("crypto").generateKeyPairSync("ed25519").privateKey.export({format:"der",type:"pkcs8"}).toString("base64"))')"
export RECEIPT_SIGNING_KEYS
port=$(node -e 'const s=require("net").createServer().listen(0,()=>{console.log(s.address().port);s.close()})')
export APP_URL="http://127.0.0.1:$port"

step "npm run jopay -- migrate"
(cd "$dir" && npm run --silent jopay -- migrate)

step "npm start"
(cd "$dir" && exec npm start -- -p "$port" -H 127.0.0.1 > "$dir/web.log" 2>&1) &
web_pid=$!
for _ in $(seq 1 120); do
  curl -sf "http://127.0.0.1:$port/api/health/live" >/dev/null 2>&1 && break
  kill -0 "$web_pid" 2>/dev/null || { cat "$dir/web.log"; echo "lean install: npm start exited" >&2; exit 1; }
  sleep 0.5
done
curl -sf "http://127.0.0.1:$port/api/health" | grep -q '"database":"up"' || { cat "$dir/web.log"; echo "lean install: /api/health not ok" >&2; exit 1; }
curl -sf "http://127.0.0.1:$port/api/v1/openapi.json" | grep -q '"openapi":"3.1.0"'
curl -sf "http://127.0.0.1:$port/docs" >/dev/null

step "npm run worker"
(cd "$dir" && exec npm run --silent worker > "$dir/worker.log" 2>&1) &
worker_pid=$!
beats=0
for _ in $(seq 1 60); do
  beats=$(psql -tA -h 127.0.0.1 -U postgres -d "$db" -c 'SELECT count(*) FROM worker_heartbeats' 2>/dev/null || echo 0)
  [ "$beats" -gt 0 ] && break
  kill -0 "$worker_pid" 2>/dev/null || { cat "$dir/worker.log"; echo "lean install: the worker exited" >&2; exit 1; }
  sleep 0.5
done
[ "$beats" -gt 0 ] || { cat "$dir/worker.log"; echo "lean install: the worker never reported" >&2; exit 1; }

kill -TERM "$worker_pid" "$web_pid"
wait "$worker_pid" || { echo "lean install: the worker did not stop cleanly" >&2; exit 1; }
wait "$web_pid" || { echo "lean install: the web server did not stop cleanly" >&2; exit 1; }
worker_pid=""; web_pid=""
echo "› lean install: migrate, web and worker all run on production dependencies only"
