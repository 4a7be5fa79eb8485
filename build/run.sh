#!/usr/bin/env bash
# Runs IP Shield on its embedded default: a SQLite file in src/Host/.data with demo data, and the
# GraphQL IDE at http://localhost:5080/graphql. Extra arguments go to the host (e.g. --urls).
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
if ! command -v npm >/dev/null 2>&1; then
  echo "run.sh: installing Node.js and npm (the build fetches the GraphQL IDE from npm)" >&2
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nodejs npm >&2
fi
exec dotnet run --project "$repo/src/Host" -- "$@"
