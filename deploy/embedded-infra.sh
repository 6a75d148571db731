#!/usr/bin/env bash
# Embedded infrastructure for local runs and tests: NATS (JetStream) and FerretDB (MongoDB wire protocol over
# PostgreSQL, or over SQLite with KITOS_FERRETDB_BACKEND=sqlite).
#
# Usage: deploy/embedded-infra.sh install|start|stop|status|env [nats|ferretdb]...
#   install  make sure nats-server and ferretdb exist (.tools/bin or PATH); builds them with Go if missing; for the
#            PostgreSQL backend also PostgreSQL (Debian's `postgresql` package, installed with apt-get as root)
#   start    install if needed, start both in the background, wait until ready, print the URLs (idempotent); the
#            ferretdb component on PostgreSQL starts PostgreSQL first (initdb on first use, as an unprivileged user)
#   stop     SIGTERM, wait, SIGKILL after KITOS_STOP_TIMEOUT seconds (default 15); removes the pid files
#   status   show what runs where (exit 3 when an embedded server that is needed is not running)
#   env      print `export MONGODB_URI=... NATS_URL=...` for the running servers: eval "$(deploy/embedded-infra.sh env)"
# Without component names a subcommand acts on both.
#
# Environment:
#   NATS_URL / MONGODB_URI      when set, that server is external: it is neither installed nor started
#   KITOS_NATS_PORT             default 4222
#   KITOS_NATS_MONITOR_PORT     default 8222
#   KITOS_FERRETDB_PORT         default 27017
#   KITOS_FERRETDB_BACKEND      postgresql (default) or sqlite: the store under FerretDB. Unset, and PostgreSQL is
#                               neither installed nor installable (not root or no apt-get): sqlite, with a notice
#   KITOS_POSTGRESQL_PORT       PostgreSQL's port (loopback only); default: a free port chosen at each start
#   KITOS_POSTGRESQL_USER       the unprivileged user PostgreSQL runs as when this script runs as root (default postgres)
#   KITOS_PG_GIN_INDEXES        1 (default): GIN indexes next to FerretDB's for its equality filters
#                               (deploy/postgresql-gin-indexes.sql, installed at each start); 0: not for new ones
#   KITOS_POSTGRESQL_BIN_DIR    where initdb/postgres are (default: newest /usr/lib/postgresql/*/bin, else pg_config --bindir)
#   KITOS_DATA_DIR              default .data (relative paths are relative to the project root);
#                               data in <dir>/nats, <dir>/postgres (PostgreSQL backend) or <dir>/ferretdb (SQLite
#                               backend), logs in <dir>/logs, pid files in <dir>/run
#   KITOS_STOP_TIMEOUT          seconds to wait after SIGTERM before SIGKILL (default 15)
#   KITOS_READY_TIMEOUT         seconds to wait for a server to become ready (default 60)
#   KITOS_FERRETDB_LOG_LEVEL    debug|info|warn|error (default warn; warn logs every unsupported command, e.g. endSessions)
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

FERRETDB_VERSION=v1.24.2
NATS_VERSION=v2.15.2
TOOLS_BIN="$ROOT/.tools/bin"

