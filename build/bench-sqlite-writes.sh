#!/usr/bin/env bash
# Concurrent writers on the embedded SQLite default: CONNECTIONS clients recording services (recordService, each
# commit writes a service record and its outbox event; the relay delivers it to the statistics subscriber at the
# same time), next to the same load on MariaDB as the baseline of the same run. Prints a Markdown table.
#   build/bench-sqlite-writes.sh      (ROUNDS=3 DURATION=15 CONNECTIONS=16 by default)
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo"
ROUNDS="${ROUNDS:-3}"; DURATION="${DURATION:-15}"; CONNECTIONS="${CONNECTIONS:-16}"; PORT="${PORT:-5097}"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
command -v wrk >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >&2; }

source build/bench/identity.sh
server="$(build/mariadb.sh start)"
database="ipshield_bench_writes"
mariadb --socket="$repo/.data/mariadb/mysqld.sock" -uroot -e "DROP DATABASE IF EXISTS $database" >&2
sqlite_dir="$(mktemp -d)"
dotnet build src/Host -c Release -nologo -v quiet -clp:NoSummary >&2

url="http://127.0.0.1:$PORT"
host_pid=""
start_host() { # $1: MySql connection string, empty for SQLite
  (cd src/Host && ConnectionStrings__MySql="$1" ConnectionStrings__Sqlite="Data Source=$sqlite_dir/ipshield.db" \
    Database__MigrateOnStartup=true Demo__Seed=false Logging__LogLevel__Default=Warning ASPNETCORE_ENVIRONMENT=Production \
    exec dotnet ../../artifacts/bin/Host/release/IpShield.Host.dll --urls "$url" >>/tmp/ipshield-bench-writes.log 2>&1) &
  host_pid=$!
  for _ in $(seq 1 120); do curl -sf "$url/health/live" >/dev/null && return 0; sleep 0.5; done
  echo "host did not start; see /tmp/ipshield-bench-writes.log" >&2; exit 1
}
stop_host() { kill "$host_pid" 2>/dev/null || true; wait "$host_pid" 2>/dev/null || true; }
trap 'stop_host; rm -rf "$sqlite_dir"' EXIT
export TOKEN WORKSTATION
gql() { curl -sf "$url/graphql" -H 'content-type: application/json' -H "Authorization: Bearer $TOKEN" -d "$1"; }

# Prints "req/s p50 p99" for one round; fails on a non-2xx answer or a GraphQL error in any answer.
round() {
  local out; out=$(wrk -t1 -c"$CONNECTIONS" -d"${1}s" --latency -s build/bench/record-service-checked.lua "$url/graphql")
  if grep -q "Non-2xx" <<<"$out" || ! grep -q "failed answers: 0$" <<<"$out"; then echo "failed answers: $out" >&2; exit 1; fi
  awk '/Requests\/sec/ {rps=$2} /^ +50%/ {p50=$2} /^ +99%/ {p99=$2} END {print rps, p50, p99}' <<<"$out"
}

declare -A rps p50 p99
for provider in SQLite MariaDB; do
  if [ "$provider" = SQLite ]; then start_host ""; else start_host "${server}Database=$database"; fi
  TOKEN="$(bench_token "$url")"
  park=$(gql '{"query":"mutation { registerPark(input: { name: \"Bench park\", city: \"Wuhan\" }) { park { id } } }"}' | sed -E 's/.*"id":"([^"]+)".*/\1/')
  WORKSTATION=$(gql "{\"query\":\"mutation { openWorkstation(input: { name: \\\"Bench workstation\\\", parkId: \\\"$park\\\", level: DISTRICT, openedOn: \\\"2024-01-01\\\" }) { workstation { id } } }\"}" | sed -E 's/.*"id":"([^"]+)".*/\1/')
  echo "$provider: warming up" >&2
  round 5 >/dev/null
  for r in $(seq 1 "$ROUNDS"); do
    read -r a b c < <(round "$DURATION")
    rps[$provider]+="$a "; p50[$provider]+="$b "; p99[$provider]+="$c "
    echo "$provider round $r: $a req/s, p50 $b, p99 $c" >&2
  done
  stop_host
done

median() { printf '%s\n' $@ | sort -g | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
echo "| recordService, $CONNECTIONS clients | rounds (req/s) | median req/s | p50 per round | p99 per round |"
echo "|---|---|---|---|---|"
for provider in SQLite MariaDB; do
  echo "| $provider | ${rps[$provider]% } | $(median ${rps[$provider]}) | ${p50[$provider]% } | ${p99[$provider]% } |"
done
echo
echo "wrk -t1 -c$CONNECTIONS -d${DURATION}s --latency, $ROUNDS rounds after a 5 s warm-up; every answer checked for errors; host in Release, relay on; $(nproc) cores"
