#!/usr/bin/env bash
# Cuts an API release: the current schema becomes the one clients rely on. From then on the breaking-change check
# (tests/Architecture.Tests/SchemaCompatibilityTests) compares every change with it. Run it when a release ships,
# after CHANGELOG.md has its entry; fields deprecated in this release may be removed in the next.
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo"
{ echo "# The GraphQL API as last released to clients: the schema of main on $(date -u +%F) (commit $(git rev-parse --short HEAD))."
  echo "# SchemaCompatibilityTests compares schema/schema.graphql with it; build/release-schema.sh replaces it at a release."
  cat schema/schema.graphql; } > schema/released.graphql
git --no-pager diff --stat -- schema/released.graphql >&2 || true
