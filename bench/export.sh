#!/usr/bin/env bash
# The gateway's report file writers alone (CSV, XLSX): compiles bench/ into
# dist/bench like bench/run.sh (BENCH_SKIP_COMPILE=1 reuses it), then runs dist/bench/bench/export.js.
# Needs no store and no bus; settings: BENCH_EXPORT_* (see bench/export.ts).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

source bench/lib/compile-and-run.sh
compile_and_run export "$@"
