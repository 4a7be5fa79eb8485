#!/usr/bin/env bash
# Live updates at scale (issue #14): SUBSCRIPTIONS GraphQL-over-SSE streams open on one Release host on MariaDB, held by
# PEOPLE workstation staff members signed in with PKCE; EVENTS dispute cases of their workstation change stage, one every
# INTERVAL_MS, after WARMUP uncounted ones. Reports commit → delivered per delivery beside commit → applied by an
# in-process subscriber (the live-event append) for the same events. Prints a Markdown table (see docs/benchmarks.md).
#   build/bench-live.sh     (SUBSCRIPTIONS=1000 PEOPLE=1000 EVENTS=100 WARMUP=5 INTERVAL_MS=500 PORT=5096 by default)
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo"
SUBSCRIPTIONS="${SUBSCRIPTIONS:-1000}"; PEOPLE="${PEOPLE:-1000}"; EVENTS="${EVENTS:-100}"; WARMUP="${WARMUP:-5}"; INTERVAL_MS="${INTERVAL_MS:-500}"; PORT="${PORT:-5096}"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
source build/bench/identity.sh
server="$(build/mariadb.sh start)"
name=ipshield_bench_live
mariadb --no-defaults --socket="$repo/.data/mariadb/mysqld.sock" --user=root \
  -e "DROP DATABASE IF EXISTS $name; CREATE DATABASE $name CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci"
db="${server%;};Database=$name"
dotnet build src/Host -c Release -nologo -v quiet -clp:NoSummary >&2
dotnet build build/bench/LiveBench -c Release -nologo -v quiet -clp:NoSummary >&2
url="http://127.0.0.1:$PORT"
# The bench's callback is where PKCE sign-ins are redirected; people sign in as the web front end does.
(cd src/Host && ConnectionStrings__MySql="$db" Database__MigrateOnStartup=true Logging__LogLevel__Default=Warning \
  ASPNETCORE_ENVIRONMENT=Production Identity__WebRedirectUris__0="$url/bench-callback" \
  exec dotnet ../../artifacts/bin/Host/release/IpShield.Host.dll --urls "$url" >/tmp/ipshield-bench-live-host.log 2>&1) &
host_pid=$!
trap 'kill $host_pid 2>/dev/null || true' EXIT
for _ in $(seq 1 240); do curl -sf "$url/health/ready" >/dev/null && break; sleep 0.5; done
token="$(bench_token "$url")"
dotnet artifacts/bin/LiveBench/release/IpShield.LiveBench.dll "$url" "$token" "$db" "$SUBSCRIPTIONS" "$PEOPLE" "$EVENTS" "$INTERVAL_MS" "$WARMUP"
echo
echo "Host in Release (Production, real token certificates) on MariaDB $(mariadb --version | awk '{print $5}' | tr -d ','), $(nproc) cores, client and host on the same machine; host peak RSS $(awk '/VmHWM/ {print int($2/1024)}' /proc/$host_pid/status 2>/dev/null || echo '?') MB."
