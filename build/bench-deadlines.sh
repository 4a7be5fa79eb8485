#!/usr/bin/env bash
# Deadlines at scale (issue #10): with RIGHTS rights and their deadlines on MariaDB, the first page of "open deadlines due
# in the next 90 days for one workstation" over GraphQL as that workstation's staff member (a real token from the sign-in
# flow), against the bare SQL query returning the same rows in the same loop; and how fast a rule change recomputes the
# deadlines it touches. Prints Markdown tables (see docs/benchmarks.md).
#   build/bench-deadlines.sh     (RIGHTS=1000000 ENTERPRISES=20000 WORKSTATIONS=100 REQUESTS=1000 WARMUP=200 BUFFER_POOL_MB=2048 by default)
# 1. DeadlineBench seeds the rights with the module's own code (recordIpRight's checks and history, the deadline engine)
#    using the catalogue as it was before the CN renewal window was corrected (6 → 12 months), and stores that catalogue's
#    fingerprints: the database is what a host of the previous version left.
# 2. The Release host starts on it, finds the changed rule and computes again the deadlines of every right it may touch
#    (all Chinese marks, half the rights); the rate comes from its own log line (rights, seconds).
# 3. A sample of the recomputed rights is checked against the shipped engine, then the page is timed.
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo"
RIGHTS="${RIGHTS:-1000000}"; ENTERPRISES="${ENTERPRISES:-20000}"; WORKSTATIONS="${WORKSTATIONS:-100}"
REQUESTS="${REQUESTS:-1000}"; WARMUP="${WARMUP:-200}"; PORT="${PORT:-5097}"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

