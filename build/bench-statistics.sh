#!/usr/bin/env bash
# Park statistics at scale (issue #13, item 5): with ENTERPRISES enterprises settled across PARKS parks, ~1M monthly sales
# rows, certifications, and whatever build/bench/seed-statistics-*.sql add (rights and deadlines, dispute cases,
# training), the statistics documents over POST /graphql, against a Release host in Production with real tokens, as the
# park's own dashboard client (privacy on) and as the centre (operator, exact), and in the same loop the bare SQL
# aggregate queries of build/bench/baseline-statistics-*.sql for the same park. Prints a Markdown table (docs/benchmarks.md).
#   build/bench-statistics.sh
#   (PARKS=10 WORKSTATIONS_PER_PARK=5 ENTERPRISES=100000 SALES_MONTHS=10 REQUESTS=100 WARMUP=10 CITY_EVERY=10
#    BUFFER_POOL_MB=2048 PORT=5301)
# While tuning one section: REUSE=1 keeps the database the last run seeded (migrated, not seeded again: ~3 minutes saved;
# the seed sizes must match) and CASES='disputes|sql' times only the cases whose names match that regular expression.
# REUSE=1 resumes a stopped MariaDB on its data directory (build/mariadb.sh resume): build/test.sh stops the server when
# it ends, and a plain `start` of a stopped server begins a new, empty data directory (what emptied the seeded database
# after test runs in the fifteenth session).
# The untimed rounds go on until WARMUP rounds and WARMUP_SECONDS (default 60) have passed: the host's JIT settles ~45 s
# into a loop of cold documents, and short runs of a few cases were timed before it had (sixteenth session).
# HOST_LOG=file keeps the host's log there (pass log levels through the environment, e.g.
# Logging__LogLevel__Microsoft.EntityFrameworkCore.Database.Command=Information to see each statement and its time).
# The tokens are fetched once; the bench host issues them for two hours (Identity__AccessTokenLifetime) so that a long
# full-scale run does not end in 401 (the default 15 minutes did once).
# SALES_MONTHS rows per enterprise (at most 12) over the last 24 months: 100k × 10 = 1M rows. The city's documents and
# baseline read every park and are timed every CITY_EVERY-th round (REQUESTS / CITY_EVERY samples), to keep the run short.
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo"
PARKS="${PARKS:-10}"; WORKSTATIONS_PER_PARK="${WORKSTATIONS_PER_PARK:-5}"; ENTERPRISES="${ENTERPRISES:-100000}"
SALES_MONTHS="${SALES_MONTHS:-10}"; REQUESTS="${REQUESTS:-100}"; WARMUP="${WARMUP:-10}"; CITY_EVERY="${CITY_EVERY:-10}"; PORT="${PORT:-5301}"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
started=$(date +%s)

source build/bench/identity.sh
if [ "${REUSE:-0}" = 1 ]; then server="$(build/mariadb.sh resume)"; else server="$(build/mariadb.sh start)"; fi
socket="$repo/.data/mariadb/mysqld.sock"
# build/mariadb.sh's 256 MB pool is sized for tests; a server holding these tables would be given one to match.
mariadb --no-defaults --socket="$socket" --user=root -e "SET GLOBAL innodb_buffer_pool_size = ${BUFFER_POOL_MB:-2048} * 1048576"
dotnet build src/Host -c Release -nologo -v quiet -clp:NoSummary >&2
dotnet build build/bench/StatisticsBench -c Release -nologo -v quiet -clp:NoSummary >&2
bench() { dotnet artifacts/bin/StatisticsBench/release/IpShield.StatisticsBench.dll "$@"; }
host_dll="$repo/artifacts/bin/Host/release/IpShield.Host.dll"
name=ipshield_bench_statistics
sql() { mariadb --no-defaults --socket="$socket" --user=root -N "$name" "$@"; }
work="$(mktemp -d)"
host_pid=""
cleanup() { [ -n "$host_pid" ] && kill "$host_pid" 2>/dev/null || true; [ -n "${HOST_LOG:-}" ] && cp "$work/host.log" "$HOST_LOG" 2>/dev/null || true; rm -rf "$work" "$bench_identity_dir"; }
trap cleanup EXIT

if [ "${REUSE:-0}" != 1 ]; then
  mariadb --no-defaults --socket="$socket" --user=root \
    -e "DROP DATABASE IF EXISTS $name; CREATE DATABASE $name CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci"
fi
db="${server%;};Database=$name"
(cd src/Host && ConnectionStrings__MySql="$db" Logging__LogLevel__Default=Warning dotnet "$host_dll" migrate >&2)

seed_start=$(date +%s)
if [ "${REUSE:-0}" = 1 ]; then
  echo "reusing the seeded database $name" >&2
else
  echo "seeding $PARKS parks, $ENTERPRISES enterprises, $SALES_MONTHS sales months each" >&2
  { echo "SET @parks = $PARKS, @workstations_per_park = $WORKSTATIONS_PER_PARK, @enterprises = $ENTERPRISES, @sales_months = $SALES_MONTHS;"
    cat build/bench/statistics-seed-enterprises.sql
    # The other modules' facts (another file per module), each INSERT ... SELECT from ent_enterprises and ws_*.
    for file in build/bench/seed-statistics-*.sql; do if [ -e "$file" ]; then echo "-- $file"; cat "$file"; fi; done
  } | sql >&2
