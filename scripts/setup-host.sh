#!/usr/bin/env bash
# Idempotent, quiet host setup for Arbiter (used by scripts/start.sh and scripts/test.sh).
#
#   bash scripts/setup-host.sh          # sandbox tools + Docker daemon + node_modules
#   bash scripts/setup-host.sh --test   # also chromium, PostgreSQL (+ role/db), Redis
#
# As root on Debian/Ubuntu it installs what is missing (apt-get update only then) and starts
# the services that are not answering. Not root: it says what is missing and how to get it,
# then carries on with what exists. One line per thing done; details go to the log below.
set -uo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."

TEST=0
for arg in "$@"; do
  case "$arg" in
    --test) TEST=1 ;;
    -h | --help) sed -n '2,10p' "$0"; exit 0 ;;
    *) echo "setup-host: unknown option $arg" >&2; exit 2 ;;
  esac
done

IS_ROOT=0
[ "$(id -u)" = 0 ] && IS_ROOT=1
if [ "$IS_ROOT" = 1 ]; then LOG=/var/log/arbiter-setup.log; else LOG="${TMPDIR:-/tmp}/arbiter-setup-$(id -u).log"; fi
: >>"$LOG" 2>/dev/null || LOG=/dev/null
STATUS=0

say() { echo "setup-host: $*"; }
warn() { echo "setup-host: WARNING: $*"; STATUS=1; }        # something we should have done failed
note() { echo "setup-host: $*"; }                            # not root: missing, carry on
logrun() { echo "+ $*" >>"$LOG"; "$@" >>"$LOG" 2>&1; }

# --- packages ---------------------------------------------------------------------------
# command that proves the package is there : Debian package
PKGS=(dockerd:docker.io bwrap:bubblewrap mmdebstrap:mmdebstrap newuidmap:uidmap)
if [ "$TEST" = 1 ]; then
  PKGS+=(chromium:chromium pg_ctlcluster:postgresql)
fi

missing=()
for entry in "${PKGS[@]}"; do
  cmd="${entry%%:*}" pkg="${entry#*:}"
  if ! command -v "$cmd" >/dev/null 2>&1 && [ ! -x "/usr/sbin/$cmd" ] && [ ! -x "/usr/bin/$cmd" ]; then
    missing+=("$pkg")
  fi
done

if [ "${#missing[@]}" -gt 0 ]; then
  if [ "$IS_ROOT" = 1 ] && command -v apt-get >/dev/null 2>&1; then
    export DEBIAN_FRONTEND=noninteractive
    t0=$SECONDS
    # A third-party list that cannot be reached makes `update` complain; install anyway.
    logrun apt-get -qq -o Dpkg::Use-Pty=0 update
    if logrun apt-get -qq -y -o Dpkg::Use-Pty=0 -o Dpkg::Options::=--force-confdef \
        -o Dpkg::Options::=--force-confold install "${missing[@]}"; then
      say "installed ${missing[*]} ($((SECONDS - t0))s)"
    else
      warn "apt-get install ${missing[*]} failed; see $LOG"
    fi
  else
    note "missing: ${missing[*]}; install with: sudo apt-get update && sudo apt-get install -y ${missing[*]}"
  fi
fi

# --- Docker daemon ----------------------------------------------------------------------
docker_answers() { timeout 5 docker version --format '{{.Server.Version}}' >/dev/null 2>&1; }
if ! command -v docker >/dev/null 2>&1; then
  note "docker CLI not found: Docker backend unavailable"
elif docker_answers; then
  :
elif [ "$IS_ROOT" = 1 ] && command -v dockerd >/dev/null 2>&1; then
  # A pid file left by a daemon that is gone makes dockerd refuse to start.
  if [ -f /var/run/docker.pid ] && ! kill -0 "$(cat /var/run/docker.pid 2>/dev/null)" 2>/dev/null; then
    rm -f /var/run/docker.pid
  fi
  setsid nohup dockerd >>/var/log/arbiter-dockerd.log 2>&1 </dev/null &
  t0=$SECONDS
  until docker_answers; do
    if [ $((SECONDS - t0)) -ge 30 ]; then break; fi
    sleep 0.5
  done
  if docker_answers; then
    say "started dockerd ($((SECONDS - t0))s, log /var/log/arbiter-dockerd.log)"
  else
    warn "dockerd did not answer within 30 s; see /var/log/arbiter-dockerd.log"
  fi
