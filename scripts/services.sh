#!/usr/bin/env bash
# Makes sure PostgreSQL and Redis are up and the application database exists.
#
#   - reads DATABASE_URL / REDIS_URL from the environment, else from .env, else the local defaults;
#   - a service that already answers is left alone (local Debian service, Docker, remote host);
#   - a local service that does not answer is started (Debian packages), installed first with apt-get
#     when missing (needs root); without apt-get/root, asks for `docker compose up -d postgres redis`;
#   - waits until both answer, then creates the database named in DATABASE_URL if missing.
#
# Idempotent, and silent when everything is already fine. Needs node_modules (run after npm install).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

say() { echo "services: $*" >&2; }
die() { echo "services: ERROR: $*" >&2; exit 1; }

DEFAULT_DATABASE_URL="postgres://postgres:postgres@127.0.0.1:5432/livechat"
DEFAULT_REDIS_URL="redis://127.0.0.1:6379"

# Value of KEY from .env (first match, surrounding quotes removed), or empty.
dotenv_value() {
  [[ -f .env ]] || return 0
  local line
  line="$(grep -E "^[[:space:]]*(export[[:space:]]+)?$1=" .env | tail -n 1 || true)"
  [[ -n "$line" ]] || return 0
  line="${line#*=}"
  line="${line%\"}"; line="${line#\"}"
  line="${line%\'}"; line="${line#\'}"
  printf '%s' "$line"
}

DATABASE_URL="${DATABASE_URL:-$(dotenv_value DATABASE_URL)}"
DATABASE_URL="${DATABASE_URL:-$DEFAULT_DATABASE_URL}"
REDIS_URL="${REDIS_URL:-$(dotenv_value REDIS_URL)}"
REDIS_URL="${REDIS_URL:-$DEFAULT_REDIS_URL}"

command -v node >/dev/null || die "node is not installed (Node.js 20.9+ is required)"
[[ -d node_modules/pg ]] || die "node_modules is missing: run 'npm install' first"

# "host port" of a URL.
url_host_port() {
  node -e 'const u = new URL(process.argv[1]); console.log(u.hostname.replace(/^\[|\]$/g, ""), u.port || process.argv[2])' "$1" "$2"
}
read -r PG_HOST PG_PORT <<<"$(url_host_port "$DATABASE_URL" 5432)"
read -r REDIS_HOST REDIS_PORT <<<"$(url_host_port "$REDIS_URL" 6379)"

is_local() { [[ "$1" == "127.0.0.1" || "$1" == "localhost" || "$1" == "::1" || "$1" == "0.0.0.0" ]]; }
is_root() { [[ "$(id -u)" == "0" ]]; }
can_apt() { is_root && command -v apt-get >/dev/null; }

# True when something accepts TCP connections on host:port.
port_open() { (exec 3<>"/dev/tcp/$1/$2") 2>/dev/null; }

wait_port() { # host port seconds name
  local i
  for ((i = 0; i < $3 * 4; i++)); do
    port_open "$1" "$2" && return 0
    sleep 0.25
  done
  die "$4 did not come up on $1:$2 within $3 s"
}

docker_hint() {
  die "$1
  Either install it yourself (Debian/Ubuntu: sudo apt-get install -y postgresql redis-server),
  or, with Docker, run:  docker compose up -d postgres redis"
}

APT_UPDATED=0
apt_install() {
  if [[ "$APT_UPDATED" == 0 ]]; then
    say "apt-get update"
    DEBIAN_FRONTEND=noninteractive apt-get update -qq >/dev/null
    APT_UPDATED=1
  fi
  say "installing $*"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
}