DATA_DIR="${KITOS_DATA_DIR:-.data}"
[[ "$DATA_DIR" == /* ]] || DATA_DIR="$ROOT/$DATA_DIR"
RUN_DIR="$DATA_DIR/run"
LOG_DIR="$DATA_DIR/logs"

NATS_PORT="${KITOS_NATS_PORT:-4222}"
NATS_MONITOR_PORT="${KITOS_NATS_MONITOR_PORT:-8222}"
FERRETDB_PORT="${KITOS_FERRETDB_PORT:-27017}"
STOP_TIMEOUT="${KITOS_STOP_TIMEOUT:-15}"
READY_TIMEOUT="${KITOS_READY_TIMEOUT:-60}"
FERRETDB_LOG_LEVEL="${KITOS_FERRETDB_LOG_LEVEL:-warn}"
BACKEND="${KITOS_FERRETDB_BACKEND:-postgresql}"
PG_PORT="${KITOS_POSTGRESQL_PORT:-}"
PG_USER="${KITOS_POSTGRESQL_USER:-postgres}"
PG_DATA="$DATA_DIR/postgres"
PG_DATABASE=ferretdb
GIN_INDEXES="${KITOS_PG_GIN_INDEXES:-1}"

log() { printf '[embedded-infra] %s\n' "$*" >&2; }
die() {
  printf '[embedded-infra] ERROR: %s\n' "$*" >&2
  exit 1
}

for v in NATS_PORT NATS_MONITOR_PORT FERRETDB_PORT STOP_TIMEOUT READY_TIMEOUT; do
  [[ "${!v}" =~ ^[0-9]+$ ]] || die "$v must be a number (got '${!v}')"
done
[[ -z "$PG_PORT" || "$PG_PORT" =~ ^[0-9]+$ ]] || die "KITOS_POSTGRESQL_PORT must be a number (got '$PG_PORT')"
[[ "$GIN_INDEXES" == 0 || "$GIN_INDEXES" == 1 ]] || die "KITOS_PG_GIN_INDEXES must be 0 or 1 (got '$GIN_INDEXES')"
[[ "$BACKEND" == postgresql || "$BACKEND" == sqlite ]] || die "KITOS_FERRETDB_BACKEND must be postgresql or sqlite (got '$BACKEND')"

external() { # external nats|ferretdb -> 0 when that server is given from outside
  case "$1" in
    nats) [[ -n "${NATS_URL:-}" ]] ;;
    ferretdb) [[ -n "${MONGODB_URI:-}" ]] ;;
  esac
}

# ---------------------------------------------------------------------------------------------- processes

# A pid is alive when it exists and is not a zombie (a dead child not yet reaped by its parent).
alive() {
  local pid="$1" state
  [[ -n "$pid" ]] && kill -0 "$pid" 2>/dev/null || return 1
  state="$(sed -n 's/^.*) \(.\).*$/\1/p' "/proc/$pid/stat" 2>/dev/null || true)"
  [[ "$state" != Z ]]
}

# The pid recorded for a component, if that process is alive and still runs the expected program.
running_pid() {
  local name="$1" pidfile="$RUN_DIR/$1.pid" pid cmd
  [[ -f "$pidfile" ]] || return 1
  pid="$(cat "$pidfile" 2>/dev/null || true)"
  [[ "$pid" =~ ^[0-9]+$ ]] || return 1
  alive "$pid" || return 1
  if [[ -r "/proc/$pid/cmdline" ]]; then
    cmd="$(tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null || true)"
    case "$name" in
      nats) [[ "$cmd" == *nats-server* ]] || return 1 ;;
      ferretdb) [[ "$cmd" == *ferretdb* ]] || return 1 ;;
      postgres) [[ "$cmd" == *postgres* ]] || return 1 ;;
    esac
  fi
  printf '%s\n' "$pid"
}

port_open() { # port_open PORT -> 0 when something accepts TCP connections on 127.0.0.1:PORT
  timeout 1 bash -c "exec 3<>/dev/tcp/127.0.0.1/$1" 2>/dev/null
}

http_ok() { # http_ok URL -> 0 on HTTP 200
  if command -v curl >/dev/null 2>&1; then
    [[ "$(curl -s -o /dev/null -m 2 -w '%{http_code}' "$1" 2>/dev/null || true)" == 200 ]]
  else
    node -e 'fetch(process.argv[1],{signal:AbortSignal.timeout(2000)}).then(r=>process.exit(r.status===200?0:1),()=>process.exit(1))' "$1"
  fi
}

# Starts a program detached from this shell's terminal and process group, and records its pid.
launch() { # launch NAME LOGFILE PROGRAM ARGS...
  local name="$1" logfile="$2" pidfile="$RUN_DIR/$1.pid"
  shift 2
  rm -f "$pidfile"
  printf '\n===== %s start %s =====\n' "$name" "$(date -u +%Y-%m-%dT%H:%M:%SZ)" >>"$logfile"
  # The inner shell writes its own pid and then becomes the program (exec), so the pid is the server's
  # whether or not setsid had to fork.
  local launcher=(nohup)
  command -v setsid >/dev/null 2>&1 && launcher=(setsid)
  # shellcheck disable=SC2016 # $$ and $@ belong to the inner shell
  "${launcher[@]}" bash -c 'echo "$$" >"$0.tmp" && mv "$0.tmp" "$0" && exec "$@"' "$pidfile" "$@" \
    </dev/null >>"$logfile" 2>&1 8>&- 9>&- &
  local i
  for ((i = 0; i < 100; i++)); do
    [[ -s "$pidfile" ]] && return 0
    sleep 0.05
  done
  die "$name did not start (no pid file $pidfile); see $logfile"
}

stop_pid() { # stop_pid NAME PID [SIGNAL]
  local name="$1" pid="$2" waited=0
  kill "-${3:-TERM}" "$pid" 2>/dev/null || true
  while alive "$pid"; do
    if ((waited >= STOP_TIMEOUT * 10)); then
      log "$name (pid $pid) did not stop within ${STOP_TIMEOUT}s; sending SIGKILL"
      kill -KILL "$pid" 2>/dev/null || true
      sleep 0.2
      break
    fi
    sleep 0.1
    waited=$((waited + 1))
  done
}

# ---------------------------------------------------------------------------------------------- install

find_go() {
  if command -v go >/dev/null 2>&1; then
    command -v go
  elif [[ -x /usr/local/go/bin/go ]]; then
    echo /usr/local/go/bin/go
  else
    return 1
  fi
}

# Path of an installed tool: the project-local copy first, then PATH (same order as libs/testing/src/binaries.ts).
tool_path() {
  local name="$1"
  if [[ -x "$TOOLS_BIN/$name" ]]; then
    echo "$TOOLS_BIN/$name"
  elif command -v "$name" >/dev/null 2>&1; then
    command -v "$name"
  else
    return 1
  fi
}

# A tool counts as installed only if it runs: `go install` of FerretDB gives a binary that panics at start.
tool_works() { "$1" --version >/dev/null 2>&1; }

with_install_lock() {
  mkdir -p "$TOOLS_BIN"
  if command -v flock >/dev/null 2>&1; then
    exec 8>"$ROOT/.tools/.install.lock"
    flock -w 1800 8 || die "another install holds $ROOT/.tools/.install.lock"
  fi
}

install_nats() {
  local bin go tmp
  if bin="$(tool_path nats-server)" && tool_works "$bin"; then
    log "nats-server present: $bin"
    return 0
  fi
  if go="$(find_go)"; then
    log "building nats-server $NATS_VERSION with $("$go" version | cut -d' ' -f3) (Go module proxy) ..."
    tmp="$(mktemp -d "${TMPDIR:-/tmp}/kitos-nats-build.XXXXXX")"
    # shellcheck disable=SC2064 # expand now: $tmp is local (this runs in a subshell of do_install)
    trap "rm -rf '$tmp'" EXIT
    (cd "$tmp" && GOWORK=off GOFLAGS=-modcacherw GOBIN="$tmp/bin" CGO_ENABLED=0 \
      "$go" install "github.com/nats-io/nats-server/v2@$NATS_VERSION") || die "building nats-server failed"
    mv -f "$tmp/bin/nats-server" "$TOOLS_BIN/nats-server"
    log "installed $TOOLS_BIN/nats-server ($("$TOOLS_BIN/nats-server" --version))"
  elif command -v apt-get >/dev/null 2>&1 && [[ "$(id -u)" == 0 ]]; then
    log "Go not found; installing Debian's nats-server package ..."
    { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nats-server >/dev/null; } ||
      die "apt-get install nats-server failed"
    bin="$(command -v nats-server)" || die "nats-server not on PATH after apt-get install"
    log "installed $bin ($("$bin" --version))"
  else
    die "nats-server is missing and cannot be built: install Go >= 1.24 (or, as root on Debian, the nats-server package), or set NATS_URL to an external NATS server"
  fi
}

install_ferretdb() {
  local bin go tmp dir
  if bin="$(tool_path ferretdb)" && tool_works "$bin"; then
    log "ferretdb present: $bin"
    return 0
  fi
  [[ -n "${bin:-}" ]] && log "$bin does not run (a plain 'go install' build panics); rebuilding"
  go="$(find_go)" || die "ferretdb is missing and cannot be built: install Go >= 1.24, or set MONGODB_URI to an external MongoDB/FerretDB"
  log "building ferretdb $FERRETDB_VERSION with $("$go" version | cut -d' ' -f3) (Go module proxy; takes a few minutes the first time) ..."
  tmp="$(mktemp -d "${TMPDIR:-/tmp}/kitos-ferretdb-build.XXXXXX")"
  # shellcheck disable=SC2064 # expand now: $tmp is local (this runs in a subshell of do_install)
  trap "chmod -R u+w '$tmp' 2>/dev/null; rm -rf '$tmp'" EXIT
  local json
  json="$(cd "$tmp" && GOWORK=off GOFLAGS=-modcacherw "$go" mod download -json "github.com/FerretDB/FerretDB@$FERRETDB_VERSION")" ||
    die "go mod download github.com/FerretDB/FerretDB@$FERRETDB_VERSION failed"
  if command -v node >/dev/null 2>&1; then
    dir="$(printf '%s' "$json" | node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>process.stdout.write(JSON.parse(s).Dir||""))')"
  else
    dir="$(printf '%s\n' "$json" | sed -n 's/^[[:space:]]*"Dir":[[:space:]]*"\(.*\)",\{0,1\}$/\1/p')"
  fi
  [[ -n "$dir" && -d "$dir" ]] || die "could not find the FerretDB module source directory (go mod download said: $json)"
  cp -R "$dir" "$tmp/src"
  chmod -R u+w "$tmp/src"
  # The module zip lacks build/version/version.txt, without which the binary panics at start.
  echo "$FERRETDB_VERSION" >"$tmp/src/build/version/version.txt"
  (cd "$tmp/src" && GOWORK=off GOFLAGS=-modcacherw CGO_ENABLED=0 "$go" build -o "$tmp/ferretdb" ./cmd/ferretdb) ||
    die "building ferretdb failed"
  tool_works "$tmp/ferretdb" || die "the freshly built ferretdb does not run"
  mv -f "$tmp/ferretdb" "$TOOLS_BIN/ferretdb"
  log "installed $TOOLS_BIN/ferretdb ($("$TOOLS_BIN/ferretdb" --version | head -1))"
}

# Directory of initdb/postgres/pg_ctl/createdb: KITOS_POSTGRESQL_BIN_DIR, Debian's newest /usr/lib/postgresql/N/bin, pg_config.
pg_bin_dir() {
  local dir
  if [[ -n "${KITOS_POSTGRESQL_BIN_DIR:-}" ]]; then
    [[ -x "$KITOS_POSTGRESQL_BIN_DIR/initdb" ]] && echo "$KITOS_POSTGRESQL_BIN_DIR"
    return
  fi
  dir="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)"
  if [[ -n "$dir" && -x "$dir/initdb" ]]; then
    echo "$dir"
  elif command -v pg_config >/dev/null 2>&1 && dir="$(pg_config --bindir)" && [[ -x "$dir/initdb" ]]; then
    echo "$dir"
  else
    return 1
  fi
}

install_postgresql() {
  local dir
  if dir="$(pg_bin_dir)"; then
    log "postgresql present: $dir ($("$dir/postgres" --version))"
    return 0
  fi
  command -v apt-get >/dev/null 2>&1 && [[ "$(id -u)" == 0 ]] ||
    die "PostgreSQL is missing: install it (Debian: apt-get install postgresql, as root), set KITOS_POSTGRESQL_BIN_DIR, use KITOS_FERRETDB_BACKEND=sqlite, or set MONGODB_URI"
  log "installing Debian's postgresql package (apt-get) ..."
  # no cluster of the package's own (it would start one on 5432): this script runs its own in the data directory
  if [[ ! -e /etc/postgresql-common/createcluster.conf ]]; then
    mkdir -p /etc/postgresql-common
    echo "create_main_cluster = false" >/etc/postgresql-common/createcluster.conf
  fi
  { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq -o Dpkg::Options::=--force-confold postgresql >/dev/null; } ||
    die "apt-get install postgresql failed"
  dir="$(pg_bin_dir)" || die "PostgreSQL's programs not found after apt-get install postgresql"
  log "installed $("$dir/postgres" --version) in $dir"
}

do_install() { # do_install COMPONENT...
  local c
  for c in "$@"; do
    if external "$c"; then
      log "$c: external server in use ($(external_url "$c")); nothing to install"
      continue
    fi
    case "$c" in
      nats) (with_install_lock && install_nats) ;;
      ferretdb)
        (with_install_lock && install_ferretdb)
        [[ "$BACKEND" != postgresql ]] || (with_install_lock && install_postgresql)
        ;;
    esac
  done
}

# ---------------------------------------------------------------------------------------------- start/stop

external_url() {
  case "$1" in
    nats) printf '%s' "${NATS_URL:-}" ;;
    ferretdb) printf '%s' "${MONGODB_URI:-}" | sed -E 's#(://)[^/@]*@#\1***@#' ;; # hide credentials
  esac
}

recorded() { # recorded FILE -> contents of a file in the run dir
  cat "$RUN_DIR/$1" 2>/dev/null || true
}

# Waits until a started server is ready; fails early (with its log) when the process dies.
wait_ready() { # wait_ready NAME PID CHECK...
  local name="$1" pid="$2" deadline=$((SECONDS + READY_TIMEOUT))
  shift 2
  until "$@"; do
    if ! alive "$pid"; then
      log "$name exited during start-up; last lines of $LOG_DIR/$name.log:"
      tail -n 30 "$LOG_DIR/$name.log" >&2 || true
      rm -f "$RUN_DIR/$name.pid" "$RUN_DIR/$name.url" "$RUN_DIR/$name.monitor"
      return 1
    fi
    if ((SECONDS >= deadline)); then
      log "$name is not ready after ${READY_TIMEOUT}s; last lines of $LOG_DIR/$name.log:"
      tail -n 30 "$LOG_DIR/$name.log" >&2 || true
      stop_pid "$name" "$pid"
      rm -f "$RUN_DIR/$name.pid" "$RUN_DIR/$name.url" "$RUN_DIR/$name.monitor"
      return 1
    fi
    sleep 0.2
  done
}

nats_ready() { # nats_ready PORT MONITOR_PORT
  port_open "$1" && http_ok "http://127.0.0.1:$2/healthz?js-enabled-only=true"
}

start_nats() {
  local pid bin
  if pid="$(running_pid nats)"; then
    log "nats already running (pid $pid): $(recorded nats.url)"
    return 0
  fi
  port_open "$NATS_PORT" && die "port $NATS_PORT is already in use by another process: stop it, choose another KITOS_NATS_PORT, or point NATS_URL at that server"
  port_open "$NATS_MONITOR_PORT" && die "NATS monitor port $NATS_MONITOR_PORT is already in use: choose another KITOS_NATS_MONITOR_PORT"
  bin="$(tool_path nats-server)" || die "nats-server is not installed"
  mkdir -p "$DATA_DIR/nats" "$RUN_DIR" "$LOG_DIR"
  cat >"$RUN_DIR/nats.conf" <<EOF
# written by deploy/embedded-infra.sh
server_name: kitos_local
listen: 127.0.0.1:$NATS_PORT
http: 127.0.0.1:$NATS_MONITOR_PORT
jetstream {
  store_dir: "$DATA_DIR/nats"
  max_memory_store: 268435456
  max_file_store: 4294967296
}
EOF
  launch nats "$LOG_DIR/nats.log" "$bin" -c "$RUN_DIR/nats.conf"
  pid="$(cat "$RUN_DIR/nats.pid")"
  echo "nats://127.0.0.1:$NATS_PORT" >"$RUN_DIR/nats.url"
  echo "http://127.0.0.1:$NATS_MONITOR_PORT" >"$RUN_DIR/nats.monitor"
  wait_ready nats "$pid" nats_ready "$NATS_PORT" "$NATS_MONITOR_PORT" || die "NATS did not start"
  log "nats started (pid $pid): nats://127.0.0.1:$NATS_PORT (monitoring http://127.0.0.1:$NATS_MONITOR_PORT)"
}

# Runs a command as PostgreSQL's unprivileged user when this script runs as root (initdb and postgres refuse root).
as_pg_user() {
  if [[ "$(id -u)" == 0 ]]; then
    id "$PG_USER" >/dev/null 2>&1 || die "user '$PG_USER' does not exist: PostgreSQL must not run as root (set KITOS_POSTGRESQL_USER)"
    setpriv --reuid="$PG_USER" --regid="$(id -g "$PG_USER")" --init-groups -- "$@"
  else
    "$@"
  fi
}

free_port() {
  node -e 'const s=require("node:net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})'
}

pg_ready() { # pg_ready BIN PORT
  "$1/pg_isready" -q -h 127.0.0.1 -p "$2" -d postgres
}

# GIN counterparts of FerretDB's btree indexes (deploy/postgresql-gin-indexes.sql), before FerretDB starts:
# FerretDB's equality filters (`_jsonb->'f' @> value`) cannot use its btree indexes; a GIN goes when the index it mirrors
# does. KITOS_PG_GIN_INDEXES=0 drops both event triggers instead (GIN indexes made earlier stay).
gin_indexes() { # gin_indexes BIN PORT
  local psql=("$1/psql" -h 127.0.0.1 -p "$2" -U postgres -d "$PG_DATABASE" -v ON_ERROR_STOP=1 -qX)
  if [[ "$GIN_INDEXES" == 0 ]]; then
    "${psql[@]}" -c "SET client_min_messages = warning; DROP EVENT TRIGGER IF EXISTS kitos_gin_indexes; DROP EVENT TRIGGER IF EXISTS kitos_gin_index_drops" ||
      die "could not drop the GIN index trigger"
    log "GIN indexes off (KITOS_PG_GIN_INDEXES=0)"
  else
    "${psql[@]}" -f "$ROOT/deploy/postgresql-gin-indexes.sql" >/dev/null || die "could not install deploy/postgresql-gin-indexes.sql"
  fi
}

start_postgres() {
  local pid bin port
  if pid="$(running_pid postgres)"; then
    log "postgres already running (pid $pid) on port $(recorded postgres.port)"
    return 0
  fi
  bin="$(pg_bin_dir)" || die "PostgreSQL is not installed"
  port="${PG_PORT:-$(free_port)}"
  port_open "$port" && die "port $port is already in use by another process: choose another KITOS_POSTGRESQL_PORT"
  mkdir -p "$PG_DATA" "$RUN_DIR" "$LOG_DIR"
  chmod 700 "$PG_DATA"
  if [[ "$(id -u)" == 0 ]]; then
    chown -R "$PG_USER:$(id -g "$PG_USER")" "$PG_DATA"
    # the user must be able to reach the data directory: every parent needs search permission for others
    local d="$PG_DATA"
    while d="$(dirname "$d")" && [[ "$d" != / ]]; do
      (($(stat -c '0%a' "$d") & 1)) && continue
      if [[ "$d" == "$ROOT"* || "$d" == "$DATA_DIR"* || "$d" == "${TMPDIR:-/tmp}"/* ]]; then
        chmod o+x "$d"
      else
        die "$PG_USER cannot reach $PG_DATA: $d lacks search permission for others (chmod o+x it, or choose another KITOS_DATA_DIR)"
      fi
    done
  fi
  if [[ ! -f "$PG_DATA/PG_VERSION" ]]; then
    log "initdb $PG_DATA (as ${PG_USER}) ..."
    as_pg_user "$bin/initdb" -D "$PG_DATA" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 --no-instructions \
      >>"$LOG_DIR/postgres.log" 2>&1 || die "initdb failed; see $LOG_DIR/postgres.log"
  fi
  local runner=()
  if [[ "$(id -u)" == 0 ]]; then runner=(setpriv "--reuid=$PG_USER" "--regid=$(id -g "$PG_USER")" --init-groups --); fi
  launch postgres "$LOG_DIR/postgres.log" env -i PATH="$PATH" LC_ALL=C.UTF-8 "${runner[@]}" "$bin/postgres" -D "$PG_DATA" -p "$port" \
    -c listen_addresses=127.0.0.1 -c unix_socket_directories=
  pid="$(cat "$RUN_DIR/postgres.pid")"
  echo "$port" >"$RUN_DIR/postgres.port"
  wait_ready postgres "$pid" pg_ready "$bin" "$port" || die "PostgreSQL did not start"
  if [[ -z "$("$bin/psql" -h 127.0.0.1 -p "$port" -U postgres -d postgres -tAqc "SELECT 1 FROM pg_database WHERE datname = '$PG_DATABASE'")" ]]; then
    "$bin/createdb" -h 127.0.0.1 -p "$port" -U postgres "$PG_DATABASE" || die "createdb $PG_DATABASE failed"
  fi
  gin_indexes "$bin" "$port"
  log "postgres started (pid $pid): 127.0.0.1:$port, data $PG_DATA"
}

start_ferretdb() {
  local pid bin store=()
  if pid="$(running_pid ferretdb)"; then
    log "ferretdb already running (pid $pid, $(recorded ferretdb.backend)): $(recorded ferretdb.url)"
    [[ "$(recorded ferretdb.backend)" == "$BACKEND" ]] ||
      log "WARNING: it runs on $(recorded ferretdb.backend), not on KITOS_FERRETDB_BACKEND=$BACKEND; stop it first to switch"
    return 0
  fi
  port_open "$FERRETDB_PORT" && die "port $FERRETDB_PORT is already in use by another process: stop it, choose another KITOS_FERRETDB_PORT, or point MONGODB_URI at that server"
  bin="$(tool_path ferretdb)" || die "ferretdb is not installed"
  mkdir -p "$RUN_DIR" "$LOG_DIR"
  if [[ "$BACKEND" == postgresql ]]; then
    start_postgres
    store=(--handler=postgresql "--postgresql-url=postgres://postgres@127.0.0.1:$(recorded postgres.port)/$PG_DATABASE")
  else
    mkdir -p "$DATA_DIR/ferretdb"
    store=(--handler=sqlite "--sqlite-url=file:$DATA_DIR/ferretdb/")
  fi
  launch ferretdb "$LOG_DIR/ferretdb.log" env DO_NOT_TRACK=1 "$bin" \
    "${store[@]}" \
    "--listen-addr=127.0.0.1:$FERRETDB_PORT" \
    --telemetry=disable \
    --state-dir=- \
    --debug-addr=- \
    "--log-level=$FERRETDB_LOG_LEVEL"
  pid="$(cat "$RUN_DIR/ferretdb.pid")"
  echo "mongodb://127.0.0.1:$FERRETDB_PORT/" >"$RUN_DIR/ferretdb.url"
  echo "$BACKEND" >"$RUN_DIR/ferretdb.backend"
  wait_ready ferretdb "$pid" port_open "$FERRETDB_PORT" || die "FerretDB did not start"
  log "ferretdb started (pid $pid) on $BACKEND: mongodb://127.0.0.1:$FERRETDB_PORT/"
}

with_run_lock() {
  mkdir -p "$RUN_DIR"
  if command -v flock >/dev/null 2>&1; then
    exec 9>"$RUN_DIR/.lock"
    flock -w 120 9 || die "another start/stop holds $RUN_DIR/.lock"
  fi
}

do_start() {
  local c todo=()
  for c in "$@"; do
    if external "$c"; then
      log "$c: using the external server $(external_url "$c"); not starting an embedded one"
    else
      todo+=("$c")
    fi
  done
  ((${#todo[@]})) || return 0
  do_install "${todo[@]}"
  with_run_lock
  for c in "${todo[@]}"; do
    case "$c" in
      nats) start_nats ;;
      ferretdb) start_ferretdb ;;
    esac
  done
  echo "Embedded infrastructure is running (data in $DATA_DIR, logs in $LOG_DIR):"
  for c in "${todo[@]}"; do
    case "$c" in
      nats) echo "  NATS_URL=$(recorded nats.url)   (monitoring $(recorded nats.monitor))" ;;
      ferretdb) echo "  MONGODB_URI=$(recorded ferretdb.url)" ;;
    esac
  done
  echo "Use them in a shell with:  eval \"\$(bash deploy/embedded-infra.sh env)\""
}

do_stop() {
  local c pid
  with_run_lock
  for c in "$@"; do
    if pid="$(running_pid "$c")"; then
      log "stopping $c (pid $pid) ..."
      stop_pid "$c" "$pid"
      log "$c stopped"
    else
      log "$c is not running"
    fi
    rm -f "$RUN_DIR/$c.pid" "$RUN_DIR/$c.url" "$RUN_DIR/$c.monitor" "$RUN_DIR/$c.backend"
    # FerretDB's PostgreSQL goes with it (whatever the backend variable says now); SIGINT is PostgreSQL's fast shutdown
    if [[ "$c" == ferretdb ]] && pid="$(running_pid postgres)"; then
      log "stopping postgres (pid $pid) ..."
      stop_pid postgres "$pid" INT
      log "postgres stopped"
    fi
    if [[ "$c" == ferretdb ]]; then rm -f "$RUN_DIR/postgres.pid" "$RUN_DIR/postgres.port"; fi
  done
}

do_status() {
  local c pid rc=0
  for c in "$@"; do
    if pid="$(running_pid "$c")"; then
      case "$c" in
        nats) echo "nats: running (pid $pid) $(recorded nats.url), monitoring $(recorded nats.monitor), log $LOG_DIR/nats.log" ;;
        ferretdb)
          echo "ferretdb: running (pid $pid) on $(recorded ferretdb.backend) $(recorded ferretdb.url), log $LOG_DIR/ferretdb.log"
          if [[ "$(recorded ferretdb.backend)" == postgresql ]]; then
            if pid="$(running_pid postgres)"; then
              echo "postgres: running (pid $pid) 127.0.0.1:$(recorded postgres.port), data $PG_DATA, log $LOG_DIR/postgres.log"
            else
              echo "postgres: not running"
              rc=3
            fi
          fi
          ;;
      esac
    elif external "$c"; then
      echo "$c: external $(external_url "$c")"
    else
      echo "$c: not running"
      rc=3
    fi
  done
  return "$rc"
}

do_env() {
  local c pid rc=0
  for c in "$@"; do
    local var url
    case "$c" in
      nats) var=NATS_URL ;;
      ferretdb) var=MONGODB_URI ;;
    esac
    if pid="$(running_pid "$c")" && url="$(recorded "$c.url")" && [[ -n "$url" ]]; then
      printf 'export %s=%q\n' "$var" "$url"
    elif external "$c"; then
      printf 'export %s=%q\n' "$var" "${!var}"
    else
      log "$c is not running (start it with: bash deploy/embedded-infra.sh start)"
      rc=1
    fi
  done
  return "$rc"
}

usage() {
  sed -n '2,/^set -euo/p' "${BASH_SOURCE[0]}" | sed '$d; s/^# \{0,1\}//'
}

main() {
  local cmd="${1:-}"
  [[ $# -gt 0 ]] && shift
  local components=("$@") c
  ((${#components[@]})) || components=(nats ferretdb)
  for c in "${components[@]}"; do
    [[ "$c" == nats || "$c" == ferretdb ]] || die "unknown component '$c' (expected nats or ferretdb)"
  done
  # The default needs PostgreSQL: where it is missing and cannot be installed (not root, or no apt-get), FerretDB
  # runs on SQLite instead, so that `npm start` still works; a backend named explicitly is never swapped.
  if [[ -z "${KITOS_FERRETDB_BACKEND:-}" ]] && ! pg_bin_dir >/dev/null 2>&1 &&
    ! { [[ "$(id -u)" == 0 ]] && command -v apt-get >/dev/null 2>&1; }; then
    BACKEND=sqlite
    [[ "$cmd" == start || "$cmd" == install ]] &&
      log "PostgreSQL is not installed and $(id -un) cannot install it: FerretDB runs on SQLite (install Debian's postgresql, or set KITOS_FERRETDB_BACKEND)"
  fi
  case "$cmd" in
    install) do_install "${components[@]}" ;;
    start) do_start "${components[@]}" ;;
    stop) do_stop "${components[@]}" ;;
    status) do_status "${components[@]}" ;;
    env) do_env "${components[@]}" ;;
    -h | --help | help) usage ;;
    *)
      usage >&2
      exit 2
      ;;
  esac
}

main "$@"