source build/bench/identity.sh
server="$(build/mariadb.sh start)"
# build/mariadb.sh's 256 MB buffer pool is sized for tests; 1M rights with their history and deadlines take ~3.5 GB of
# tables and indexes, and a server holding them would be given a pool to match (resized online, this server only).
mariadb --no-defaults --socket="$repo/.data/mariadb/mysqld.sock" --user=root -e "SET GLOBAL innodb_buffer_pool_size = ${BUFFER_POOL_MB:-2048} * 1048576"
dotnet build src/Host -c Release -nologo -v quiet -clp:NoSummary >&2
dotnet build build/bench/DeadlineBench -c Release -nologo -v quiet -clp:NoSummary >&2
bench() { dotnet artifacts/bin/DeadlineBench/release/IpShield.DeadlineBench.dll "$@"; }
host_dll="$repo/artifacts/bin/Host/release/IpShield.Host.dll"
name=ipshield_bench_deadlines
sql() { mariadb --no-defaults --socket="$repo/.data/mariadb/mysqld.sock" --user=root -N "$name" -e "$1"; }
work="$(mktemp -d)"
host_pid=""
cleanup() { [ -n "$host_pid" ] && kill "$host_pid" 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT
field() { sed -E "s/.*[ ^]$1=([0-9.a-f-]+).*/\1/"; }

mariadb --no-defaults --socket="$repo/.data/mariadb/mysqld.sock" --user=root \
  -e "DROP DATABASE IF EXISTS $name; CREATE DATABASE $name CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci"
db="${server%;};Database=$name"
(cd src/Host && ConnectionStrings__MySql="$db" Logging__LogLevel__Default=Warning dotnet "$host_dll" migrate >&2)

echo "seeding $RIGHTS rights of $ENTERPRISES enterprises in $WORKSTATIONS workstations" >&2
seed="$(bench seed "$db" "$RIGHTS" "$ENTERPRISES" "$WORKSTATIONS")"; echo "$seed" >&2
workstation="$(field workstation <<<"$seed")"
size_mb="$(sql "SELECT ROUND(SUM(data_length + index_length) / 1048576) FROM information_schema.tables WHERE table_schema = '$name' AND table_name LIKE 'pf\_%'")"

# The host logs the rule sync at Information (everything else at Warning, as in the other benchmarks).
(cd src/Host && exec env ConnectionStrings__MySql="$db" Logging__LogLevel__Default=Warning \
  "Logging__LogLevel__IpShield.Portfolios.Jobs.DeadlineJobs=Information" Logging__Console__FormatterName=simple \
  Identity__WebRedirectUris__0="http://127.0.0.1:$PORT/bench-callback" ASPNETCORE_ENVIRONMENT=Production \
  dotnet "$host_dll" --urls "http://127.0.0.1:$PORT" >"$work/host.log" 2>&1) &
host_pid=$!
for _ in $(seq 1 120); do curl -sf "http://127.0.0.1:$PORT/health/ready" >/dev/null && break; sleep 0.5; done
echo "waiting for the host's rule sync" >&2
for _ in $(seq 1 1800); do grep -q "Deadline rules:" "$work/host.log" && break; kill -0 "$host_pid" 2>/dev/null || { cat "$work/host.log" >&2; exit 1; }; sleep 1; done
sync_line="$(grep -A1 "Deadline rules:" "$work/host.log" | tr '\n' ' ')"; echo "$sync_line" >&2
grep -q "computed again" <<<"$sync_line" || { echo "the rule sync did not complete" >&2; cat "$work/host.log" >&2; exit 1; }
sync_rights="$(sed -E 's/.*deadlines of ([0-9]+) right.*/\1/' <<<"$sync_line")"
sync_seconds="$(sed -E 's/.* in ([0-9.]+) s.*/\1/' <<<"$sync_line")"
# Every open or missed deadline of a recomputed right was computed again; the changed ones were updated (ADR 0019).
sync_deadlines="$(sql "SELECT COUNT(*) FROM pf_deadlines d JOIN pf_ip_rights r ON r.Id = d.RightId WHERE r.Kind = 'Trademark' AND r.Jurisdiction = 'CN' AND d.State IN ('Open', 'Missed')")"
renewals="$(sql "SELECT COUNT(*) FROM pf_deadlines WHERE RuleKey = 'tm.renewal.cn'")"
verify="$(bench verify "$db" 2000)"; echo "$verify" >&2

operator="$(bench_token "http://127.0.0.1:$PORT")"
staff="$(bench staff-token "http://127.0.0.1:$PORT" "$operator" "$workstation")"
in_window="$(sql "SELECT COUNT(*) FROM pf_deadlines WHERE WorkstationId = '$workstation' AND State = 'Open' AND DueOn BETWEEN CURDATE() AND CURDATE() + INTERVAL 90 DAY")"
of_workstation="$(sql "SELECT COUNT(*) FROM pf_deadlines WHERE WorkstationId = '$workstation'")"
echo "timing $REQUESTS pages each (after $WARMUP untimed) for workstation $workstation: $in_window of its $of_workstation deadlines are open and due in 90 days" >&2
# CPU the host spends per GraphQL page (only the GraphQL half of the loop reaches it): a figure the machine's load does not inflate.
cpu() { awk -v hz="$(getconf CLK_TCK)" '{printf "%.2f", ($14 + $15) / hz}' "/proc/$1/stat"; }
host_cpu=$(cpu "$host_pid")
latency="$(bench latency "http://127.0.0.1:$PORT" "$staff" "$db" "$workstation" "$REQUESTS" "$WARMUP")"; echo "$latency" >&2
host_ms=$(awk -v a="$(cpu "$host_pid")" -v b="$host_cpu" -v n=$(( REQUESTS + WARMUP + 1 )) 'BEGIN {printf "%.1f", (a - b) * 1000 / n}')
load="$(cut -d' ' -f1-3 /proc/loadavg)"
gq="$(grep '^graphql' <<<"$latency")"; bare="$(grep '^sql' <<<"$latency")"
echo "EXPLAIN of the bare query:" >&2
sql "EXPLAIN SELECT d.Id FROM pf_deadlines d JOIN pf_ip_rights r ON r.Id = d.RightId WHERE d.WorkstationId = '$workstation' AND d.State = 'Open' AND d.DueOn >= CURDATE() AND d.DueOn <= CURDATE() + INTERVAL 90 DAY ORDER BY d.DueOn, d.Id LIMIT 20" >&2
peak=$(( $(awk '/VmHWM/ {print $2}' "/proc/$host_pid/status") / 1024 ))

echo "| first page (20) of one workstation's open deadlines due in 90 days, same run | p50 ms | p95 ms | p99 ms | max ms |"
echo "|---|---|---|---|---|"
echo "| **baseline**: bare SQL (MySqlConnector, one open connection, same rows and columns) | $(field p50 <<<"$bare") | $(field p95 <<<"$bare") | $(field p99 <<<"$bare") | $(field max <<<"$bare") |"
echo "| POST /graphql \`deadlines(first: 20, where: { workstation, state: OPEN, dueOn: { gte, lte } }) { nodes { … right { … } } pageInfo { … } }\` as the workstation's staff | $(field p50 <<<"$gq") | **$(field p95 <<<"$gq")** (target < 50) | $(field p99 <<<"$gq") | $(field max <<<"$gq") |"
echo
echo "| rule change: tm.renewal.cn window 6 → 12 months, at host start | value |"
echo "|---|---|"
echo "| rights recomputed (all Chinese marks) | $sync_rights |"
echo "| deadlines recomputed (their open and missed ones, computed and compared; those whose window moved, tm.renewal.cn, updated) | $sync_deadlines (tm.renewal.cn: $renewals) |"
echo "| seconds (the host's own clock) | $sync_seconds |"
echo "| **rights / s; deadlines / s** | **$(awk -v a="$sync_rights" -v b="$sync_seconds" 'BEGIN {printf "%.0f", a/b}'); $(awk -v a="$sync_deadlines" -v b="$sync_seconds" 'BEGIN {printf "%.0f", a/b}')** |"
echo
echo "Seed: $seed. pf_ tables $size_mb MB; the workstation timed holds $of_workstation deadlines, $in_window of them open and due in 90 days."
echo "Check after the sync: $verify. Host peak RSS $peak MB. Host CPU per GraphQL page: $host_ms ms. Load average after the timing: $load."
echo "Host in Release (Production, real token certificates) on MariaDB $(mariadb --version | awk '{print $5}' | tr -d ','), $(nproc) cores, client and server on the same machine."
