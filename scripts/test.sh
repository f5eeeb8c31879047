#!/usr/bin/env bash
# `npm test` (and CI through .ci/run): set up the host, build the runner image, then run every
# stage even after a failure; the last line is always "N passed, N failed" and the exit code
# is non-zero when anything failed.
#
# Stages: typecheck (tsc --noEmit), lint (eslint .), unit/integration (vitest run), e2e
# (playwright test). Reports: test-results/vitest.json, test-results/playwright.json.
set -uo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
REPO="$PWD"
RESULTS="$REPO/test-results"
mkdir -p "$RESULTS"
rm -f "$RESULTS/vitest.json" "$RESULTS/playwright.json"

# Defaults for tests that need the services setup-host.sh --test provides.
export TEST_DATABASE_URL="${TEST_DATABASE_URL:-postgresql://arbiter:arbiter@127.0.0.1:5432/arbiter_test}"
export NEXT_TELEMETRY_DISABLED=1
# Plain output in CI logs (Vitest colours even when piped).
[ -t 1 ] || export NO_COLOR=1

SUMMARY_ARGS=()
heading() { printf '\n=== %s\n' "$*"; }
# finish NAME EXIT START: prints the stage's result line and sets S to pass|fail.
finish() {
  if [ "$2" = 0 ]; then
    S=pass; printf -- '--- %s: passed (%ss)\n' "$1" "$((SECONDS - $3))"
  else
    S=fail; printf -- '--- %s: FAILED, exit %s (%ss)\n' "$1" "$2" "$((SECONDS - $3))"
  fi
}

# --- setup ------------------------------------------------------------------------------
heading "setup: scripts/setup-host.sh --test"
t=$SECONDS; bash scripts/setup-host.sh --test; rc=$?
finish setup $rc $t; SUMMARY_ARGS+=(--fail-only "setup=$S")

heading "runner image: npm run sandbox:image"
t=$SECONDS; npm run --silent sandbox:image; rc=$?
finish image $rc $t; SUMMARY_ARGS+=(--fail-only "image=$S")

# --- typecheck --------------------------------------------------------------------------
if [ -f tsconfig.json ]; then
  heading "typecheck: npx tsc --noEmit"
  t=$SECONDS; npx --no-install tsc --noEmit; rc=$?
  finish typecheck $rc $t; SUMMARY_ARGS+=(--stage "typecheck=$S")
else
  heading "typecheck: skipped (no tsconfig.json yet)"
fi

# --- schema: the PostgreSQL copy and the migrations match prisma/schema.prisma ----------
heading "schema: db:generate --check, db:migrate --check"
t=$SECONDS; npm run --silent db:generate -- --check && npm run --silent db:migrate -- --check; rc=$?
finish schema $rc $t; SUMMARY_ARGS+=(--stage "schema=$S")

# --- lint -------------------------------------------------------------------------------
if compgen -G 'eslint.config.*' >/dev/null || compgen -G '.eslintrc*' >/dev/null; then
  heading "lint: npx eslint ."
  t=$SECONDS; npx --no-install eslint .; rc=$?
  finish lint $rc $t; SUMMARY_ARGS+=(--stage "lint=$S")
else
  heading "lint: skipped (no eslint config yet)"
fi

# --- unit / integration -----------------------------------------------------------------
heading "unit/integration: npx vitest run"
t=$SECONDS
npx --no-install vitest run --passWithNoTests --reporter=default --reporter=json \
  --outputFile.json="$RESULTS/vitest.json"
rc=$?
finish vitest $rc $t
SUMMARY_ARGS+=(--vitest "$RESULTS/vitest.json:$rc")

# --- e2e --------------------------------------------------------------------------------
if [ -f playwright.config.ts ]; then
  heading "e2e: npx playwright test"
  # Playwright empties its outputDir (test-results/ by default) first: keep the Vitest report.
  keep="$(mktemp -d)"
  cp -p "$RESULTS/vitest.json" "$keep/" 2>/dev/null
  t=$SECONDS
  PLAYWRIGHT_JSON_OUTPUT_FILE="$keep/playwright.json" npx --no-install playwright test --reporter=list,json
  rc=$?
  mkdir -p "$RESULTS"
  cp -p "$keep"/*.json "$RESULTS/" 2>/dev/null
  rm -rf "$keep"
  finish playwright $rc $t
  SUMMARY_ARGS+=(--playwright "$RESULTS/playwright.json:$rc")
else
  heading "e2e: skipped (no playwright.config.ts yet)"
fi

# --- summary (always the last line) -----------------------------------------------------
echo
line="$(npx --no-install tsx scripts/test-summary.ts "${SUMMARY_ARGS[@]}" 2>/dev/null)"
if ! [[ "$line" =~ ^[0-9]+\ passed,\ [0-9]+\ failed$ ]]; then
  # The summary script itself failed: count stages by hand (a runner counts 1 either way).
  p=0 f=0 i=0
  while [ $i -lt ${#SUMMARY_ARGS[@]} ]; do
    flag="${SUMMARY_ARGS[$i]}" val="${SUMMARY_ARGS[$((i + 1))]}"
    case "$flag:$val" in
      --stage:*=pass) p=$((p + 1)) ;;
      *=fail) f=$((f + 1)) ;;
      --vitest:*:0 | --playwright:*:0) p=$((p + 1)) ;;
      --vitest:* | --playwright:*) f=$((f + 1)) ;;
    esac
    i=$((i + 2))
  done
  line="$p passed, $f failed"
fi
echo "$line"
[[ "$line" =~ \ 0\ failed$ ]]
