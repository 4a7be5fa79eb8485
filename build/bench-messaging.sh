#!/usr/bin/env bash
# Events per second through outbox -> relay -> Wolverine -> subscriber (inbox + effect) on MariaDB, next to
# the rate the same host commits the mutations that write them, and the end-to-end latency (median, p99)
# from commit to applied. Prints a Markdown table.
#   build/bench-messaging.sh          (WRITE_SECONDS=10 LATENCY_EVENTS=300 by default)
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo"
WRITE_SECONDS="${WRITE_SECONDS:-10}"; LATENCY_EVENTS="${LATENCY_EVENTS:-300}"; PORT="${PORT:-5098}"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
command -v wrk >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >&2; }

source build/bench/identity.sh
server="$(build/mariadb.sh start)"
database="ipshield_bench_messaging"
sql() { mariadb --socket="$repo/.data/mariadb/mysqld.sock" -uroot -N -B "$database" -e "$1"; }
mariadb --socket="$repo/.data/mariadb/mysqld.sock" -uroot -e "DROP DATABASE IF EXISTS $database" >&2
dotnet build src/Host -c Release -nologo -v quiet -clp:NoSummary >&2

url="http://127.0.0.1:$PORT"
host_pid=""
start_host() { # $1: relay enabled?
  (cd src/Host && ConnectionStrings__MySql="${server}Database=$database" Database__MigrateOnStartup=true Messaging__RelayEnabled="$1" \
    Logging__LogLevel__Default=Warning ASPNETCORE_ENVIRONMENT=Production \
    exec dotnet ../../artifacts/bin/Host/release/IpShield.Host.dll --urls "$url" >>/tmp/ipshield-bench-messaging.log 2>&1) &
  host_pid=$!
  for _ in $(seq 1 120); do curl -sf "$url/health/live" >/dev/null && return 0; sleep 0.5; done
  echo "host did not start; see /tmp/ipshield-bench-messaging.log" >&2; exit 1
}
stop_host() { kill "$host_pid" 2>/dev/null || true; wait "$host_pid" 2>/dev/null || true; }
trap stop_host EXIT
export TOKEN
gql() { curl -sf "$url/graphql" -H 'content-type: application/json' -H "Authorization: Bearer $TOKEN" -d "$1"; }

# 1. Writes only: the relay is off, events pile up in the outbox (as after a crash).
start_host false
TOKEN="$(bench_token "$url")"
park=$(gql '{"query":"mutation { registerPark(input: { name: \"Bench park\", city: \"Wuhan\" }) { park { id } } }"}' | sed -E 's/.*"id":"([^"]+)".*/\1/')
export WORKSTATION
WORKSTATION=$(gql "{\"query\":\"mutation { openWorkstation(input: { name: \\\"Bench workstation\\\", parkId: \\\"$park\\\", level: DISTRICT, openedOn: \\\"2024-01-01\\\" }) { workstation { id } } }\"}" | sed -E 's/.*"id":"([^"]+)".*/\1/')
write_rps=$(wrk -t1 -c8 -d"${WRITE_SECONDS}s" -s build/bench/record-service.lua "$url/graphql" | awk '/Requests\/sec/ {print $2}')
stop_host
backlog=$(sql "SELECT COUNT(*) FROM ws_outbox WHERE PublishedAt IS NULL AND Type = 'workstations.service-recorded.v1'")

# 2. Drain: a host with the relay on delivers the backlog; the rate comes from the subscriber's own timestamps.
start_host true
TOKEN="$(bench_token "$url")"
for _ in $(seq 1 600); do [ "$(sql 'SELECT COUNT(*) FROM ws_outbox WHERE PublishedAt IS NULL')" = 0 ] && break; sleep 0.5; done
read -r handled micros < <(sql "SELECT COUNT(*), TIMESTAMPDIFF(MICROSECOND, MIN(HandledAt), MAX(HandledAt)) FROM ws_inbox")
drain_eps=$(awk -v n="$handled" -v us="$micros" 'BEGIN {printf "%.0f", (us > 0 ? n / (us / 1e6) : 0)}')
counted=$(sql "SELECT SUM(Consultations) FROM ws_monthly_service_stats")

# 3. Latency: one mutation at a time with the relay running; commit (outbox row) to applied (inbox row).
since=$(sql "SELECT UTC_TIMESTAMP(6)")
body="{\"query\":\"mutation(\$input: RecordServiceInput!) { recordService(input: \$input) { errors { code } } }\",\"variables\":{\"input\":{\"workstationId\":\"$WORKSTATION\",\"kind\":\"GUIDANCE_VISIT\",\"occurredOn\":\"2025-07-01\",\"topic\":\"Latency\"}}}"
for _ in $(seq 1 "$LATENCY_EVENTS"); do gql "$body" >/dev/null; done
for _ in $(seq 1 100); do [ "$(sql 'SELECT COUNT(*) FROM ws_outbox WHERE PublishedAt IS NULL')" = 0 ] && break; sleep 0.2; done
latencies=$(sql "SELECT TIMESTAMPDIFF(MICROSECOND, o.CreatedAt, i.HandledAt) / 1000 FROM ws_outbox o JOIN ws_inbox i ON i.MessageId = o.Id WHERE o.CreatedAt >= '$since' ORDER BY 1")
pct() { awk -v p="$1" '{a[NR]=$1} END {i=int((NR-1)*p/100)+1; printf "%.1f", a[i]}' <<<"$latencies"; }

echo "| measure | value |"
echo "|---|---|"
echo "| mutations committed (recordService, relay off, wrk -c8 ${WRITE_SECONDS}s) | ${write_rps} req/s |"
echo "| backlog drained by one relay (outbox → Wolverine → inbox + effect) | ${drain_eps} events/s over ${handled} events |"
echo "| events counted by the subscriber / written | ${counted} / ${backlog} |"
echo "| end-to-end latency, commit → applied, median | $(pct 50) ms |"
echo "| end-to-end latency, p99 | $(pct 99) ms |"
echo
echo "$LATENCY_EVENTS sequential mutations for the latency; host in Release on MariaDB $(mariadb --version | awk '{print $5}' | tr -d ','), $(nproc) cores"
