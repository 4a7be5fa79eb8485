#!/usr/bin/env bash
# A risk warning that targets N enterprises (100,000 by default): issueRiskWarning over HTTP on MariaDB writes the warning,
# one notification per matching enterprise and the RiskWarningIssued outbox row in one transaction; next to a plain
# bulk insert of the same rows (INSERT ... SELECT of the same matching profiles into a copy of the notifications table),
# in the same run. Prints a Markdown table.   build/bench-warnings.sh   (N=100000 OTHERS=20000)
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo"
N="${N:-100000}"; OTHERS="${OTHERS:-20000}"; PORT="${PORT:-5098}"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

source build/bench/identity.sh
server="$(build/mariadb.sh start)"
database="ipshield_bench_warnings"
socket="$repo/.data/mariadb/mysqld.sock"
sql() { mariadb --socket="$socket" -uroot -N -B "$database" -e "$1"; }
mariadb --socket="$socket" -uroot -e "DROP DATABASE IF EXISTS $database; CREATE DATABASE $database CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci" >&2
dotnet build src/Host -c Release -nologo -v quiet -clp:NoSummary >&2

url="http://127.0.0.1:$PORT"
(cd src/Host && ConnectionStrings__MySql="${server}Database=$database" Database__MigrateOnStartup=true \
  Logging__LogLevel__Default=Warning ASPNETCORE_ENVIRONMENT=Production \
  exec dotnet ../../artifacts/bin/Host/release/IpShield.Host.dll --urls "$url" >>/tmp/ipshield-bench-warnings.log 2>&1) &
host_pid=$!
trap 'kill "$host_pid" 2>/dev/null || true; wait "$host_pid" 2>/dev/null || true' EXIT
for _ in $(seq 1 120); do curl -sf "$url/health/live" >/dev/null && break; sleep 0.5; done
TOKEN="$(bench_token "$url")"
gql() { curl -sf --max-time 600 "$url/graphql" -H 'content-type: application/json' -H "Authorization: Bearer $TOKEN" -d "$1"; }

# The profiles the Disputes module keeps from the Enterprises module's events, arranged in SQL (their making is not
# measured): N enterprises that sell on noon in AE, and OTHERS that sell elsewhere and must not be reached.
workstation="0192f0a0-0000-7000-8000-00000000bee1"; park="0192f0a0-0000-7000-8000-00000000bee2"
sql "SET SESSION max_recursive_iterations = 10000000;
     INSERT INTO dsp_enterprise_profiles (EnterpriseId, WorkstationId, ParkId, SettledOn, MarketCodes, PlatformCodes, CategoryCodes, ProfileAt)
     WITH RECURSIVE n AS (SELECT 1 AS i UNION ALL SELECT i + 1 FROM n WHERE i < $N + $OTHERS)
     SELECT UUID(), '$workstation', '$park', '2024-10-15',
            IF(i <= $N, ',AE,SA,', ',US,'), IF(i <= $N, ',Noon,OwnSite,', ',Amazon,'), '|consumer electronics|', UTC_TIMESTAMP(6) FROM n;"
sql "ANALYZE TABLE dsp_enterprise_profiles" >/dev/null
valid_until=$(date -u -d '+30 days' +%Y-%m-%d)

# Warm-up (not timed): a warning that reaches nobody, so the path is compiled and connections are open.
gql "{\"query\":\"mutation { issueRiskWarning(input: { number: \\\"BENCH-WARM\\\", title: \\\"Warm-up\\\", body: \\\"Warm-up\\\", riskType: CUSTOMS, severity: LOW, markets: [\\\"ZZ\\\"], validUntil: \\\"$valid_until\\\" }) { errors { code } } }\"}" >/dev/null

start=$(date +%s.%N)
answer=$(gql "{\"query\":\"mutation { issueRiskWarning(input: { number: \\\"BENCH-NOON-1\\\", title: \\\"noon complaint wave\\\", body: \\\"Bench\\\", riskType: PLATFORM_COMPLAINT_WAVE, severity: HIGH, markets: [\\\"AE\\\"], platforms: [NOON], validUntil: \\\"$valid_until\\\" }) { riskWarning { id } errors { code message } } }\"}")
end=$(date +%s.%N)
issue_seconds=$(awk -v a="$start" -v b="$end" 'BEGIN {printf "%.2f", b - a}')
grep -q '"errors":\[\]' <<<"$answer" || { echo "issueRiskWarning failed: $answer" >&2; exit 1; }
warning=$(sql "SELECT Id FROM dsp_risk_warnings WHERE Number = 'BENCH-NOON-1'")
reached=$(sql "SELECT COUNT(*) FROM dsp_notifications WHERE WarningId = '$warning'")
wrong=$(sql "SELECT COUNT(*) FROM dsp_notifications n JOIN dsp_enterprise_profiles p ON p.EnterpriseId = n.EnterpriseId WHERE n.WarningId = '$warning' AND p.PlatformCodes NOT LIKE '%,Noon,%'")
events=$(sql "SELECT COUNT(*) FROM dsp_outbox WHERE Type = 'disputes.risk-warning-issued.v1' AND Payload LIKE '%$warning%' AND Payload LIKE '%\"reach\":$N%'")

# Baseline: the same rows (the same matching profiles, a fresh id each) into a copy of the table, one plain statement.
sql "CREATE TABLE bench_plain_notifications LIKE dsp_notifications"
start=$(date +%s.%N)
sql "INSERT INTO bench_plain_notifications (Id, WarningId, EnterpriseId, WorkstationId, DeliveredAt)
     SELECT UUID(), '$warning', EnterpriseId, WorkstationId, UTC_TIMESTAMP(6) FROM dsp_enterprise_profiles
     WHERE WorkstationId IS NOT NULL AND MarketCodes LIKE '%,AE,%' AND PlatformCodes LIKE '%,Noon,%'"
end=$(date +%s.%N)
plain_seconds=$(awk -v a="$start" -v b="$end" 'BEGIN {printf "%.2f", b - a}')
plain_rows=$(sql "SELECT COUNT(*) FROM bench_plain_notifications")

echo "| measure | rows | seconds | rows/s |"
echo "|---|---|---|---|"
echo "| issueRiskWarning over HTTP (targeting query, warning + notifications + RiskWarningIssued outbox row in one transaction) | $reached | $issue_seconds | $(awk -v n="$reached" -v s="$issue_seconds" 'BEGIN {printf "%.0f", n / s}') |"
echo "| baseline: plain INSERT ... SELECT of the same rows into a copy of the table | $plain_rows | $plain_seconds | $(awk -v n="$plain_rows" -v s="$plain_seconds" 'BEGIN {printf "%.0f", n / s}') |"
echo "| ratio warning / plain | | $(awk -v a="$issue_seconds" -v b="$plain_seconds" 'BEGIN {printf "%.1f x the time", a / b}') | |"
echo
echo "Reached $reached of $N matching ($OTHERS others, reached wrongly: $wrong); RiskWarningIssued events with reach $N: $events."
echo "Host in Release (Production, real token certificates) on MariaDB $(mariadb --version | awk '{print $5}' | tr -d ','), $(nproc) cores"
