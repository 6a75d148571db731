#!/usr/bin/env bash
# Runs the whole system on this machine: embedded NATS + FerretDB (unless external ones are given), every service, the gateway.
#
# Usage: deploy/run-local.sh [start|stop|status]        (`npm start` = start; `npm start -- stop` = stop)
#   start   npm ci when needed, npm run build, start the embedded infra, the services and the gateway, wait until
#           every process answers 200 on /health/ready, print the URLs, then stay in the foreground: Ctrl-C or
#           SIGTERM stops the services and then the embedded infra this run started.
#           With KITOS_DETACH=1 it returns once everything is ready and leaves it running.
#   stop    stops a detached system (services, gateway, and the embedded infra that run-local started)
#   status  shows which processes run and whether they are ready
#
# Environment:
#   NATS_URL, MONGODB_URI     external servers; when both are set no embedded infra is started
#   PORT                      gateway port (default 8080)
#   KITOS_HTTP_PORT_BASE      services listen on base+1..base+7 (default 8100: identity 8101, catalog 8102,
#                             contracts 8103, projects 8104, gdpr 8105, archiving 8106, reporting 8107)
#   KITOS_HTTP_PORT_<NAME>    port of one service, e.g. KITOS_HTTP_PORT_CATALOG=9102
#   KITOS_SERVICES            which processes to run (default: identity catalog contracts projects gdpr archiving reporting gateway)
#   KITOS_DATA_DIR            data, logs (<dir>/logs/<name>.log) and pid files (<dir>/run); default .data
#   KITOS_NATS_PORT, KITOS_NATS_MONITOR_PORT, KITOS_FERRETDB_PORT   embedded infra ports (see embedded-infra.sh)
#   KITOS_FERRETDB_BACKEND    postgresql (default) or sqlite: the store under the embedded FerretDB (see embedded-infra.sh)
#   KITOS_PG_GIN_INDEXES=0    no GIN indexes next to FerretDB's in the embedded PostgreSQL (see embedded-infra.sh)
#   KITOS_READY_TIMEOUT       seconds to wait for all processes to become ready (default 60)
#   KITOS_STOP_TIMEOUT        seconds between SIGTERM and SIGKILL when stopping (default 15)
#   KITOS_SKIP_BUILD=1        do not run npm ci / npm run build (use the existing dist/)
#   KITOS_DETACH=1            start and return
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
INFRA="$ROOT/deploy/embedded-infra.sh"

