#!/usr/bin/env bash
# Runs the benchmarks in bench/ against a throwaway PostgreSQL (or RA_BENCH_POSTGRES when set).
#   ./scripts/bench.sh [members]     default 100000
#   RA_BENCH_ONLY=analytics ./scripts/bench.sh   only the revenue dashboard over 1M sends
#   RA_BENCH_ONLY=webhooks ./scripts/bench.sh    only webhook ingest (over HTTP) and backlog drain (20,000 events)
#   RA_BENCH_ONLY=ingest ./scripts/bench.sh      only webhook ingest over HTTP at concurrency 1, 16, 64
#   RA_BENCH_APP=<RevenueAngel.Web.dll>          the app to load (default: a Release publish made here, as the container has)
#   RA_BENCH_ONLY=drain ./scripts/bench.sh       only the drain of a stored 100,000-event backlog (BacklogDrainBench)
#   RA_BENCH_ONLY=enrolment ./scripts/bench.sh   only enrolment of 100k members, against a hand-written INSERT … SELECT
#   RA_BENCH_EVENTS=100000 ...                   the webhook part with another number of events
#   RA_BENCH_ONLY=dispatch ./scripts/bench.sh    only the dispatcher (no-op Whop) against a bare SKIP LOCKED loop
#   RA_BENCH_SENDS=20000 RA_BENCH_DISPATCH_WORKERS=1,4 ...   its due sends and worker counts
set -euo pipefail
cd "$(dirname "$0")/.."
cleanup() { if declare -F stop_pg >/dev/null; then stop_pg; fi; [ -z "${app_dir:-}" ] || rm -rf "$app_dir"; }
trap cleanup EXIT

if [ -z "${RA_BENCH_POSTGRES:-}" ]; then
  bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
  [ -n "$bin" ] || { echo "PostgreSQL server binaries not found: apt-get install postgresql-15, or set RA_BENCH_POSTGRES." >&2; exit 1; }
  dir=$(mktemp -d /tmp/ra-bench-pg-XXXXXX)
  port=$(( 20000 + RANDOM % 20000 ))
  run() { if [ "$(id -u)" -eq 0 ]; then (cd / && runuser -u postgres -- "$@"); else "$@"; fi; }
  [ "$(id -u)" -eq 0 ] && chown postgres:postgres "$dir"
  run "$bin/initdb" -D "$dir/data" -A trust -U postgres -E UTF8 --no-sync >/dev/null
  run "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w \
    -o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off" start >/dev/null
  pg_dir=$dir
  stop_pg() { run "$bin/pg_ctl" -D "$pg_dir/data" -m fast -w stop >/dev/null; rm -rf "$pg_dir"; }
  "$bin/psql" -h 127.0.0.1 -p "$port" -U postgres -q -c "CREATE DATABASE bench" >/dev/null
  export RA_BENCH_POSTGRES="Host=127.0.0.1;Port=$port;Username=postgres;Database=bench"
fi

if [ -z "${RA_BENCH_APP:-}" ]; then
  app_dir=$(mktemp -d /tmp/ra-bench-app-XXXXXX)
  dotnet publish RevenueAngel.Web/RevenueAngel.Web.csproj -c Release -o "$app_dir" -p:UseAppHost=false -nologo -clp:ErrorsOnly >/dev/null
  export RA_BENCH_APP="$app_dir/RevenueAngel.Web.dll"
fi

dotnet run -c Release --project bench/RevenueAngel.Bench -- "${1:-100000}"
