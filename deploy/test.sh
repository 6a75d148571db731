#!/usr/bin/env bash
# Runs every test of the monorepo (unit specs next to the code, integration and e2e specs under test/) with Jest.
#
# Usage: deploy/test.sh [jest options and path patterns]      (`npm test`, `npm test -- libs/config`)
#   Installs node_modules when missing or stale and the nats-server/ferretdb binaries when missing; the tests start
#   their own servers on free ports (libs/testing/src/global-setup.ts). Exit code = Jest's.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

if [[ ! -d node_modules || ! -f node_modules/.package-lock.json || package-lock.json -nt node_modules/.package-lock.json ]]; then
  echo "[test] installing dependencies (npm ci) ..." >&2
  npm ci --no-audit --no-fund
fi

# The binaries only, even when NATS_URL / MONGODB_URI point at external servers: the tests always use their own.
env -u NATS_URL -u MONGODB_URI bash deploy/embedded-infra.sh install

export TZ=UTC
exec npx jest --ci "$@"
