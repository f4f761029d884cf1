#!/usr/bin/env bash
# `npm test`: the whole test suite. Needs dependencies installed (npm install).
#   services -> Chromium -> typecheck -> vitest (unit + integration) -> build -> Playwright e2e -> bench smoke
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

section() { printf '\n\033[1m========== %s ==========\033[0m\n' "$*"; }
trap 'rc=$?; if [[ $rc != 0 ]]; then printf "\n\033[1;31mnpm test FAILED (exit %s) in: %s\033[0m\n" "$rc" "${CURRENT:-setup}" >&2; fi' EXIT

[[ -d node_modules ]] || { echo "node_modules is missing: run 'npm install' first" >&2; exit 1; }

CURRENT="services"; section "PostgreSQL and Redis"
bash scripts/services.sh
echo "ok"

CURRENT="chromium"; section "Chromium"
CHROMIUM=/usr/bin/chromium
if [[ ! -x "$CHROMIUM" ]]; then
  if [[ "$(id -u)" == "0" ]] && command -v apt-get >/dev/null; then
    echo "installing Debian's chromium (apt-get)"
    DEBIAN_FRONTEND=noninteractive apt-get update -qq >/dev/null
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  else
    echo "Chromium is required for the e2e tests at $CHROMIUM. Install it as root:" >&2
    echo "  sudo apt-get update && sudo apt-get install -y chromium" >&2
    exit 1
  fi
fi
"$CHROMIUM" --version 2>/dev/null || echo "$CHROMIUM"

CURRENT="typecheck"; section "Typecheck (tsc --noEmit)"
npx tsc --noEmit
echo "ok"

CURRENT="vitest"; section "Unit and integration tests (vitest)"
npx vitest run

CURRENT="build"; section "Production build (next build + compiled realtime/worker)"
npm run build

CURRENT="widget size"; section "Widget first-load size (budget: iframe JS 150 KB gz)"
npx tsx scripts/widget-size.ts --json | node -e 'const r = JSON.parse(require("fs").readFileSync(0, "utf8")); console.log(`iframe first-load JS ${(r.iframeJsGzBytes / 1024).toFixed(1)} KB gz`); if (!r.withinBudget) { console.error("the widget iframe first-load JS is over its 150 KB gz budget (see scripts/widget-size.ts: make rare parts lazy)"); process.exit(1); }'

CURRENT="e2e"; section "End-to-end tests (Playwright + Chromium)"
npx playwright test

CURRENT="bench smoke"; section "Benchmark smoke run (tiny sizes, valid JSON, no timing judged)"
npx tsx bench/run.ts --smoke
node -e 'const r = JSON.parse(require("fs").readFileSync("bench/results/latest.json", "utf8")); const bad = r.scenarios.filter((s) => s.error || s.skipped); if (!r.complete || bad.length) { console.error("bench smoke:", r.reason, JSON.stringify(bad)); process.exit(1); } console.log(`${r.scenarios.length} scenarios reported`);'

CURRENT="done"; section "All tests passed"
