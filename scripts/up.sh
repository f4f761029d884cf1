#!/usr/bin/env bash
# `npm run up`: the one command that sets up and runs the product on this machine.
#   1. npm install (when node_modules is missing or package-lock.json changed since the last install)
#   2. .env from .env.example with a random AUTH_SECRET (only when .env does not exist)
#   3. PostgreSQL + Redis up and the database created (scripts/services.sh)
#   4. database migrations, demo workspace seed
#   5. production build, then web + realtime + worker (npm start) until Ctrl+C
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

step() { printf '\n\033[1m==> %s\033[0m\n' "$*"; }

command -v node >/dev/null || { echo "Node.js 20.9+ is required (https://nodejs.org)" >&2; exit 1; }
node -e 'const [a, b] = process.versions.node.split(".").map(Number); process.exit(a > 20 || (a === 20 && b >= 9) ? 0 : 1)' \
  || { echo "Node.js 20.9+ is required (found $(node -v))" >&2; exit 1; }

# 1. Dependencies. The stamp records the lockfile the current node_modules was installed from.
STAMP=node_modules/.livechat-lock.sha256
lock_hash() { node -e 'const c = require("node:crypto"), fs = require("node:fs"); console.log(c.createHash("sha256").update(fs.readFileSync("package-lock.json")).update(fs.readFileSync("package.json")).digest("hex"))'; }
if [[ ! -d node_modules || ! -f "$STAMP" || "$(cat "$STAMP")" != "$(lock_hash)" ]]; then
  step "Installing dependencies (npm install)"
  npm install --no-audit --no-fund
  lock_hash >"$STAMP"
fi

# 2. Local configuration.
if [[ ! -f .env ]]; then
  step "Creating .env from .env.example (with a random AUTH_SECRET)"
  secret="$(node -e 'console.log(require("node:crypto").randomBytes(32).toString("hex"))')"
  sed -E "s/^#? *AUTH_SECRET=.*/AUTH_SECRET=${secret}/" .env.example >.env
  grep -q '^AUTH_SECRET=' .env || echo "AUTH_SECRET=${secret}" >>.env
fi

step "PostgreSQL and Redis"
bash scripts/services.sh
echo "ok"

step "Database migrations"
npx tsx scripts/migrate.ts

step "Demo workspace"
npx tsx scripts/seed.ts

step "Production build (next build)"
npm run build

step "Starting web, realtime and worker (Ctrl+C to stop)"
exec npx tsx scripts/start.ts
