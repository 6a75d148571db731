#!/usr/bin/env bash
# CPU of the whole system at rest: starts everything as `npm start` does (detached, free ports, throwaway data
# directory), stores KITOS_AT_REST_SYSTEMS IT systems (default 300) through the API, waits until the outbox is drained
# and the read models caught up, then samples /proc/<pid>/stat of every process (FerretDB, NATS, services, gateway)
# for KITOS_AT_REST_SECONDS (default 20) with no requests, and prints the CPU each used in % of one core.
#
# Usage: bench/at-rest.sh            (KITOS_SKIP_BUILD=1 to use the existing dist/)
#   KITOS_AT_REST_SEED=1   also loads the demo seed (npm run seed:demo) first and prints how long it took
#   KITOS_AT_REST_QUIET_S  seconds to wait after the writes before sampling (default 5; after a seed, reporting is
#                          still applying its events for a while)
#   KITOS_AT_REST_PARTS=N  also prints the sample split into N equal parts (one column each): V8 shrinks each service's
#                          heap with a few full collections some 10–40 s after the last activity (the "memory reducer"),
#                          a one-off that the first part shows and the later parts, the steady state, do not
#   PostgreSQL's children (checkpointer, WAL writer, autovacuum, the backends) are sampled one by one.
#   KITOS_AT_REST_CREATES=N afterwards also measures CPU-ms per create of every process: N sequential IT-system creates
#                          and N/10 contract creates in a new organisation, until the report counts them all
#   KITOS_AT_REST_READS=1  afterwards also measures GET /api/v2/it-systems/{uuid} with autocannon (10 connections,
#                          KITOS_AT_REST_READ_SECONDS, default 10 s), authenticated as the bootstrap administrator
# Bounded: start-up waits at most KITOS_READY_TIMEOUT (run-local.sh), loading at most 10 minutes.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
SYSTEMS="${KITOS_AT_REST_SYSTEMS:-300}"
SECONDS_SAMPLED="${KITOS_AT_REST_SECONDS:-20}"

log() { printf '[at-rest] %s\n' "$*" >&2; }

read -r -a ports <<<"$(node -e '
  const net = require("node:net");
  (async () => {
    const servers = [];
    for (let i = 0; i < 11; i++) servers.push(await new Promise((res, rej) => { const s = net.createServer(); s.on("error", rej); s.listen(0, "127.0.0.1", () => res(s)); }));
    console.log(servers.map((s) => s.address().port).join(" "));
    servers.forEach((s) => s.close());
  })();')"
export PORT="${ports[0]}"
export KITOS_NATS_PORT="${ports[1]}" KITOS_NATS_MONITOR_PORT="${ports[2]}" KITOS_FERRETDB_PORT="${ports[3]}"
export KITOS_HTTP_PORT_IDENTITY="${ports[4]}" KITOS_HTTP_PORT_CATALOG="${ports[5]}" KITOS_HTTP_PORT_CONTRACTS="${ports[6]}" \
  KITOS_HTTP_PORT_PROJECTS="${ports[7]}" KITOS_HTTP_PORT_GDPR="${ports[8]}" KITOS_HTTP_PORT_ARCHIVING="${ports[9]}" \
  KITOS_HTTP_PORT_REPORTING="${ports[10]}" LOG_LEVEL="${LOG_LEVEL:-warn}"
unset KITOS_SERVICES KITOS_DETACH
KITOS_DATA_DIR="$(mktemp -d "${TMPDIR:-/tmp}/kitos-at-rest.XXXXXX")"
export KITOS_DATA_DIR

