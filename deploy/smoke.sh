#!/usr/bin/env bash
# End-to-end smoke test of the whole system started as `npm start` would, but detached, on free ports and with
# a throwaway data directory, so that it never touches a developer's running system or data.
#
# Usage: deploy/smoke.sh
#   Starts everything (deploy/run-local.sh with KITOS_DETACH=1), checks the gateway's health, its OpenAPI document,
#   creates an IT system and waits until the cross-municipal report counts it; then stops everything and removes
#   the data directory. Exit code 0 when every check passed.
#
# Environment:
#   KITOS_SMOKE_FIXED_PORTS=1  use the fixed range (gateway 18080, services 18101-18107, NATS 18422 + monitor 18822,
#                              FerretDB 18017) instead of free ports picked by the OS
#   KITOS_SKIP_BUILD=1         passed to run-local.sh: use the existing dist/ (CI builds just before)
#   KITOS_SMOKE_TOKEN          bearer token sent with the API calls; by default the smoke test logs in as the
#                              bootstrap administrator (KITOS_BOOTSTRAP_ADMIN_EMAIL / _PASSWORD, or the local defaults)
#   NATS_URL, MONGODB_URI      external servers instead of the embedded ones (passed through)
#   KITOS_FERRETDB_BACKEND     postgresql (default) or sqlite: the store under the embedded FerretDB (passed through;
#                              CI runs the smoke test on the non-default one: KITOS_FERRETDB_BACKEND=sqlite deploy/smoke.sh)
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

log() { printf '[smoke] %s\n' "$*" >&2; }
die() {
  printf '[smoke] FAILED: %s\n' "$*" >&2
  exit 1
}

command -v curl >/dev/null 2>&1 || die "curl is required (apt-get install -y curl)"
command -v node >/dev/null 2>&1 || die "node is required"
# shellcheck source=deploy/lib/ports.sh
source "$ROOT/deploy/lib/ports.sh"

# ------------------------------------------------------------------------------------------- ports and data

if [[ "${KITOS_SMOKE_FIXED_PORTS:-}" == 1 ]]; then
  ports=(18080 18422 18822 18017 18101 18102 18103 18104 18105 18106 18107)
