#!/usr/bin/env bash
# Regenerates Wolverine's handler code into src/Host/Internal/Generated (committed; the host loads it statically).
#   build/codegen.sh          write the code
#   build/codegen.sh --check  fail if the committed code is not what the handlers produce now
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo"
generated=src/Host/Internal/Generated
before="$(mktemp -d)"
trap 'rm -rf "$before"' EXIT
[ -d "$generated" ] && cp -r "$generated" "$before/"
# Start from nothing: code generated for a handler that no longer exists would not even compile.
rm -rf "$generated"
dotnet build src/Host -nologo -v quiet -clp:NoSummary >&2
(cd src/Host && ASPNETCORE_ENVIRONMENT=Development Logging__LogLevel__Default=Warning dotnet ../../artifacts/bin/Host/debug/IpShield.Host.dll codegen write >/dev/null)
dotnet build src/Host -nologo -v quiet -clp:NoSummary >&2 # the host again, now with the code it loads
if [ "${1:-}" = "--check" ] && ! diff -r "$before/Generated" "$generated" >/dev/null 2>&1; then
  diff -r "$before/Generated" "$generated" | head -20 >&2 || true
  echo "codegen: the Wolverine handler code in $generated was stale; it has been regenerated. Rebuild, review and commit it." >&2
  exit 1
fi
