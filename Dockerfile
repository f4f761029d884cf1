# The live-chat app (web + realtime + worker in one container, via scripts/start.ts).
# Used by docker-compose.yml; PostgreSQL and Redis run in their own containers.
FROM node:20-bookworm-slim

WORKDIR /app
ENV NEXT_TELEMETRY_DISABLED=1

# Dependencies first, so source edits do not invalidate this layer.
COPY package.json package-lock.json ./
RUN npm install --no-audit --no-fund

COPY . .

EXPOSE 3000 3001

# On start: migrate, seed the demo workspace (idempotent), build once (the build is kept across
# container restarts), then run web + realtime + worker. PostgreSQL is healthy before this runs
# (depends_on in docker-compose.yml), so the build may read from it.
CMD ["sh", "-c", "npx tsx scripts/migrate.ts && npx tsx scripts/seed.ts && { [ -f .next/BUILD_ID ] && [ -f dist/server/realtime/main.js ] || npm run build; } && exec npx tsx scripts/start.ts"]