fi
seed_seconds=$(( $(date +%s) - seed_start ))
# Today's reminder jobs count as done: the seeded deadlines stand for a platform that already reminded of them, and a
# first run would otherwise write tens of thousands of reminder events while the statistics are being timed.
park_today="$(TZ=Asia/Shanghai date +%F)"
sql -e "INSERT INTO pf_job_leases (Job, LeasedBy, LeaseUntilMs, LastRunOn) VALUES ('deadline-reminders', NULL, 0, '$park_today')
          ON DUPLICATE KEY UPDATE LastRunOn = VALUES(LastRunOn);
        INSERT INTO dsp_job_leases (Job, LeasedBy, LeaseUntilMs, LastRunOn) VALUES ('stage-deadline-reminders', NULL, 0, '$park_today')
          ON DUPLICATE KEY UPDATE LastRunOn = VALUES(LastRunOn);" >&2
park="$(sql -e "SELECT ParkId FROM ent_enterprises WHERE ParkId IS NOT NULL GROUP BY ParkId ORDER BY COUNT(*) DESC, ParkId LIMIT 1")"
count() { sql -e "SELECT COUNT(*) FROM $1" 2>/dev/null || echo 0; }
sizes="enterprises $(count ent_enterprises) (park timed: $(count "ent_enterprises WHERE ParkId = '$park'")), sales rows $(count ent_monthly_sales), certifications $(count ent_certifications), IP rights $(count pf_ip_rights), deadlines $(count pf_deadlines), dispute cases $(count dsp_cases), training sessions $(count trn_sessions)"
echo "$sizes; seeded in $seed_seconds s" >&2

(cd src/Host && exec env ConnectionStrings__MySql="$db" Logging__LogLevel__Default=Warning Identity__AccessTokenLifetime=02:00:00 \
  ASPNETCORE_ENVIRONMENT=Production dotnet "$host_dll" --urls "http://127.0.0.1:$PORT") >"$work/host.log" 2>&1 &
host_pid=$!
for _ in $(seq 1 120); do curl -sf "http://127.0.0.1:$PORT/health/ready" >/dev/null && break; kill -0 "$host_pid" 2>/dev/null || { cat "$work/host.log" >&2; exit 1; }; sleep 0.5; done
# The host stores every enterprise's coverage gaps at its first start (ADR 0033: computed by C# rules, so the SQL seed
# cannot); until it has, the statistics compute them from the marks. Time it, then wait for it.
gaps_start=$(date +%s)
for _ in $(seq 1 1800); do
  [ "$(sql -e "SELECT COUNT(*) FROM pf_summary_states WHERE Name = 'coverage-gaps'" 2>/dev/null)" = 1 ] && break
  kill -0 "$host_pid" 2>/dev/null || { cat "$work/host.log" >&2; exit 1; }; sleep 1
done
echo "coverage gaps stored in $(( $(date +%s) - gaps_start )) s: $(count pf_enterprise_coverage_gaps) rows" >&2

centre="$(bench_token "http://127.0.0.1:$PORT")"
dashboard="$(bench dashboard "http://127.0.0.1:$PORT" "$centre" "$park")"
echo "timing $REQUESTS rounds (after $WARMUP untimed) for park $park" >&2
latency="$(bench latency "http://127.0.0.1:$PORT" "$dashboard" "$centre" "$db" "$park" "$REQUESTS" "$WARMUP" "$repo/build/bench" "$CITY_EVERY")"
load="$(cut -d' ' -f1-3 /proc/loadavg)"
peak=$(( $(awk '/VmHWM/ {print $2}' "/proc/$host_pid/status") / 1024 ))
size_mb="$(sql -e "SELECT ROUND(SUM(data_length + index_length) / 1048576) FROM information_schema.tables WHERE table_schema = '$name'")"

echo "| statistics of the largest park (and the city), same run, round robin | requests | p50 ms | p95 ms | p99 ms | max ms |"
echo "|---|---|---|---|---|---|"
while IFS=$'\t' read -r case p50 p95 p99 max n; do
  case "$case" in
    sql*) echo "| **baseline** ${case#sql } (bare SQL, MySqlConnector, one open connection) | $n | $p50 | $p95 | $p99 | $max |" ;;
    *) echo "| POST /graphql ${case#graphql } | $n | $p50 | **$p95** | $p99 | $max |" ;;
  esac
done <<<"$latency"
echo
echo "Data: $sizes; $size_mb MB of tables and indexes; seeded in $seed_seconds s. Host peak RSS $peak MB; load average after the timing: $load."
echo "Host in Release (Production, real token certificates) on MariaDB $(mariadb --version | awk '{print $5}' | tr -d ','), $(nproc) cores, client and server on the same machine; whole run $(( $(date +%s) - started )) s."
