#!/usr/bin/env bash
# The whole suite on a fresh machine: starts MariaDB (installing it if needed), installs the
# graphql-http audit suite, restores, builds warning-free, runs unit, integration (HTTP against
# MariaDB and SQLite), architecture, schema-drift and conformance tests, then prints
# "N passed, N failed".
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

need() { command -v "$1" >/dev/null 2>&1; }
if ! need node || ! need npm; then
  echo "test.sh: installing Node.js and npm" >&2
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nodejs npm >&2
fi

# The dashboard's browser test drives Debian's Chromium through Playwright (whose own browser download cannot work here).
if ! need chromium; then
  echo "test.sh: installing Chromium" >&2
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >&2
fi

# The deadline digest tests mail a local SMTP receiver (aiosmtpd) that the test fixture starts on a free port, with
# Debian's python (a pyenv python3 earlier on the PATH does not see Debian's packages).
if ! /usr/bin/python3 -c 'import aiosmtpd' >/dev/null 2>&1; then
  echo "test.sh: installing python3-aiosmtpd" >&2
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-aiosmtpd >&2
fi

IPSHIELD_TEST_MYSQL="$(build/mariadb.sh start)"
export IPSHIELD_TEST_MYSQL
trap 'build/mariadb.sh stop >/dev/null 2>&1 || true' EXIT

echo "test.sh: installing the graphql-http audit suite" >&2
(cd build/conformance && npm ci --no-audit --no-fund --loglevel=error >&2)

dotnet tool restore >&2
dotnet restore Monolith.sln >&2
dotnet build Monolith.sln --no-restore -nologo -clp:NoSummary -warnaserror
# Wolverine's handler code is generated ahead of time and committed; stale code fails the run here.
build/codegen.sh --check

log="$(mktemp)"
set +e
dotnet test --solution Monolith.sln --no-build 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
set -e

# Microsoft.Testing.Platform prints one summary per test assembly; add them up.
passed=$(grep -E '^\s+succeeded: [0-9]+' "$log" | awk '{s+=$2} END {print s+0}')
failed=$(grep -E '^\s+failed: [0-9]+' "$log" | awk '{s+=$2} END {print s+0}')
skipped=$(grep -E '^\s+skipped: [0-9]+' "$log" | awk '{s+=$2} END {print s+0}')
# CI shows only the tail of this output: repeat each failed test with the first lines of its message last.
if grep -qE '^failed ' "$log"; then
  echo "test.sh: failed tests (repeated from above):"
  awk '/^failed /{n=5} n>0 && !/^  from /{print; n--}' "$log" | cut -c1-400
fi
rm -f "$log"
if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then
  failed=1 # the run broke without reporting a failed test (crash, build of a test host): still a failure
fi
echo "${passed} passed, ${failed} failed, ${skipped} skipped"
exit "$status"
