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

source bench/lib/compile-and-run.sh
compile_and_run run "$@"