DATA_DIR="${KITOS_DATA_DIR:-.data}"
[[ "$DATA_DIR" == /* ]] || DATA_DIR="$ROOT/$DATA_DIR"
export KITOS_DATA_DIR="$DATA_DIR" # the same data dir for embedded-infra.sh
RUN_DIR="$DATA_DIR/run"
PID_DIR="$RUN_DIR/services"
LOG_DIR="$DATA_DIR/logs"
INFRA_MARK="$RUN_DIR/run-local.infra" # embedded components that run-local started (stopped with it)

BACKENDS=(identity catalog contracts projects gdpr archiving reporting)
read -r -a SELECTED <<<"${KITOS_SERVICES:-${BACKENDS[*]} gateway}"
GATEWAY_PORT="${PORT:-8080}"
PORT_BASE="${KITOS_HTTP_PORT_BASE:-8100}"
READY_TIMEOUT="${KITOS_READY_TIMEOUT:-60}"
STOP_TIMEOUT="${KITOS_STOP_TIMEOUT:-15}"

log() { printf '[run-local] %s\n' "$*" >&2; }
die() {
  printf '[run-local] ERROR: %s\n' "$*" >&2
  exit 1
}

for v in GATEWAY_PORT PORT_BASE READY_TIMEOUT STOP_TIMEOUT; do
  [[ "${!v}" =~ ^[0-9]+$ ]] || die "$v must be a number (got '${!v}')"
done

port_of() { # port_of NAME
  local name="$1" i override
  if [[ "$name" == gateway ]]; then
    echo "$GATEWAY_PORT"
    return
  fi
  override="KITOS_HTTP_PORT_${name^^}"
  if [[ -n "${!override:-}" ]]; then
    echo "${!override}"
    return
  fi
  for i in "${!BACKENDS[@]}"; do
    if [[ "${BACKENDS[$i]}" == "$name" ]]; then
      echo $((PORT_BASE + i + 1))
      return
    fi
  done
  die "unknown service '$name' (known: ${BACKENDS[*]} gateway)"
}

entry_of() { echo "dist/services/$1/src/main.js"; }

# ---------------------------------------------------------------------------------------------- processes

alive() { # alive PID -> 0 when the process exists and is not a zombie
  local pid="$1" state
  [[ -n "$pid" ]] && kill -0 "$pid" 2>/dev/null || return 1
  state="$(sed -n 's/^.*) \(.\).*$/\1/p' "/proc/$pid/stat" 2>/dev/null || true)"
  [[ "$state" != Z ]]
}

service_pid() { # service_pid NAME -> pid of a running service started by this script
  local pid
  pid="$(cat "$PID_DIR/$1.pid" 2>/dev/null || true)"
  [[ "$pid" =~ ^[0-9]+$ ]] && alive "$pid" && [[ "$(tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null)" == *"$(entry_of "$1")"* ]] &&
    echo "$pid"
}

port_open() { timeout 1 bash -c "exec 3<>/dev/tcp/127.0.0.1/$1" 2>/dev/null; }

http_status() { # http_status URL -> the HTTP status code, 000 when nothing answers
  if command -v curl >/dev/null 2>&1; then
    curl -s -o /dev/null -m 2 -w '%{http_code}' "$1" 2>/dev/null || true
  else
    node -e 'fetch(process.argv[1],{signal:AbortSignal.timeout(2000)}).then(r=>console.log(r.status),()=>console.log("000"))' "$1"
  fi
}

ready() { # ready NAME [PORT]
  [[ "$(http_status "http://127.0.0.1:${2:-$(port_of "$1")}/health/ready")" == 200 ]]
}

show_log_tail() { # show_log_tail NAME [LINES]
  local file="$LOG_DIR/$1.log"
  if [[ -s "$file" ]]; then
    log "last lines of $file:"
    tail -n "${2:-40}" "$file" | sed 's/^/    /' >&2
  else
    log "($file is empty)"
  fi
}

# Stops processes: SIGTERM to all of them, wait up to STOP_TIMEOUT, then SIGKILL whatever is left.
stop_names() { # stop_names NAME...
  local name pid pids=() names=() waited=0 left
  for name in "$@"; do
    if pid="$(service_pid "$name")"; then
      kill -TERM "$pid" 2>/dev/null || true
      pids+=("$pid")
      names+=("$name")
    fi
    rm -f "$PID_DIR/$name.pid" "$PID_DIR/$name.port"
  done
  ((${#pids[@]})) || return 0
  log "stopping ${names[*]} ..."
  while :; do
    left=()
    for pid in "${pids[@]}"; do alive "$pid" && left+=("$pid"); done
    ((${#left[@]})) || break
    if ((waited >= STOP_TIMEOUT * 10)); then
      log "still running after ${STOP_TIMEOUT}s, sending SIGKILL to pid(s) ${left[*]}"
      kill -KILL "${left[@]}" 2>/dev/null || true
      break
    fi
    sleep 0.1
    waited=$((waited + 1))
  done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done # reap our own children
}

stop_services() {
  # Every process with a pid file: the gateway first (no new requests), then all backend services at once.
  local rest=() f name
  [[ -f "$PID_DIR/gateway.pid" ]] && stop_names gateway
  for f in "$PID_DIR"/*.pid; do
    [[ -e "$f" ]] || continue
    name="$(basename "$f" .pid)"
    rest+=("$name")
  done
  ((${#rest[@]} == 0)) || stop_names "${rest[@]}"
}

stop_infra_we_started() {
  local components=()
  if [[ -f "$INFRA_MARK" ]]; then read -r -a components <"$INFRA_MARK" || true; fi
  rm -f "$INFRA_MARK"
  ((${#components[@]})) || return 0
  bash "$INFRA" stop "${components[@]}" || log "stopping the embedded infra failed; see: bash deploy/embedded-infra.sh status"
}

# ---------------------------------------------------------------------------------------------- start

ensure_node_modules() {
  if [[ ! -d node_modules || ! -f node_modules/.package-lock.json || package-lock.json -nt node_modules/.package-lock.json ]]; then
    log "installing dependencies (npm ci) ..."
    npm ci --no-audit --no-fund || die "npm ci failed"
  fi
}

launch() { # launch NAME ENV-ASSIGNMENTS... -- starts node on the service entry, detached from the terminal, logs appended
  local name="$1" logfile="$LOG_DIR/$1.log" pidfile="$PID_DIR/$1.pid"
  shift
  rm -f "$pidfile"
  printf '\n===== %s start %s =====\n' "$name" "$(date -u +%Y-%m-%dT%H:%M:%SZ)" >>"$logfile"
  local launcher=(nohup) unset=(-u MONGODB_DATABASE) # each service owns its database (named after the service)
  command -v setsid >/dev/null 2>&1 && launcher=(setsid)
  [[ "$name" == gateway ]] || unset+=(-u PORT) # PORT is the gateway's
  # shellcheck disable=SC2016 # $$ and $@ belong to the inner shell; it records its pid and then becomes node
  "${launcher[@]}" bash -c 'echo "$$" >"$0.tmp" && mv "$0.tmp" "$0" && exec "$@"' "$pidfile" \
    env "${unset[@]}" "$@" node "$(entry_of "$name")" </dev/null >>"$logfile" 2>&1 &
  local i
  for ((i = 0; i < 100; i++)); do
    [[ -s "$pidfile" ]] && return 0
    sleep 0.05
  done
  fail "$name did not start (no pid file); see $logfile"
}

CLEANED=0
cleanup() {
  ((CLEANED)) && return 0
  CLEANED=1
  trap - INT TERM
  stop_services
  stop_infra_we_started
}

fail() { # fail MESSAGE -> cleans up and exits 1
  log "ERROR: $*"
  cleanup
  exit 1
}

start_one() { # start_one NAME
  local name="$1" port
  port="$(port_of "$name")"
  local envs=("NODE_ENV=development" "NATS_URL=$NATS_URL" "MONGODB_URI=$MONGODB_URI" "HTTP_PORT=$port")
  [[ "$name" == gateway ]] && envs+=("PORT=$port")
  launch "$name" "${envs[@]}"
  echo "$port" >"$PID_DIR/$name.port"
  log "started $name (pid $(cat "$PID_DIR/$name.pid"), port $port, log $LOG_DIR/$name.log)"
}

# Waits until every named process answers 200 on /health/ready; fails on a dead process or at the deadline.
wait_ready() { # wait_ready NAME...
  local deadline=$((SECONDS + READY_TIMEOUT)) next_report=$((SECONDS + 10)) name pid pending
  while :; do
    pending=()
    for name in "$@"; do
      pid="$(cat "$PID_DIR/$name.pid" 2>/dev/null || true)"
      if ! alive "$pid"; then
        local code="?"
        wait "$pid" 2>/dev/null && code=0 || code=$?
        log "$name exited during start-up (exit code $code)"
        show_log_tail "$name"
        fail "$name did not start"
      fi
      ready "$name" || pending+=("$name")
    done
    ((${#pending[@]})) || return 0
    if ((SECONDS >= deadline)); then
      for name in "${pending[@]}"; do
        log "$name is not ready on http://127.0.0.1:$(port_of "$name")/health/ready (last answer: $(http_status "http://127.0.0.1:$(port_of "$name")/health/ready"))"
        show_log_tail "$name" 20
      done
      fail "not ready after ${READY_TIMEOUT}s: ${pending[*]}"
    fi
    if ((SECONDS >= next_report)); then
      local which=()
      for name in "${pending[@]}"; do which+=("$name ($(port_of "$name"))"); done
      log "still waiting for: ${which[*]}"
      next_report=$((SECONDS + 10))
    fi
    sleep 0.5 &
    wait $! || true
  done
}

do_start() {
  local name port
  for name in "${SELECTED[@]}"; do port_of "$name" >/dev/null; done

  if [[ "${KITOS_SKIP_BUILD:-}" != 1 ]]; then
    ensure_node_modules
    log "building (npm run build) ..."
    npm run build || die "npm run build failed"
  fi
  local missing=()
  for name in "${SELECTED[@]}"; do [[ -f "$(entry_of "$name")" ]] || missing+=("$(entry_of "$name")"); done
  ((${#missing[@]} == 0)) || die "missing build output: ${missing[*]} (does services/<name>/src/main.ts exist and did 'npm run build' compile it?)"

  mkdir -p "$PID_DIR" "$LOG_DIR"
  for name in "${SELECTED[@]}"; do
    if service_pid "$name" >/dev/null; then
      die "$name is already running (pid $(cat "$PID_DIR/$name.pid")); stop the running system first: bash deploy/run-local.sh stop"
    fi
    port="$(port_of "$name")"
    port_open "$port" && die "port $port (for $name) is already in use; free it or choose other ports (PORT, KITOS_HTTP_PORT_BASE, KITOS_HTTP_PORT_<NAME>)"
  done

  trap 'log "interrupted"; cleanup; exit 130' INT
  trap 'log "terminated"; cleanup; exit 143' TERM

  # Embedded infrastructure: remember which components were not running before, so that only those are stopped with us.
  local started=()
  [[ -z "${NATS_URL:-}" ]] && ! bash "$INFRA" status nats >/dev/null 2>&1 && started+=(nats)
  [[ -z "${MONGODB_URI:-}" ]] && ! bash "$INFRA" status ferretdb >/dev/null 2>&1 && started+=(ferretdb)
  if [[ -z "${NATS_URL:-}" || -z "${MONGODB_URI:-}" ]]; then
    local before=()
    if [[ -f "$INFRA_MARK" ]]; then read -r -a before <"$INFRA_MARK" || true; fi # left over from a run that did not clean up
    printf "%s\n" "${before[@]}" "${started[@]}" | sed "/^$/d" | sort -u | paste -sd " " - >"$INFRA_MARK"
    bash "$INFRA" start || fail "the embedded infrastructure did not start"
  else
    log "using external NATS ($NATS_URL) and MongoDB; no embedded infrastructure"
  fi
  local envs
  envs="$(bash "$INFRA" env)" || fail "could not determine NATS_URL / MONGODB_URI"
  eval "$envs"
  export NATS_URL MONGODB_URI

  local backends=() has_gateway=0
  for name in "${SELECTED[@]}"; do
    if [[ "$name" == gateway ]]; then has_gateway=1; else backends+=("$name"); fi
  done
  if ((${#backends[@]})); then
    for name in "${backends[@]}"; do start_one "$name"; done
    wait_ready "${backends[@]}"
    log "ready: ${backends[*]}"
  fi
  if ((has_gateway)); then
    start_one gateway
    wait_ready gateway
    log "ready: gateway"
  fi

  echo
  echo "KITOS is running."
  if ((has_gateway)); then
    echo "  API (v2):      http://localhost:$GATEWAY_PORT/api/v2"
    echo "  Swagger UI:    http://localhost:$GATEWAY_PORT/api/docs"
    echo "  OpenAPI JSON:  http://localhost:$GATEWAY_PORT/api/docs-json"
  fi
  for name in "${backends[@]}"; do printf '  %-13s  http://localhost:%s/health/ready\n' "$name:" "$(port_of "$name")"; done
  echo "  NATS_URL=$NATS_URL"
  echo "  MONGODB_URI=$MONGODB_URI" | sed -E 's#(://)[^/@]*@#\1***@#'
  echo "  Logs:          $LOG_DIR/<service>.log"

  if [[ "${KITOS_DETACH:-}" == 1 ]]; then
    trap - INT TERM
    if [[ "$DATA_DIR" == "$ROOT/.data" ]]; then
      echo "Running detached. Stop it with: bash deploy/run-local.sh stop"
    else
      echo "Running detached. Stop it with: KITOS_DATA_DIR=$DATA_DIR bash deploy/run-local.sh stop"
    fi
    return 0
  fi
  echo "Press Ctrl-C to stop."

  # Foreground: report processes that die; leave when all are gone.
  declare -A reported=()
  while :; do
    local running=0
    for name in "${SELECTED[@]}"; do
      pid="$(cat "$PID_DIR/$name.pid" 2>/dev/null || true)"
      if alive "$pid"; then
        running=1
      elif [[ -z "${reported[$name]:-}" ]]; then
        reported[$name]=1
        log "WARNING: $name (pid $pid) has exited"
        show_log_tail "$name" 20
      fi
    done
    ((running)) || fail "every process has exited"
    sleep 2 &
    wait $! || true
  done
}

do_stop() {
  stop_services
  stop_infra_we_started
  rm -f "$PID_DIR"/*.pid "$PID_DIR"/*.port 2>/dev/null || true
  log "stopped"
}

do_status() {
  local name pid port rc=0
  for name in "${SELECTED[@]}"; do
    port="$(cat "$PID_DIR/$name.port" 2>/dev/null || port_of "$name")" # the port it was started with
    if pid="$(service_pid "$name")"; then
      if ready "$name" "$port"; then
        echo "$name: running (pid $pid), ready on http://127.0.0.1:$port"
      else
        echo "$name: running (pid $pid), NOT ready on http://127.0.0.1:$port/health/ready"
        rc=3
      fi
    else
      echo "$name: not running"
      rc=3
    fi
  done
  bash "$INFRA" status || rc=3
  return "$rc"
}

case "${1:-start}" in
  start) do_start ;;
  stop) do_stop ;;
  status) do_status ;;
  -h | --help | help) sed -n '2,/^set -euo/p' "${BASH_SOURCE[0]}" | sed '$d; s/^# \{0,1\}//' ;;
  *)
    sed -n '2,/^set -euo/p' "${BASH_SOURCE[0]}" | sed '$d; s/^# \{0,1\}//' >&2
    exit 2
    ;;
esac
