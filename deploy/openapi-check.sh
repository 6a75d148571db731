#!/usr/bin/env bash
# `npm run openapi:check`: the committed OpenAPI document is one that tools accept.
#   1. Redocly lint (recommended rules, redocly.yaml): 0 errors.
#   2. openapi-typescript generates the client types; the committed libs/api-client/src/api-types.ts must equal them
#      (`npm run openapi:check -- --write` rewrites it after docs/openapi.json changed).
#   3. No `Record<string, never>` in them (a property typed as a bare object: a client could not set it).
#   4. tsc (strict) on the typed client and on the end-to-end test that drives the API through it.
# Offline, no services needed; about a minute, most of it tsc. Exit code non-zero on the first failing check.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

# no usage data sent and no update check: the check needs no network
export REDOCLY_TELEMETRY=off REDOCLY_SUPPRESS_UPDATE_NOTICE=true

DOC=docs/openapi.json
TYPES=libs/api-client/src/api-types.ts
TMP="$(mktemp -d "${TMPDIR:-/tmp}/openapi-check.XXXXXX")"
trap 'rm -rf "$TMP"' EXIT

echo "== redocly lint $DOC"
npx --no-install redocly lint "$DOC" --format=summary

echo "== openapi-typescript $DOC"
# --default-non-nullable false: a property with a default is optional in a request (the default fills it in)
npx --no-install openapi-typescript "$DOC" -o "$TMP/api-types.ts" --default-non-nullable false >/dev/null
if [[ "${1:-}" == "--write" ]]; then
  cp "$TMP/api-types.ts" "$TYPES"
  echo "wrote $TYPES"
elif ! cmp -s "$TMP/api-types.ts" "$TYPES"; then
  diff -u "$TYPES" "$TMP/api-types.ts" | head -40 || true
  echo "$TYPES is not generated from $DOC: run npm run openapi:check -- --write" >&2
  exit 1
fi

echo "== Record<string, never> in request and response types"
# openapi-typescript always declares the two empty top-level maps below; anything else is a schema without its type.
if grep -n 'Record<string, never>' "$TMP/api-types.ts" | grep -v -E '^[0-9]+:export type (webhooks|\$defs) = Record<string, never>;$'; then
  echo "the lines above hold Record<string, never>: give those properties an explicit type in their DTO" >&2
  exit 1
fi
echo "none"

echo "== tsc on the typed client and the tests that use it"
npx --no-install tsc -p tsconfig.openapi.json
echo "openapi:check passed"
