#!/usr/bin/env bash
# Catch-up rate of a durable event consumer with batch size 1 and the default (issue 14): compiles bench/ into
# dist/bench like bench/run.sh (BENCH_SKIP_COMPILE=1 reuses it), then runs dist/bench/bench/consumer-catch-up.js.
# Starts its own nats-server on a free loopback port; settings: BENCH_CONSUMER_* (see bench/consumer-catch-up.ts).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

if [[ ! -x .tools/bin/nats-server ]]; then
  env -u NATS_URL -u MONGODB_URI bash deploy/embedded-infra.sh install
fi

source bench/lib/compile-and-run.sh
compile_and_run consumer-catch-up "$@"