else
  read -r -a ports <<<"$(kitos_free_ports)"
  ((${#ports[@]} == 11)) || die "could not find free ports"
fi
kitos_export_ports "${ports[@]}" || die "could not export the ports"
unset KITOS_SERVICES KITOS_DETACH

KITOS_DATA_DIR="$(mktemp -d "${TMPDIR:-/tmp}/kitos-smoke.XXXXXX")"
export KITOS_DATA_DIR
WORK="$KITOS_DATA_DIR/smoke" # response bodies
mkdir -p "$WORK"
BASE="http://127.0.0.1:$PORT"

STARTED=0
cleanup() {
  local rc=$?
  trap - EXIT INT TERM
  if ((STARTED)); then
    if ((rc != 0)); then
      log "logs of the run (last 30 lines each):"
      for f in "$KITOS_DATA_DIR"/logs/*.log; do
        [[ -e "$f" ]] || continue
        echo "----- $(basename "$f")" >&2
        tail -n 30 "$f" >&2
      done
    fi
    log "stopping the system ..."
    bash "$ROOT/deploy/run-local.sh" stop >&2 || log "run-local.sh stop failed"
    # the data dir is throwaway, so whatever embedded server still runs on it is ours
    bash "$ROOT/deploy/embedded-infra.sh" stop >/dev/null 2>&1 || true
  fi
  rm -rf "$KITOS_DATA_DIR"
  if ((rc == 0)); then log "PASSED"; else log "FAILED (exit code $rc)"; fi
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# ------------------------------------------------------------------------------------------- helpers

AUTH=()
[[ -n "${KITOS_SMOKE_TOKEN:-}" ]] && AUTH=(-H "Authorization: Bearer $KITOS_SMOKE_TOKEN")

# request METHOD PATH [JSON-BODY] -> prints the status code; the body is in $WORK/body
request() {
  local args=(-s -o "$WORK/body" -w '%{http_code}' -m 10 -X "$1" "${AUTH[@]}" -H 'Accept: application/json')
  [[ $# -ge 3 ]] && args+=(-H 'Content-Type: application/json' --data "$3")
  curl "${args[@]}" "$BASE$2" || true # prints 000 when nothing answers
}

# json EXPRESSION -> evaluates a JS expression over the last body (as `b`); fails when it is not JSON
# shellcheck disable=SC2016 # JavaScript, not shell
json() {
  node -e '
    const b = JSON.parse(require("node:fs").readFileSync(process.argv[1], "utf8"));
    const v = new Function("b", `return (${process.argv[2]});`)(b);
    if (v === undefined || v === null) process.exit(3);
    console.log(typeof v === "object" ? JSON.stringify(v) : String(v));' "$WORK/body" "$1"
}

body_excerpt() { head -c 600 "$WORK/body" 2>/dev/null || true; }

check_status() { # check_status WHAT EXPECTED ACTUAL
  [[ "$3" == "$2" ]] || die "$1: expected HTTP $2, got $3; body: $(body_excerpt)"
  log "ok: $1 -> $3"
}

# ------------------------------------------------------------------------------------------- run

log "starting the system detached (gateway $BASE, data $KITOS_DATA_DIR) ..."
STARTED=1
KITOS_DETACH=1 bash "$ROOT/deploy/run-local.sh" start || die "the system did not start (see the output above)"

code="$(request GET /health/ready)"
check_status "GET /health/ready" 200 "$code"

code="$(request GET /api/docs-json)"
check_status "GET /api/docs-json" 200 "$code"
json 'b.openapi || b.swagger' >/dev/null || die "GET /api/docs-json is not an OpenAPI JSON document: $(body_excerpt)"
log "ok: /api/docs-json is OpenAPI $(json 'b.openapi || b.swagger')"

if [[ -z "${KITOS_SMOKE_TOKEN:-}" ]]; then
  admin_email="${KITOS_BOOTSTRAP_ADMIN_EMAIL:-admin@kitos.local}"
  admin_password="${KITOS_BOOTSTRAP_ADMIN_PASSWORD:-kitos-local-admin-only}"
  credentials="$(node -e 'console.log(JSON.stringify({ email: process.argv[1], password: process.argv[2] }))' "$admin_email" "$admin_password")"
  deadline=$((SECONDS + 20))
  until code="$(request POST /api/v2/auth/login "$credentials")" && [[ "$code" == 200 ]]; do
    ((SECONDS < deadline)) || die "logging in as the bootstrap administrator failed (last: HTTP $code, body: $(body_excerpt))"
    sleep 0.5
  done
  KITOS_SMOKE_TOKEN="$(json 'b.token')" || die "the login answer has no token: $(body_excerpt)"
  AUTH=(-H "Authorization: Bearer $KITOS_SMOKE_TOKEN")
  log "ok: logged in as the bootstrap administrator"
fi
code="$(request GET /api/v2/it-systems?pageSize=1)"
check_status "GET /api/v2/it-systems with the token" 200 "$code"

name="Smoke $(node -e 'console.log(require("node:crypto").randomBytes(4).toString("hex"))')"
# a system belongs to a known organisation: register one (as the administrator) to own it
code="$(request POST /api/v2/organizations "{\"name\":\"$name A/S\",\"organizationType\":\"Company\"}")"
check_status "POST /api/v2/organizations" 201 "$code"
org="$(json 'b.uuid')" || die "the created organisation has no uuid: $(body_excerpt)"
code="$(request POST /api/v2/it-systems "{\"name\":\"$name\",\"organizationUuid\":\"$org\"}")"
check_status "POST /api/v2/it-systems" 201 "$code"
uuid="$(json 'b.uuid')" || die "the created IT system has no uuid: $(body_excerpt)"
[[ "$uuid" =~ ^[0-9a-fA-F-]{36}$ ]] || die "the created IT system's uuid looks wrong: '$uuid'"
log "ok: created IT system '$name' uuid $uuid"

deadline=$((SECONDS + 20))
total=""
while :; do
  code="$(request GET /api/v2/reports/it-systems)"
  if [[ "$code" == 200 ]] && total="$(json 'b.total' 2>/dev/null)" && [[ "$total" =~ ^[0-9]+$ ]] && ((total >= 1)); then
    break
  fi
  ((SECONDS < deadline)) || die "GET /api/v2/reports/it-systems did not report total >= 1 within 20 s (last: HTTP $code, body: $(body_excerpt))"
  sleep 0.5
done
log "ok: GET /api/v2/reports/it-systems total = $total"

# the documented full rebuild of the reporting read models from the event streams (docs/reporting.md)
if [[ -f "$ROOT/dist/services/reporting/src/rebuild-cli.js" ]]; then
  nats_url="${NATS_URL:-}"
  [[ -n "$nats_url" ]] || nats_url="$(bash "$ROOT/deploy/embedded-infra.sh" env | sed -n 's/.*NATS_URL=\([^ ]*\).*/\1/p' | head -1)"
  out="$(cd "$ROOT" && NATS_URL="$nats_url" REBUILD_TIMEOUT_MS=120000 npm run -s reporting:rebuild 2>&1)" ||
    die "npm run reporting:rebuild failed: $out"
  grep -q '^Rebuild succeeded (switched in)' <<<"$out" || die "npm run reporting:rebuild did not succeed: $out"
  log "ok: npm run reporting:rebuild succeeded"
else
  log "skipped: npm run reporting:rebuild (not built: run npm run build first)"
fi