# ---------------------------------------------------------------- PostgreSQL
start_local_postgres() {
  if ! command -v pg_ctlcluster >/dev/null || [[ -z "$(ls /etc/postgresql 2>/dev/null)" ]]; then
    can_apt || docker_hint "PostgreSQL is not running on $PG_HOST:$PG_PORT and is not installed (installing needs root and apt-get)."
    apt_install postgresql
  fi
  local version cluster started=0
  version="$(ls /etc/postgresql | sort -V | tail -n 1)"
  if [[ -z "$(ls "/etc/postgresql/$version" 2>/dev/null)" ]]; then
    is_root || die "PostgreSQL $version has no cluster; run as root: pg_createcluster $version main --start"
    say "creating PostgreSQL $version cluster 'main'"
    pg_createcluster "$version" main >/dev/null
  fi
  for cluster in /etc/postgresql/"$version"/*/; do
    cluster="$(basename "$cluster")"
    say "starting PostgreSQL $version/$cluster"
    if pg_ctlcluster --skip-systemctl-redirect "$version" "$cluster" start 2>/tmp/livechat-pg-start.log; then
      started=1
    elif grep -qi 'already running' /tmp/livechat-pg-start.log; then
      started=1
    else
      cat /tmp/livechat-pg-start.log >&2
    fi
  done
  [[ "$started" == 1 ]] || die "could not start PostgreSQL (try as root: pg_ctlcluster --skip-systemctl-redirect $version main start)"
}

if ! port_open "$PG_HOST" "$PG_PORT"; then
  if is_local "$PG_HOST"; then
    start_local_postgres
  else
    say "waiting for PostgreSQL at $PG_HOST:$PG_PORT"
  fi
  wait_port "$PG_HOST" "$PG_PORT" 30 PostgreSQL
fi

# Connects with DATABASE_URL's credentials to the maintenance database, waits until the server accepts
# queries, and creates the application database if missing. Exit codes: 0 ok, 3 authentication failed.
ensure_database() {
  node - "$DATABASE_URL" <<'NODE'
const { Client } = require('pg');
const target = new URL(process.argv[2]);
const dbName = decodeURIComponent(target.pathname.replace(/^\//, '')) || 'postgres';
const admin = new URL(target);
admin.pathname = '/postgres';
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

(async () => {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const client = new Client({ connectionString: admin.toString(), connectionTimeoutMillis: 3000 });
    try {
      await client.connect();
      const { rowCount } = await client.query('select 1 from pg_database where datname = $1', [dbName]);
      if (!rowCount) {
        await client.query(`create database "${dbName.replace(/"/g, '""')}"`);
        console.error(`services: created database ${dbName}`);
      }
      await client.end();
      process.exit(0);
    } catch (error) {
      await client.end().catch(() => {});
      // 28P01 password authentication failed, 28000 no pg_hba entry / role missing.
      if (error.code === '28P01' || error.code === '28000') {
        console.error(`services: ${error.message}`);
        process.exit(3);
      }
      // 42P04: created concurrently by someone else — fine.
      if (error.code === '42P04') process.exit(0);
      if (Date.now() > deadline) {
        console.error(`services: PostgreSQL is not ready: ${error.message}`);
        process.exit(1);
      }
      await sleep(300);
    }
  }
})();
NODE
}

set +e
ensure_database
rc=$?
set -e
if [[ "$rc" == 3 ]]; then
  # A fresh Debian install: the role has no password and TCP connections need one.
  if is_local "$PG_HOST" && is_root && command -v runuser >/dev/null; then
    read -r PG_USER PG_PASSWORD <<<"$(node -e 'const u = new URL(process.argv[1]); console.log(decodeURIComponent(u.username) || "postgres", decodeURIComponent(u.password) || "postgres")' "$DATABASE_URL")"
    say "setting the password of PostgreSQL role '$PG_USER' to the one in DATABASE_URL"
    sql_user="${PG_USER//\"/\"\"}"
    sql_pw="${PG_PASSWORD//\'/\'\'}"
    (cd / && runuser -u postgres -- psql -v ON_ERROR_STOP=1 -q -p "$PG_PORT" -c "
      do \$\$ begin
        if exists (select 1 from pg_roles where rolname = '${PG_USER//\'/\'\'}') then
          alter role \"$sql_user\" with login password '$sql_pw';
        else
          create role \"$sql_user\" with login superuser password '$sql_pw';
        end if;
      end \$\$;") >/dev/null
    ensure_database || die "could not connect to PostgreSQL with DATABASE_URL"
  else
    die "PostgreSQL rejected the credentials in DATABASE_URL. Fix DATABASE_URL in .env, or set the password:
  sudo -u postgres psql -c \"alter user postgres password 'postgres'\""
  fi
elif [[ "$rc" != 0 ]]; then
  die "could not prepare the database in $DATABASE_URL"
fi

# --------------------------------------------------------------------- Redis
redis_ready() { # any reply to PING (PONG, or a -NOAUTH error) means the server is up
  (
    exec 3<>"/dev/tcp/$REDIS_HOST/$REDIS_PORT" || exit 1
    printf 'PING\r\n' >&3
    reply=""
    IFS= read -r -t 2 reply <&3 || true
    [[ "$reply" == +PONG* || "$reply" == -NOAUTH* ]]
  ) 2>/dev/null
}

start_local_redis() {
  if ! command -v redis-server >/dev/null; then
    can_apt || docker_hint "Redis is not running on $REDIS_HOST:$REDIS_PORT and is not installed (installing needs root and apt-get)."
    apt_install redis-server
    # The package may have started its own service meanwhile.
    sleep 0.5
    redis_ready && return 0
  fi
  local dir=/var/lib/redis logdir=/var/log/redis
  mkdir -p "$dir" "$logdir" 2>/dev/null || true
  if [[ ! -w "$dir" || ! -w "$logdir" ]]; then
    dir="$ROOT/.run/redis"; logdir="$ROOT/.run/redis"
    mkdir -p "$dir"
  fi
  say "starting redis-server on 127.0.0.1:$REDIS_PORT"
  # AOF (fsync every second) and no eviction: what BullMQ and the routing state need (docs/reliability.md).
  redis-server --daemonize yes --bind 127.0.0.1 -::1 --port "$REDIS_PORT" --save "" \
    --appendonly yes --appendfsync everysec --maxmemory-policy noeviction \
    --dir "$dir" --logfile "$logdir/ci.log" >/dev/null
}

# A Redis that was already running is never restarted (others may use it); only warn about its settings.
warn_redis_config() {
  command -v redis-cli >/dev/null || return 0
  local aof policy
  aof="$(redis-cli -h "$REDIS_HOST" -p "$REDIS_PORT" config get appendonly 2>/dev/null | tail -n 1 || true)"
  policy="$(redis-cli -h "$REDIS_HOST" -p "$REDIS_PORT" config get maxmemory-policy 2>/dev/null | tail -n 1 || true)"
  if [[ -n "$aof" && "$aof" != "yes" ]] || [[ -n "$policy" && "$policy" != "noeviction" ]]; then
    say "note: Redis on $REDIS_HOST:$REDIS_PORT runs with appendonly=${aof:-?} maxmemory-policy=${policy:-?};"
    say "      recommended: --appendonly yes --appendfsync everysec --maxmemory-policy noeviction (not changed here)"
  fi
}

if ! redis_ready; then
  if ! port_open "$REDIS_HOST" "$REDIS_PORT" && is_local "$REDIS_HOST"; then
    start_local_redis
  else
    say "waiting for Redis at $REDIS_HOST:$REDIS_PORT"
  fi
  for ((i = 0; i < 120; i++)); do
    redis_ready && break
    sleep 0.25
  done
  redis_ready || die "Redis did not answer on $REDIS_HOST:$REDIS_PORT within 30 s"
fi
warn_redis_config