cleanup() {
  local rc=$?
  trap - EXIT INT TERM
  bash "$ROOT/deploy/run-local.sh" stop >/dev/null 2>&1 || true
  bash "$ROOT/deploy/embedded-infra.sh" stop >/dev/null 2>&1 || true
  rm -rf "$KITOS_DATA_DIR"
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

log "starting the system (gateway port $PORT, data $KITOS_DATA_DIR) ..."
KITOS_DETACH=1 bash "$ROOT/deploy/run-local.sh" start >"$KITOS_DATA_DIR/start.log" 2>&1 || {
  tail -n 40 "$KITOS_DATA_DIR/start.log" >&2
  exit 1
}

log "storing $SYSTEMS IT systems ..."
BASE="http://127.0.0.1:$PORT" SYSTEMS="$((SYSTEMS - 1))" TARGET="$KITOS_DATA_DIR/target.json" timeout 600 node -e '
  const base = process.env.BASE;
  const call = async (method, path, token, body) => {
    const r = await fetch(base + path, { method, headers: { "content-type": "application/json", ...(token ? { authorization: `Bearer ${token}` } : {}) }, body: body && JSON.stringify(body) });
    const text = await r.text();
    if (r.status >= 300) throw new Error(`${method} ${path}: ${r.status} ${text.slice(0, 200)}`);
    return text ? JSON.parse(text) : null;
  };
  (async () => {
    const { token } = await call("POST", "/api/v2/auth/login", null, { email: "admin@kitos.local", password: "kitos-local-admin-only" });
    const org = await call("POST", "/api/v2/organizations", token, { name: "At rest A/S", organizationType: "Company" });
    let next = 0;
    const total = Number(process.env.SYSTEMS);
    const first = await call("POST", "/api/v2/it-systems", token, { organizationUuid: org.uuid, name: "System first" });
    require("node:fs").writeFileSync(process.env.TARGET, JSON.stringify({ token, uuid: first.uuid }));
    await Promise.all(Array.from({ length: 4 }, async () => {
      while (next < total) { const i = next++; await call("POST", "/api/v2/it-systems", token, { organizationUuid: org.uuid, name: `System ${i}` }); }
    }));
    // the read models caught up: every system is in the report
    for (const deadline = Date.now() + 300_000; Date.now() < deadline; await new Promise((r) => setTimeout(r, 1000))) {
      const report = await call("GET", `/api/v2/reports/it-systems?organizationUuid=${org.uuid}&pageSize=1`, token);
      if (report.total >= total + 1) return;
    }
    throw new Error("the report did not count every system within 300 s");
  })().catch((e) => { console.error(e.message); process.exit(1); });'

if [[ "${KITOS_AT_REST_SEED:-}" == 1 ]]; then
  log "npm run seed:demo ... (load average $(cut -d' ' -f1-3 /proc/loadavg))"
  started=$SECONDS
  KITOS_URL="http://127.0.0.1:$PORT" timeout 1200 node deploy/seed/seed-demo.js >"$KITOS_DATA_DIR/seed.log" 2>&1 || {
    tail -n 20 "$KITOS_DATA_DIR/seed.log" >&2
    exit 1
  }
  log "demo seed took $((SECONDS - started)) s (load average $(cut -d' ' -f1-3 /proc/loadavg)); its progress lines:"
  grep -E '^(seed | {2})' "$KITOS_DATA_DIR/seed.log" >&2 || true
fi

# a quiet moment for whatever the writes started (relays, consumers, reporting catching up after a seed), then the sample
sleep "${KITOS_AT_REST_QUIET_S:-5}"
pids=()
names=()
for f in "$KITOS_DATA_DIR"/run/*.pid "$KITOS_DATA_DIR"/run/services/*.pid; do
  [[ -e "$f" ]] || continue
  pid="$(cat "$f")"
  [[ -d "/proc/$pid" ]] || continue
  pids+=("$pid")
  names+=("$(basename "$f" .pid)")
  # PostgreSQL's work is done by its children (checkpointer, WAL writer, autovacuum, one backend per connection)
  for child in $(pgrep -P "$pid" 2>/dev/null || true); do
    pids+=("$child")
    names+=("$(ps -o args= -p "$child" 2>/dev/null | sed 's/^postgres: //' | cut -c1-28 || echo "$child")")
  done
done
ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat" 2>/dev/null || echo 0; }
hz="$(getconf CLK_TCK)"
# snapshot: the CPU ticks (utime + stime) of every sampled process, in the order of pids, into the named array
snapshot() {
  local -n into=$1
  into=()
  for pid in "${pids[@]}"; do into+=("$(ticks "$pid")"); done
}
PARTS="${KITOS_AT_REST_PARTS:-1}"
before=()
snapshot before
log "sampling ${#pids[@]} processes for ${SECONDS_SAMPLED} s with no requests ..."
# the snapshots between the parts (KITOS_AT_REST_PARTS), each a space-separated list in the order of pids
cuts=()
cut=()
for ((part = 1; part < PARTS; part++)); do
  sleep "$(awk -v s="$SECONDS_SAMPLED" -v n="$PARTS" 'BEGIN { printf "%.3f", s / n }')"
  snapshot cut
  cuts+=("${cut[*]}")
done
sleep "$(awk -v s="$SECONDS_SAMPLED" -v n="$PARTS" 'BEGIN { printf "%.3f", s / n }')"
after=()
snapshot after
cuts+=("${after[*]}")
pct() { awk -v t="$1" -v hz="$hz" -v s="$2" 'BEGIN { printf "%.1f", 100 * t / hz / s }'; }
part_seconds=$(awk -v s="$SECONDS_SAMPLED" -v n="$PARTS" 'BEGIN { printf "%.3f", s / n }')
rest=()
total=0
part_totals=()
header=$(printf '%-30s %8s' process '% core')
((PARTS > 1)) && for ((part = 1; part <= PARTS; part++)); do header+=$(printf ' %8s' "part $part"); done
echo "$header"
for i in "${!pids[@]}"; do
  used=$((after[i] - before[i]))
  ((used >= 0)) || used=0 # a backend that ended during the sample
  rest+=("$used")
  total=$((total + used))
  line=$(printf '%-30s %8s' "${names[$i]}" "$(pct "$used" "$SECONDS_SAMPLED")")
  if ((PARTS > 1)); then
    from="${before[$i]}"
    for ((part = 0; part < PARTS; part++)); do
      read -r -a at <<<"${cuts[$part]}"
      used=$((at[i] - from))
      ((used >= 0)) || used=0
      part_totals[part]=$((${part_totals[part]:-0} + used))
      from="${at[$i]}"
      line+=$(printf ' %8s' "$(pct "$used" "$part_seconds")")
    done
  fi
  echo "$line"
done
line=$(printf '%-30s %8s' total "$(pct "$total" "$SECONDS_SAMPLED")")
((PARTS > 1)) && for ((part = 0; part < PARTS; part++)); do line+=$(printf ' %8s' "$(pct "${part_totals[part]}" "$part_seconds")"); done
echo "$line"

if [[ "${KITOS_AT_REST_CREATES:-0}" -gt 0 ]]; then
  # CPU per create: N sequential IT-system creates, then N/10 contract creates, each measured from its first request
  # until the report counts every created object (the consumers' work included), minus the at-rest CPU of that time
  creates="$KITOS_AT_REST_CREATES"
  for kind in it-systems it-contracts; do
    n=$creates
    [[ "$kind" == it-contracts ]] && n=$(((creates + 9) / 10))
    snapshot before
    started_ns=$(date +%s%N)
    KIND="$kind" N="$n" BASE="http://127.0.0.1:$PORT" TARGET="$KITOS_DATA_DIR/target.json" timeout 900 node -e '
      const base = process.env.BASE;
      const call = async (method, path, token, body) => {
        const r = await fetch(base + path, { method, headers: { "content-type": "application/json", ...(token ? { authorization: `Bearer ${token}` } : {}) }, body: body && JSON.stringify(body) });
        const text = await r.text();
        if (r.status >= 300) throw new Error(`${method} ${path}: ${r.status} ${text.slice(0, 200)}`);
        return text ? JSON.parse(text) : null;
      };
      (async () => {
        const { token } = JSON.parse(require("node:fs").readFileSync(process.env.TARGET, "utf8"));
        const org = await call("POST", "/api/v2/organizations", token, { name: `Per create ${process.env.KIND} ${Date.now()}`, organizationType: "Company" });
        const n = Number(process.env.N);
        for (let i = 0; i < n; i++) await call("POST", `/api/v2/${process.env.KIND}`, token, { organizationUuid: org.uuid, name: `Create ${i}` });
        const report = process.env.KIND === "it-systems" ? `it-systems?organizationUuid=${org.uuid}&` : `organizations/${org.uuid}/it-contracts?`;
        for (const deadline = Date.now() + 300_000; Date.now() < deadline; await new Promise((r) => setTimeout(r, 200))) {
          const page = await call("GET", `/api/v2/reports/${report}pageSize=1`, token);
          if (page.total >= n) return;
        }
        throw new Error(`the report did not count every created object within 300 s`);
      })().catch((e) => { console.error(e.message); process.exit(1); });'
    # the consumers that do not feed the report (archiving, gdpr, ...) a moment to finish
    sleep 3
    snapshot after
    elapsed_ms=$((($(date +%s%N) - started_ns) / 1000000))
    log "$n sequential POST /api/v2/$kind (and the report caught up) in $elapsed_ms ms; CPU-ms per create, at-rest CPU of the same time subtracted:"
    total=0
    printf '%-30s %10s\n' process "ms/create"
    for i in "${!pids[@]}"; do
      used=$((after[i] - before[i]))
      ((used >= 0)) || used=0
      ms=$(awk -v t="$used" -v r="${rest[$i]}" -v hz="$hz" -v s="$SECONDS_SAMPLED" -v e="$elapsed_ms" -v n="$n" \
        'BEGIN { v = (1000 * t / hz - 1000 * r / hz / s * e / 1000) / n; if (v < 0) v = 0; printf "%.2f", v }')
      total=$(awk -v a="$total" -v b="$ms" 'BEGIN { printf "%.2f", a + b }')
      awk -v m="$ms" 'BEGIN { exit !(m >= 0.05) }' && printf '%-30s %10s\n' "${names[$i]}" "$ms"
    done
    printf '%-30s %10s\n' "total ($kind)" "$total"
  done
fi

if [[ "${KITOS_AT_REST_READS:-}" == 1 ]]; then
  log "GET /api/v2/it-systems/{uuid}, 10 connections, ${KITOS_AT_REST_READ_SECONDS:-10} s ..."
  TARGET="$KITOS_DATA_DIR/target.json" BASE="http://127.0.0.1:$PORT" DURATION="${KITOS_AT_REST_READ_SECONDS:-10}" node -e '
    const autocannon = require("autocannon");
    const { token, uuid } = JSON.parse(require("node:fs").readFileSync(process.env.TARGET, "utf8"));
    autocannon({ url: `${process.env.BASE}/api/v2/it-systems/${uuid}`, connections: 10, duration: Number(process.env.DURATION),
      headers: { authorization: `Bearer ${token}` } }, (error, r) => {
      if (error) { console.error(error); process.exit(1); }
      const other = r.non2xx + r.errors + r.timeouts;
      console.log(`GET by uuid: ${r.requests.average} req/s, p50 ${r.latency.p50} ms, p99 ${r.latency.p99} ms, ${r.requests.total} requests, ${other} not 2xx`);
      if (other) process.exit(1);
    });'
  resolved="$(curl -s "http://127.0.0.1:$PORT/metrics" | awk '/^kitos_rpc_duration_seconds_count/ && /resolve-caller/ { n += $NF } END { print n + 0 }')"
  log "identity was asked for the caller $resolved times in the whole run (rpc.identity.auth.resolve-caller)"
fi
