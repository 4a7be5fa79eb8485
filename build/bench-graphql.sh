#!/usr/bin/env bash
# Requests/s of a typical list query through /graphql (with a bearer token, as every client sends) versus a plain
# minimal-API endpoint doing the same EF queries and JSON, without a token (the baseline) and with one, in one run
# against one host on MariaDB, rounds interleaved. Prints a Markdown table.
#   build/bench-graphql.sh            (ROUNDS=5 DURATION=15 CONNECTIONS=16 WARMUP=30 PORT=5099 by default)
# The warm-up is long because the GraphQL path is still being JIT-compiled after 10 s (its first round came out at
# half the others).
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo"
ROUNDS="${ROUNDS:-5}"; DURATION="${DURATION:-15}"; CONNECTIONS="${CONNECTIONS:-16}"; PORT="${PORT:-5099}"; WARMUP="${WARMUP:-30}"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
command -v wrk >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >&2; }

source build/bench/identity.sh
server="$(build/mariadb.sh start)"
database="ipshield_bench"
mariadb --socket="$repo/.data/mariadb/mysqld.sock" -uroot -e "DROP DATABASE IF EXISTS $database" >&2
dotnet build src/Host -c Release -nologo -v quiet -clp:NoSummary >&2

url="http://127.0.0.1:$PORT"
(cd src/Host && ConnectionStrings__MySql="${server}Database=$database" Database__MigrateOnStartup=true \
  Benchmarks__PlainEndpoints=true Logging__LogLevel__Default=Warning ASPNETCORE_ENVIRONMENT=Production \
  exec dotnet ../../artifacts/bin/Host/release/IpShield.Host.dll --urls "$url" >/tmp/ipshield-bench-host.log 2>&1) &
host_pid=$!
trap 'kill $host_pid 2>/dev/null || true' EXIT
for _ in $(seq 1 120); do curl -sf "$url/health/ready" >/dev/null && break; sleep 0.5; done

export TOKEN
TOKEN="$(bench_token "$url")"
gql() { curl -sf "$url/graphql" -H 'content-type: application/json' -H "Authorization: Bearer $TOKEN" -d "$1"; }
echo "seeding 5 parks and 100 workstations" >&2
for park_no in 1 2 3 4 5; do
  park=$(gql "{\"query\":\"mutation { registerPark(input: { name: \\\"Bench park $park_no\\\", city: \\\"Wuhan\\\" }) { park { id } } }\"}" | sed -E 's/.*"id":"([^"]+)".*/\1/')
  for w in $(seq 1 20); do
    gql "{\"query\":\"mutation { openWorkstation(input: { name: \\\"Bench workstation $park_no-$w\\\", parkId: \\\"$park\\\", level: DISTRICT, openedOn: \\\"2024-10-15\\\" }) { errors { code } } }\"}" >/dev/null
  done
done

rps() { # prints requests/s; fails on any non-2xx answer
  local out; out=$(wrk -t1 -c"$CONNECTIONS" -d"${DURATION}s" "$@")
  if grep -q "Non-2xx" <<<"$out"; then echo "non-2xx answers: $out" >&2; exit 1; fi
  awk '/Requests\/sec/ {print $2}' <<<"$out"
}
graphql() { rps -s build/bench/graphql-list.lua "$url/graphql"; }
plain() { rps "$url/benchmarks/plain/workstations?first=20"; }
plain_token() { rps -H "Authorization: Bearer $TOKEN" "$url/benchmarks/plain/workstations?first=20"; }

echo "warming up" >&2
DURATION=$WARMUP graphql >/dev/null; DURATION=$WARMUP plain >/dev/null; DURATION=$WARMUP plain_token >/dev/null

declare -a gq pl pt
for r in $(seq 1 "$ROUNDS"); do
  gq+=("$(graphql)"); pl+=("$(plain)"); pt+=("$(plain_token)")
  echo "round $r: graphql ${gq[-1]} req/s, plain without token ${pl[-1]} req/s, plain with token ${pt[-1]} req/s" >&2
done
median() { printf '%s\n' "$@" | sort -g | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN {printf "%.2f", a/b}'; }
gm=$(median "${gq[@]}"); pm=$(median "${pl[@]}"); tm=$(median "${pt[@]}")
echo "| endpoint | rounds (req/s) | median req/s | / baseline |"
echo "|---|---|---|---|"
echo "| **baseline**: GET /benchmarks/plain/workstations?first=20 without a token (minimal API, same EF queries, no authentication) | ${pl[*]} | $pm | 1.00 |"
echo "| the same plain endpoint with the bearer token | ${pt[*]} | $tm | $(ratio "$tm" "$pm") |"
echo "| POST /graphql with the bearer token, \`workstations(first: 20) { nodes { id name level openedOn park { name } } }\` | ${gq[*]} | $gm | **$(ratio "$gm" "$pm")** (target ≥ 0.80) |"
echo
echo "wrk -t1 -c$CONNECTIONS -d${DURATION}s, $ROUNDS interleaved rounds after a ${WARMUP} s warm-up each; host in Release on MariaDB $(mariadb --version | awk '{print $5}' | tr -d ','), $(nproc) cores"
