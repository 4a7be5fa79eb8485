#!/usr/bin/env bash
# Bulk import throughput versus MySqlBulkCopy, in one run on one MariaDB, and the host's peak memory while it
# imports a 1M-row file. Prints a Markdown table (see docs/benchmarks.md).
#   build/bench-import.sh        (ROWS=100000 ROUNDS=2 BIG_ROWS=1000000 WARM_ROWS=300000 by default; BIG_ROWS=0 skips the memory run)
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo"
ROWS="${ROWS:-100000}"; ROUNDS="${ROUNDS:-2}"; BIG_ROWS="${BIG_ROWS:-1000000}"; PORT="${PORT:-5098}"
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

migrate() { (cd src/Host && ConnectionStrings__MySql="$1" Logging__LogLevel__Default=Warning dotnet "$host_dll" migrate >&2); }
start_host() {
  (cd src/Host && ConnectionStrings__MySql="$1" Imports__Folder="$work/imports" GraphQL__MaxUploadBytes=1000000000 \
    Logging__LogLevel__Default=Warning ASPNETCORE_ENVIRONMENT=Production \
    exec dotnet "$host_dll" --urls "http://127.0.0.1:$PORT" >"$work/host.log" 2>&1) &
  host_pid=$!
  for _ in $(seq 1 120); do curl -sf "http://127.0.0.1:$PORT/health/ready" >/dev/null && { TOKEN="$(bench_token "http://127.0.0.1:$PORT")"; export TOKEN; return; }; sleep 0.5; done
  echo "host did not start" >&2; cat "$work/host.log" >&2; exit 1
}
stop_host() { kill "$host_pid"; wait "$host_pid" 2>/dev/null || true; host_pid=""; }
field() { sed -E "s/.*$1=([0-9.]+).*/\1/"; }
# CPU seconds (user + system) a process has used so far: where an import's time goes, host or database.
server_pid="$(cat "$repo/.data/mariadb/mysqld.pid")"
cpu() { awk -v hz="$(getconf CLK_TCK)" '{printf "%.1f", ($14 + $15) / hz}' "/proc/$1/stat"; }

echo "generating $ROWS rows" >&2
bench generate "$ROWS" "$work/rows.csv"
# Warm-up files with other codes: a fresh host JIT-compiles (tiered, with dynamic PGO) for its first minute or so,
# hundreds of methods a second on the same two cores (dotnet-counters: dotnet.jit.compiled_methods); WARM_ROWS
# bring it to the steady state a long-running host is in. The bulk copy loads the same rows first, untimed, so both
# write into a table of the same size.
WARM_ROWS="${WARM_ROWS:-300000}"; warm_files=()
for i in $(seq 1 $(( (WARM_ROWS + 99999) / 100000 ))); do
  bench generate $(( WARM_ROWS / ((WARM_ROWS + 99999) / 100000) )) "$work/warmup$i.csv" "9142030${i}MA"; warm_files+=("$work/warmup$i.csv")
done

declare -a bulk imp peaks
for r in $(seq 1 "$ROUNDS"); do
  db="$(bench database "$server" ipshield_bench_bulk)"; migrate "$db"
  out="$(bench bulkcopy "$work/rows.csv" "$db" "${warm_files[@]}")"; bulk+=("$(field rows_per_second <<<"$out")")
  echo "round $r: $out" >&2

  db="$(bench database "$server" ipshield_bench_import)"; migrate "$db"; start_host "$db"
  for w in "${warm_files[@]}"; do echo "round $r, warm-up: $(bench import "$w" "http://127.0.0.1:$PORT/graphql")" >&2; done
  host_cpu=$(cpu "$host_pid"); server_cpu=$(cpu "$server_pid")
  out="$(bench import "$work/rows.csv" "http://127.0.0.1:$PORT/graphql")"; imp+=("$(field rows_per_second <<<"$out")")
  echo "round $r: $out host_cpu_seconds=$(awk -v a="$(cpu "$host_pid")" -v b="$host_cpu" 'BEGIN {print a-b}') server_cpu_seconds=$(awk -v a="$(cpu "$server_pid")" -v b="$server_cpu" 'BEGIN {print a-b}')" >&2
  peaks+=("$(( $(awk '/VmHWM/ {print $2}' "/proc/$host_pid/status") / 1024 ))")
  again="$(bench import "$work/rows.csv" "http://127.0.0.1:$PORT/graphql")"; echo "round $r, same file again (all unchanged): $again" >&2
  stop_host
done

median() { printf '%s\n' "$@" | sort -g | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
bm=$(median "${bulk[@]}"); im=$(median "${imp[@]}")
echo "| load of $ROWS rows into ent_enterprises | rounds (rows/s) | median rows/s |"
echo "|---|---|---|"
echo "| MySqlBulkCopy (parsed rows, no checks, insert only) | ${bulk[*]} | $bm |"
echo "| startEnterpriseImport (CSV parse, validation, LOAD DATA of new rows, code lookup where a registered one is met, batches of 1,000 with progress) | ${imp[*]} | $im |"
echo "| **ratio import / bulk copy** | | **$(awk -v a="$im" -v b="$bm" 'BEGIN {printf "%.2f", a/b}')** (target ≥ 0.50) |"
echo "| host peak RSS (VmHWM) after importing $ROWS rows | ${peaks[*]} MB | |"

if [ "$BIG_ROWS" -gt 0 ]; then
  echo "generating $BIG_ROWS rows" >&2
  bench generate "$BIG_ROWS" "$work/big.csv"
  db="$(bench database "$server" ipshield_bench_big)"; migrate "$db"; start_host "$db"
  for w in "${warm_files[@]}"; do bench import "$w" "http://127.0.0.1:$PORT/graphql" >/dev/null; done
  before=$(awk '/VmRSS/ {print $2}' "/proc/$host_pid/status")
  out="$(bench import "$work/big.csv" "http://127.0.0.1:$PORT/graphql")"; echo "$out" >&2
  peak=$(awk '/VmHWM/ {print $2}' "/proc/$host_pid/status")
  stop_host
  echo
  echo "| $BIG_ROWS-row file ($(( $(stat -c %s "$work/big.csv") / 1048576 )) MB) | value |"
  echo "|---|---|"
  echo "| import rows/s | $(field rows_per_second <<<"$out") |"
  echo "| host RSS after the $WARM_ROWS-row warm-up | $(( before / 1024 )) MB |"
  echo "| host peak RSS (VmHWM) during upload and import | $(( peak / 1024 )) MB |"
fi
echo
echo "Host in Release on MariaDB $(mariadb --version | awk '{print $5}' | tr -d ','), $(nproc) cores, client and server on the same machine; job time is startedAt → finishedAt."
