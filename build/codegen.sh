#!/usr/bin/env bash
# Regenerates Wolverine's handler code into src/Host/Internal/Generated (committed; the host loads it statically).
#   build/codegen.sh          write the code
#   build/codegen.sh --check  fail if the committed code is not what the handlers produce now
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo"
dotnet build src/Host -nologo -v quiet -clp:NoSummary >&2
(cd src/Host && Logging__LogLevel__Default=Warning dotnet ../../artifacts/bin/Host/debug/IpShield.Host.dll codegen write >/dev/null)
if [ "${1:-}" = "--check" ] && [ -n "$(git status --porcelain -- src/Host/Internal/Generated)" ]; then
  git --no-pager diff --stat -- src/Host/Internal/Generated >&2
  git status --porcelain -- src/Host/Internal/Generated >&2
  echo "codegen: the committed Wolverine handler code is stale. Run build/codegen.sh and commit src/Host/Internal/Generated." >&2
  exit 1
fi