else
  note "Docker daemon not answering; start it (as root: dockerd &, or systemctl start docker) or use the bubblewrap backend"
fi

# --- test services ----------------------------------------------------------------------
if [ "$TEST" = 1 ]; then
  # PostgreSQL: newest installed major version, cluster "main".
  if command -v pg_lsclusters >/dev/null 2>&1; then
    ver="$(pg_lsclusters -h 2>/dev/null | awk '$2 == "main" {print $1}' | sort -V | tail -1)"
    [ -n "$ver" ] || ver="$(ls /usr/lib/postgresql 2>/dev/null | sort -V | tail -1)"
    if [ -z "$ver" ]; then
      warn "PostgreSQL is installed but no server version found"
    else
      if ! pg_lsclusters -h 2>/dev/null | awk -v v="$ver" '$1 == v && $2 == "main"' | grep -q .; then
        if [ "$IS_ROOT" = 1 ] && logrun pg_createcluster "$ver" main; then say "created PostgreSQL $ver cluster main"; fi
      fi
      if pg_lsclusters -h 2>/dev/null | awk -v v="$ver" '$1 == v && $2 == "main" && $4 == "online"' | grep -q .; then
        :
      elif [ "$IS_ROOT" = 1 ]; then
        if logrun pg_ctlcluster "$ver" main start; then say "started PostgreSQL $ver"; else warn "pg_ctlcluster $ver main start failed; see $LOG"; fi
      else
        note "PostgreSQL $ver not running; start it with: sudo pg_ctlcluster $ver main start"
      fi
      if [ "$IS_ROOT" = 1 ]; then
        # Role arbiter (password arbiter, TCP localhost) and database arbiter_test.
        psql_pg() { (cd / && runuser -u postgres -- psql -X -q -v ON_ERROR_STOP=1 -At "$@"); }
        t0=$SECONDS
        until psql_pg -c 'select 1' >/dev/null 2>&1 || [ $((SECONDS - t0)) -ge 20 ]; do sleep 0.5; done
        made=""
        if [ "$(psql_pg -c "select 1 from pg_roles where rolname = 'arbiter'" 2>>"$LOG")" != 1 ]; then
          logrun psql_pg -c "create role arbiter login createdb password 'arbiter'" && made="role arbiter"
        fi
        if [ "$(psql_pg -c "select 1 from pg_database where datname = 'arbiter_test'" 2>>"$LOG")" != 1 ]; then
          logrun psql_pg -c "create database arbiter_test owner arbiter" && made="${made:+$made, }database arbiter_test"
        fi
        [ -z "$made" ] || say "created PostgreSQL $made"
        if ! PGPASSWORD=arbiter PGCONNECT_TIMEOUT=5 psql -X -h 127.0.0.1 -U arbiter -d arbiter_test -Atc 'select 1' >/dev/null 2>>"$LOG"; then
          warn "cannot log in as arbiter@127.0.0.1/arbiter_test; see $LOG"
        fi
      fi
    fi
  else
    note "PostgreSQL not installed; database tests will fail"
  fi

fi

# --- node_modules -----------------------------------------------------------------------
NPM_FLAGS=(--no-audit --no-fund --loglevel=error)
if [ ! -d node_modules ] || [ ! -f node_modules/.package-lock.json ]; then
  t0=$SECONDS
  if logrun npm ci "${NPM_FLAGS[@]}"; then say "npm ci ($((SECONDS - t0))s)"; else warn "npm ci failed; see $LOG"; fi
elif [ package-lock.json -nt node_modules/.package-lock.json ]; then
  t0=$SECONDS
  if logrun npm install "${NPM_FLAGS[@]}"; then say "npm install: package-lock.json changed ($((SECONDS - t0))s)"; else warn "npm install failed; see $LOG"; fi
fi

# --- generated Prisma clients (gitignored; everything that imports lib/db needs them) -----
if [ -d node_modules ] && { [ ! -d generated/prisma-sqlite ] || [ prisma/schema.prisma -nt generated/prisma-sqlite ]; }; then
  t0=$SECONDS
  if logrun npm run --silent db:generate; then say "generated Prisma clients ($((SECONDS - t0))s)"; else warn "npm run db:generate failed; see $LOG"; fi
fi

exit "$STATUS"
