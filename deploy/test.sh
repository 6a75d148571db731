#!/usr/bin/env bash
# Runs every test of the monorepo (unit specs next to the code, integration and e2e specs under test/) with Jest.
#
# Usage: deploy/test.sh [jest options and path patterns]      (`npm test`, `npm test -- libs/config`)
#   Installs node_modules when missing or stale and the nats-server/ferretdb binaries when missing; the tests start
#   their own servers on free ports (libs/testing/src/global-setup.ts). The browser tests (test/browser) need the built
#   web client and Debian's Chromium: the client is built when web/dist is missing or older than web/, and Chromium is
#   installed with apt-get when missing and this runs as root (else they fail and say how to install it).
#   Without arguments, the web client's component tests (Vitest) run first. Exit code = Jest's (or Vitest's).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

if [[ ! -d node_modules || ! -f node_modules/.package-lock.json || package-lock.json -nt node_modules/.package-lock.json ]]; then
  echo "[test] installing dependencies (npm ci) ..." >&2
  npm ci --no-audit --no-fund
fi

# The binaries only, even when NATS_URL / MONGODB_URI point at external servers: the tests always use their own.
env -u NATS_URL -u MONGODB_URI bash deploy/embedded-infra.sh install

if [[ ! -f web/dist/index.html || -n "$(find web/src web/index.html web/vite.config.mts -newer web/dist/index.html -print -quit)" ]]; then
  echo "[test] building the web client (npm run build:web) ..." >&2
  npm run build:web
fi

if [[ -z "${KITOS_CHROMIUM:-}" && ! -x /usr/bin/chromium ]]; then
  if [[ "$(id -u)" == 0 ]] && command -v apt-get >/dev/null 2>&1; then
    echo "[test] installing Chromium for the browser tests (apt-get install chromium) ..." >&2
    { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; } ||
      echo "[test] could not install Chromium: the browser tests will fail" >&2
  else
    echo "[test] Chromium is missing (sudo apt-get install chromium, or KITOS_CHROMIUM=/path): the browser tests will fail" >&2
  fi
fi

export TZ=UTC
if [[ $# -eq 0 ]]; then
  echo "[test] web client component tests (Vitest) ..." >&2
  npx vitest run --config web/vite.config.mts
fi
exec npx jest --ci "$@"
