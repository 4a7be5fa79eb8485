#!/usr/bin/env bash
# Dashboard soak (issue #13): for DURATION seconds against ONE Release host (Production, real token certificates) on
# MariaDB: DASHBOARDS third-party dashboards poll their park's statistics through a trusted document over GET with
# If-None-Match every POLL_MS, STAFF workstation staff members write a realistic mix (services, monthly sales,
# certifications, dispute cases opened and closed, training registrations) with THINK_MS between writes, and one enterprise
# import of IMPORT_ROWS rows is uploaded a quarter of the way in. Reports requests, 304s, 429s, errors and p50/p95/p99 per
# operation, the host's resident set every 5 s (shown every 30 s) and its growth after minute 2 (the third minute's
# peak and floor against the last minute's); prints Markdown tables and pass/fail lines (exit 1 on a failed check). See docs/benchmarks.md.
#   build/soak-dashboard.sh     (DURATION=600 DASHBOARDS=20 STAFF=8 POLL_MS=2000 THINK_MS=1000 IMPORT_ROWS=3000
#                                BUDGET_PER_MINUTE=1000000 PORT=5303 by default; the database server: build/mariadb.sh,
#                                its port from IPSHIELD_MARIADB_PORT)
# A dashboard's budget (BUDGET_PER_MINUTE, cost per minute) is set when the centre registers it; the default lets a
# dashboard polling every POLL_MS stay well within it. Dashboards that get 429 wait Retry-After, and 429s are counted
# apart from errors.
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo"
DURATION="${DURATION:-600}"; DASHBOARDS="${DASHBOARDS:-20}"; STAFF="${STAFF:-8}"; POLL_MS="${POLL_MS:-2000}"; THINK_MS="${THINK_MS:-1000}"
IMPORT_ROWS="${IMPORT_ROWS:-3000}"; BUDGET_PER_MINUTE="${BUDGET_PER_MINUTE:-1000000}"; PORT="${PORT:-5303}"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

source build/bench/identity.sh
server="$(build/mariadb.sh start)"
name=ipshield_soak_dashboard
mariadb --no-defaults --socket="$repo/.data/mariadb/mysqld.sock" --user=root \
  -e "DROP DATABASE IF EXISTS $name; CREATE DATABASE $name CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci"
db="${server%;};Database=$name"
dotnet build src/Host -c Release -nologo -v quiet -clp:NoSummary >&2
dotnet build build/bench/SoakBench -c Release -nologo -v quiet -clp:NoSummary >&2
dotnet build build/bench/ImportBench -c Release -nologo -v quiet -clp:NoSummary >&2
work="$(mktemp -d)"
host_pid=""
cleanup() { [ -n "$host_pid" ] && kill "$host_pid" 2>/dev/null || true; rm -rf "$work" "$bench_identity_dir"; }
trap cleanup EXIT
# The import: new enterprises (codes of their own prefix), as a park's register would send them.
dotnet artifacts/bin/ImportBench/release/IpShield.ImportBench.dll generate "$IMPORT_ROWS" "$work/import.csv" 91420500MK >&2

url="http://127.0.0.1:$PORT"
# Staff sign in with PKCE through the bench's callback, as people do through the web front end.
(cd src/Host && exec env ConnectionStrings__MySql="$db" Database__MigrateOnStartup=true Logging__LogLevel__Default=Warning \
  ASPNETCORE_ENVIRONMENT=Production Identity__WebRedirectUris__0="$url/bench-callback" \
  dotnet ../../artifacts/bin/Host/release/IpShield.Host.dll --urls "$url" >"$work/host.log" 2>&1) &
host_pid=$!
for _ in $(seq 1 240); do curl -sf "$url/health/ready" >/dev/null && break; kill -0 "$host_pid" 2>/dev/null || { cat "$work/host.log" >&2; exit 1; }; sleep 0.5; done
token="$(bench_token "$url")"
status=0
dotnet artifacts/bin/SoakBench/release/IpShield.SoakBench.dll "$url" "$token" "$host_pid" "$DURATION" "$DASHBOARDS" "$STAFF" "$POLL_MS" "$THINK_MS" \
  "$work/import.csv" "$BUDGET_PER_MINUTE" || status=$?
echo
echo "Host in Release (Production, real token certificates) on MariaDB $(mariadb --version | awk '{print $5}' | tr -d ','), $(nproc) cores, client and host on the same machine; host peak RSS $(awk '/VmHWM/ {print int($2/1024)}' "/proc/$host_pid/status") MB; load average at the end $(cut -d' ' -f1-3 /proc/loadavg)."
if grep -qE "fail|crit|Unhandled" "$work/host.log"; then
  echo "Host log warnings and errors (first 20 lines):"; grep -E "fail|crit|Unhandled" "$work/host.log" | head -20
fi
exit "$status"
