#!/usr/bin/env bash
# Started by playwright.config.ts (webServer): a fresh SQLite database for this run, migrated
# with scripts/db (npm run db:deploy) and seeded (npm run db:seed), then the production server.
#   E2E_SKIP_BUILD=1  reuse an existing `npm run build` (.next/BUILD_ID must exist)
#   E2E_DEV=1         run the development server instead (no build; slower first page loads)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
: "${DATABASE_URL:?}" "${PORT:?}"
export NEXT_TELEMETRY_DISABLED=1

t0=$(date +%s%N)
npm run --silent db:deploy
npm run --silent db:seed
t1=$(date +%s%N)
echo "e2e: database ready in $(( (t1 - t0) / 1000000 )) ms ($DATABASE_URL)"

if [ "${E2E_DEV:-0}" = 1 ]; then
  node scripts/copy-monaco.mjs # the IDE's offline Monaco (npm run build does this otherwise)
  exec npx --no-install tsx server.ts
fi
if [ "${E2E_SKIP_BUILD:-0}" != 1 ] || [ ! -f .next/BUILD_ID ]; then
  npm run --silent build
  t2=$(date +%s%N)
  echo "e2e: next build took $(( (t2 - t1) / 1000000 )) ms"
fi
NODE_ENV=production exec npx --no-install tsx server.ts
