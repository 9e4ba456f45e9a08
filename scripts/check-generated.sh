#!/usr/bin/env bash
# Fails when schemas/chert-chats.d.ts is not what `npm run generate` makes from the spec.
set -euo pipefail
fresh=$(mktemp --suffix=.d.ts)
trap 'rm -f "$fresh"' EXIT
npx openapi-typescript specs/chert-chats.openapi.yaml -o "$fresh" >/dev/null 2>&1
if ! cmp -s "$fresh" schemas/chert-chats.d.ts; then
  echo "schemas/chert-chats.d.ts is stale: run 'npm run generate' and commit the result." >&2
  diff -u schemas/chert-chats.d.ts "$fresh" | head -20 >&2 || true
  exit 1
fi
echo "schemas/chert-chats.d.ts is up to date."
