#!/usr/bin/env bash
# Runs the benchmarks (`npm run bench`): compiles bench/ together with the services it starts into dist/bench
# (tsc + tsc-alias, like `npm run build`), then runs dist/bench/bench/run.js. Not a Jest suite.
#
# Usage: bench/run.sh          settings through BENCH_* variables, see bench/run.ts; BENCH_SKIP_COMPILE=1 reuses dist/bench
#   Starts its own nats-server and FerretDB on free loopback ports (binaries from .tools/bin, installed here when
#   missing), so it never touches NATS_URL / MONGODB_URI servers. Writes bench/results/latest.json.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

if [[ ! -x .tools/bin/nats-server || ! -x .tools/bin/ferretdb ]]; then
  env -u NATS_URL -u MONGODB_URI bash deploy/embedded-infra.sh install
fi

if [[ "${BENCH_SKIP_COMPILE:-}" == 1 && -f dist/bench/bench/run.js ]]; then
  echo "[bench] BENCH_SKIP_COMPILE=1: using the existing dist/bench" >&2
else
  echo "[bench] compiling bench/ and the services into dist/bench ..." >&2
  npx tsc -p bench/tsconfig.json
  npx tsc-alias -p bench/tsconfig.json
fi

export BENCH_ROOT="$ROOT"
exec node dist/bench/bench/run.js "$@"
