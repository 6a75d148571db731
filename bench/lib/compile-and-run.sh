# Sourced by the bench/*.sh scripts (ROOT set, cwd = ROOT): compiles bench/ together with the services it imports
# into dist/bench (tsc + tsc-alias, like `npm run build`; BENCH_SKIP_COMPILE=1 reuses an existing build), then runs
# dist/bench/bench/<script>.js with the script's arguments in place of the shell.
compile_and_run() {
  local script="$1"
  shift
  if [[ "${BENCH_SKIP_COMPILE:-}" == 1 && -f "dist/bench/bench/${script}.js" ]]; then
    echo "[bench] BENCH_SKIP_COMPILE=1: using the existing dist/bench" >&2
  else
    echo "[bench] compiling bench/ into dist/bench ..." >&2
    npx tsc -p bench/tsconfig.json
    npx tsc-alias -p bench/tsconfig.json
  fi
  export BENCH_ROOT="$ROOT"
  exec node "dist/bench/bench/${script}.js" "$@"
}
