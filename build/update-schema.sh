#!/usr/bin/env bash
# Regenerates schema/schema.graphql from the code. Review the diff: it is the API contract.
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo"
dotnet build src/Host -nologo -v quiet -clp:NoSummary >&2
ASPNETCORE_ENVIRONMENT=Development dotnet artifacts/bin/Host/debug/IpShield.Host.dll print-schema > schema/schema.graphql
git --no-pager diff --stat -- schema/schema.graphql >&2 || true
