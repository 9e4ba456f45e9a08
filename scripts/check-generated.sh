#!/usr/bin/env bash
# Fails when a generated file is not what its generator makes: schemas/chert-chats.d.ts
# (`npm run generate`, from the spec) and docs/faults.md (`npm run docs:faults`, from the fault catalog).
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
npx tsx scripts/fault-table.ts --check
