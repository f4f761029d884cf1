# The live-chat app (web + realtime + worker in one container, via scripts/start.ts).
# Used by docker-compose.yml; PostgreSQL and Redis run in their own containers, Caddy in front (TLS,
# X-Forwarded-For; deploy/Caddyfile). The web process is Next.js behind our own server (src/web/server.ts),
# which believes X-Forwarded-For only from TRUSTED_PROXIES. pg_dump/pg_restore for `npm run backup`.
FROM node:20-bookworm-slim

# pg_dump must be at least the server's major version (postgres:16 in docker-compose.yml): PGDG packages.
RUN apt-get update && apt-get install -y --no-install-recommends ca-certificates curl \
 && install -d /usr/share/postgresql-common/pgdg \
 && curl -fsSL -o /usr/share/postgresql-common/pgdg/apt.postgresql.org.asc https://www.postgresql.org/media/keys/ACCC4CF8.asc \
 && echo "deb [signed-by=/usr/share/postgresql-common/pgdg/apt.postgresql.org.asc] https://apt.postgresql.org/pub/repos/apt bookworm-pgdg main" > /etc/apt/sources.list.d/pgdg.list \
 && apt-get update && apt-get install -y --no-install-recommends postgresql-client-16 \
 && rm -rf /var/lib/apt/lists/*

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
CMD ["sh", "-c", "npx tsx scripts/migrate.ts && npx tsx scripts/seed.ts && { [ -f .next/BUILD_ID ] && [ -f dist/server/web/main.js ] && [ -f dist/server/realtime/main.js ] || npm run build; } && exec npx tsx scripts/start.ts"]
