#!/usr/bin/env bash
# The gateway's report file writers alone (CSV, XLSX): compiles bench/ into
# dist/bench like bench/run.sh (BENCH_SKIP_COMPILE=1 reuses it), then runs dist/bench/bench/export.js.
# Needs no store and no bus; settings: BENCH_EXPORT_* (see bench/export.ts).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

if [[ "${BENCH_SKIP_COMPILE:-}" == 1 && -f dist/bench/bench/export.js ]]; then
  echo "[bench] BENCH_SKIP_COMPILE=1: using the existing dist/bench" >&2
else
  echo "[bench] compiling bench/ into dist/bench ..." >&2
  npx tsc -p bench/tsconfig.json
  npx tsc-alias -p bench/tsconfig.json
fi

export BENCH_ROOT="$ROOT"
exec node dist/bench/bench/export.js "$@"
