#!/usr/bin/env bash
# Check-ins per second at the door: one session with N registrations (2,000 by default), every code scanned once by
# S scanners in parallel (8 by default) through checkInAttendee over HTTP, on MariaDB; next to the same number of
# plain single-row INSERTs into a one-table baseline by the same number of connections, in the same run.
# Prints a Markdown table.   build/bench-training.sh   (N=2000 S=8)
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo"
N="${N:-2000}"; S="${S:-8}"; PORT="${PORT:-5097}"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

source build/bench/identity.sh
server="$(build/mariadb.sh start)"
database="ipshield_bench_training"
socket="$repo/.data/mariadb/mysqld.sock"
sql() { mariadb --socket="$socket" -uroot -N -B "$database" -e "$1"; }
mariadb --socket="$socket" -uroot -e "DROP DATABASE IF EXISTS $database; CREATE DATABASE $database CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci" >&2
dotnet build src/Host -c Release -nologo -v quiet -clp:NoSummary >&2

key="bench-check-in-key-$(openssl rand -hex 16)"
url="http://127.0.0.1:$PORT"
(cd src/Host && ConnectionStrings__MySql="${server}Database=$database" Database__MigrateOnStartup=true Training__CheckInKey="$key" \
  Logging__LogLevel__Default=Warning ASPNETCORE_ENVIRONMENT=Production \
  exec dotnet ../../artifacts/bin/Host/release/IpShield.Host.dll --urls "$url" >>/tmp/ipshield-bench-training.log 2>&1) &
host_pid=$!
trap 'kill "$host_pid" 2>/dev/null || true; wait "$host_pid" 2>/dev/null || true' EXIT
for _ in $(seq 1 120); do curl -sf "$url/health/live" >/dev/null && break; sleep 0.5; done
TOKEN="$(bench_token "$url")"
gql() { curl -sf "$url/graphql" -H 'content-type: application/json' -H "Authorization: Bearer $TOKEN" -d "$1"; }
id_of() { sed -E 's/.*"id":"([^"]+)".*/\1/'; }

park=$(gql '{"query":"mutation { registerPark(input: { name: \"Bench park\", city: \"Wuhan\" }) { park { id } } }"}' | id_of)
workstation=$(gql "{\"query\":\"mutation { openWorkstation(input: { name: \\\"Bench workstation\\\", parkId: \\\"$park\\\", level: DISTRICT, openedOn: \\\"2024-01-01\\\" }) { workstation { id } } }\"}" | id_of)
starts=$(date -u -d '+30 minutes' +%Y-%m-%dT%H:%M:%SZ); ends=$(date -u -d '+3 hours' +%Y-%m-%dT%H:%M:%SZ); opens=$(date -u -d '-1 hour' +%Y-%m-%dT%H:%M:%SZ)
session=$(gql "{\"query\":\"mutation { scheduleTrainingSession(input: { organiserId: \\\"$workstation\\\", kind: TRAINING, title: \\\"Bench session\\\", venue: \\\"Hall\\\", capacity: $N, startsAt: \\\"$starts\\\", endsAt: \\\"$ends\\\", registrationOpensAt: \\\"$opens\\\" }) { session { id } errors { code } } }\"}" | id_of)

# The registrations are arranged in SQL (their making is not measured); their codes signed as the host signs them.
sql "SET SESSION max_recursive_iterations = 1000000; INSERT INTO trn_registrations (Id, SessionId, EnterpriseId, SessionWorkstationId, Attendees, Status, QueuedAt, RegisteredAt, Version)
     WITH RECURSIVE n AS (SELECT 1 AS i UNION ALL SELECT i + 1 FROM n WHERE i < $N)
     SELECT UUID(), s.Id, UUID(), s.WorkstationId, 'Bench attendee', 'Registered', UTC_TIMESTAMP(6), UTC_TIMESTAMP(6), 1 FROM n CROSS JOIN trn_sessions s;
     UPDATE trn_sessions SET SeatsTaken = $N;"
codes="$(mktemp)"
sql "SELECT REPLACE(Id, '-', ''), REPLACE(SessionId, '-', '') FROM trn_registrations" | python3 -c '
import base64, hashlib, hmac, sys
key = sys.argv[1].encode()
for line in sys.stdin:
    registration, session = line.split()
    mac = hmac.new(key, f"{registration}:{session}".encode(), hashlib.sha256).digest()[:18]
    print(f"TRN1.{registration}.{session}.{base64.b64encode(mac).decode().replace(chr(43), chr(45)).replace(chr(47), chr(95))}")
' "$key" > "$codes"

scan_result=$(python3 build/bench/door-scans.py "$url" "$TOKEN" "$session" "$codes" "$S")
read -r scan_rate scan_seconds scan_outcomes <<<"$scan_result"
attended=$(sql "SELECT COUNT(*) FROM trn_registrations WHERE Status = 'Attended'")
events=$(sql "SELECT COUNT(*) FROM trn_outbox WHERE Type = 'training.attendance-recorded.v1'")

# Baseline: the same number of single-row INSERTs (one autocommit transaction each) by the same number of connections.
sql "CREATE TABLE bench_plain_inserts (Id CHAR(36) NOT NULL PRIMARY KEY, SessionId CHAR(36) NOT NULL, AttendedAt DATETIME(6) NOT NULL)"
plain_seconds=$(mariadb-slap --socket="$socket" -uroot --create-schema="$database" --concurrency="$S" --iterations=1 \
  --number-of-queries="$N" --query="INSERT INTO bench_plain_inserts VALUES (UUID(), UUID(), UTC_TIMESTAMP(6))" | awk '/Average number of seconds/ {print $(NF-1)}')
plain_rate=$(awk -v n="$N" -v s="$plain_seconds" 'BEGIN {printf "%.0f", n / s}')

echo "| measure | value |"
echo "|---|---|"
echo "| check-ins at the door (checkInAttendee over HTTP, $S scanners, $N codes, each once) | ${scan_rate} scans/s ($scan_seconds s) |"
echo "| plain single-row INSERTs (mariadb-slap, $S connections, $N rows) | ${plain_rate} rows/s ($plain_seconds s) |"
echo "| ratio door / plain | $(awk -v a="$scan_rate" -v b="$plain_rate" 'BEGIN {printf "%.2f", a / b}') |"
echo "| outcomes; registrations attended; AttendanceRecorded events | $scan_outcomes; $attended; $events |"
echo
echo "Host in Release (Production, real token certificates) on MariaDB $(mariadb --version | awk '{print $5}' | tr -d ','), $(nproc) cores"
