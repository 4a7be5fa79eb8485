#!/usr/bin/env bash
# Rights import throughput (issue #10: 100k rows from .xlsx and from CSV) next to the enterprise import's, in one
# run on one MariaDB and one Release host. Prints a Markdown table (see docs/benchmarks.md).
#   build/bench-rights-import.sh     (ROWS=100000 ENTERPRISES=20000 WARM_ROWS=20000 by default)
# The enterprise import of ROWS rows runs first (the baseline; it also registers the enterprises the rights belong
# to); then ROWS rights from CSV and ROWS other rights from .xlsx. Every right gets its deadlines computed.
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo"
ROWS="${ROWS:-100000}"; ENTERPRISES="${ENTERPRISES:-20000}"; WARM_ROWS="${WARM_ROWS:-20000}"; PORT="${PORT:-5099}"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

source build/bench/identity.sh
server="$(build/mariadb.sh start)"
dotnet build src/Host -c Release -nologo -v quiet -clp:NoSummary >&2
dotnet build build/bench/ImportBench -c Release -nologo -v quiet -clp:NoSummary >&2
bench() { dotnet artifacts/bin/ImportBench/release/IpShield.ImportBench.dll "$@"; }
host_dll="$repo/artifacts/bin/Host/release/IpShield.Host.dll"
work="$(mktemp -d)"
host_pid=""
cleanup() { [ -n "$host_pid" ] && kill "$host_pid" 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT

field() { sed -E "s/.*$1=([0-9.]+).*/\1/"; }
server_pid="$(cat "$repo/.data/mariadb/mysqld.pid")"
cpu() { awk -v hz="$(getconf CLK_TCK)" '{printf "%.1f", ($14 + $15) / hz}' "/proc/$1/stat"; }

echo "generating $ROWS enterprises, $ROWS rights as CSV and $ROWS as .xlsx (and $WARM_ROWS warm-up rights)" >&2
bench generate "$ROWS" "$work/enterprises.csv"
bench generate-rights "$ROWS" "$ENTERPRISES" "$work/rights.csv" 91420100MA C
bench generate-rights "$ROWS" "$ENTERPRISES" "$work/rights.xlsx" 91420100MA X
bench generate-rights "$WARM_ROWS" "$ENTERPRISES" "$work/warmup.csv" 91420100MA W

db="$(bench database "$server" ipshield_bench_rights)"
(cd src/Host && ConnectionStrings__MySql="$db" Logging__LogLevel__Default=Warning dotnet "$host_dll" migrate >&2)
(cd src/Host && ConnectionStrings__MySql="$db" Imports__Folder="$work/imports" GraphQL__MaxUploadBytes=1000000000 \
  Logging__LogLevel__Default=Warning ASPNETCORE_ENVIRONMENT=Production \
  exec dotnet "$host_dll" --urls "http://127.0.0.1:$PORT" >"$work/host.log" 2>&1) &
host_pid=$!
for _ in $(seq 1 120); do curl -sf "http://127.0.0.1:$PORT/health/ready" >/dev/null && break; sleep 0.5; done
TOKEN="$(bench_token "http://127.0.0.1:$PORT")"; export TOKEN
url="http://127.0.0.1:$PORT/graphql"

run() { # label, bench command, file: prints the bench line and the CPU seconds of host and server
  local host_cpu server_cpu out
  host_cpu=$(cpu "$host_pid"); server_cpu=$(cpu "$server_pid")
  out="$(bench "$2" "$3" "$url")"
  echo "$1: $out host_cpu_seconds=$(awk -v a="$(cpu "$host_pid")" -v b="$host_cpu" 'BEGIN {print a-b}') server_cpu_seconds=$(awk -v a="$(cpu "$server_pid")" -v b="$server_cpu" 'BEGIN {print a-b}')" >&2
  echo "$out"
}

ent="$(run "enterprises (CSV)" import "$work/enterprises.csv")"
run "warm-up rights (CSV, untimed)" import-rights "$work/warmup.csv" >/dev/null
csv="$(run "rights (CSV)" import-rights "$work/rights.csv")"
xlsx="$(run "rights (.xlsx)" import-rights "$work/rights.xlsx")"
deadlines="$(mariadb --no-defaults --socket="$repo/.data/mariadb/mysqld.sock" --user=root -N -e "SELECT COUNT(*) FROM ipshield_bench_rights.pf_deadlines" 2>/dev/null || echo "?")"
peak=$(( $(awk '/VmHWM/ {print $2}' "/proc/$host_pid/status") / 1024 ))

echo "| import of $ROWS rows, one host, same run | file | job seconds | rows/s |"
echo "|---|---|---|---|"
echo "| startEnterpriseImport (baseline: enterprise records, bulk load) | $(( $(stat -c %s "$work/enterprises.csv") / 1048576 )) MB CSV | $(field " seconds" <<<"$ent") | $(field rows_per_second <<<"$ent") |"
echo "| startIpRightImport from CSV (rights, their history and deadlines) | $(( $(stat -c %s "$work/rights.csv") / 1048576 )) MB CSV | $(field " seconds" <<<"$csv") | $(field rows_per_second <<<"$csv") |"
echo "| startIpRightImport from .xlsx (the same kind of rows) | $(( $(stat -c %s "$work/rights.xlsx") / 1048576 )) MB .xlsx | $(field " seconds" <<<"$xlsx") | $(field rows_per_second <<<"$xlsx") |"
echo "| rights / enterprise rate (CSV; .xlsx) | | | $(awk -v a="$(field rows_per_second <<<"$csv")" -v b="$(field rows_per_second <<<"$ent")" 'BEGIN {printf "%.2f", a/b}'); $(awk -v a="$(field rows_per_second <<<"$xlsx")" -v b="$(field rows_per_second <<<"$ent")" 'BEGIN {printf "%.2f", a/b}') |"
echo
echo "Deadlines stored after the run: $deadlines. Host peak RSS (VmHWM): $peak MB."
echo "Host in Release on MariaDB $(mariadb --version | awk '{print $5}' | tr -d ','), $(nproc) cores, client and server on the same machine; job time is startedAt → finishedAt."
