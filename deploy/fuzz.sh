#!/usr/bin/env bash
# Fuzzes the public API with Schemathesis against its own OpenAPI document (/api/docs-json), on the whole system
# started as `npm start` would, detached, on free ports and with throwaway data (as deploy/smoke.sh does).
#
# Usage: deploy/fuzz.sh
#   1. a Python venv with Schemathesis (pinned) in .tools/schemathesis (created once, reused when present)
#   2. the system started with deploy/run-local.sh (KITOS_DETACH=1) on free ports, data in a temporary directory
#   3. a token of the bootstrap administrator, then two bounded Schemathesis runs: with the token, and without any
#   4. the system stopped and the data removed
#   Exit code 0 when no request got a 5xx answer (check not_a_server_error) and every answer matched its documented
#   schema (response_schema_conformance) in either run.
#
# Environment:
#   KITOS_FUZZ_AUTH_SECONDS    time budget of the run with the token (default 150)
#   KITOS_FUZZ_ANON_SECONDS    time budget of the run without a token (default 45)
#   KITOS_FUZZ_MAX_EXAMPLES    test cases per operation and phase (default 20)
#   KITOS_FUZZ_CHECKS          checks that fail the run (default not_a_server_error,response_schema_conformance: a
#                              5xx, or an answer its documented schema does not describe)
#   KITOS_FUZZ_SEED            Schemathesis seed (default: random; printed by Schemathesis for a re-run)
#   KITOS_FUZZ_REPORT_DIR      where the JUnit and NDJSON reports go (default: a temporary directory, removed)
#   KITOS_SKIP_BUILD=1         passed to run-local.sh: use the existing dist/ (CI builds just before)
#   KITOS_READY_TIMEOUT        seconds run-local.sh waits for every process to be ready (default here 180: a busy
#                              machine needs more than its 60 for catalog's first KLE import)
#   KITOS_BOOTSTRAP_ADMIN_EMAIL / _PASSWORD   the administrator to log in as (local defaults otherwise)
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

SCHEMATHESIS_VERSION=4.32.5
VENV="$ROOT/.tools/schemathesis"
AUTH_SECONDS="${KITOS_FUZZ_AUTH_SECONDS:-150}"
ANON_SECONDS="${KITOS_FUZZ_ANON_SECONDS:-45}"
MAX_EXAMPLES="${KITOS_FUZZ_MAX_EXAMPLES:-20}"
CHECKS="${KITOS_FUZZ_CHECKS:-not_a_server_error,response_schema_conformance}"

log() { printf '[fuzz] %s\n' "$*" >&2; }
die() {
  printf '[fuzz] FAILED: %s\n' "$*" >&2
  exit 1
}

command -v curl >/dev/null 2>&1 || die "curl is required (apt-get install -y curl)"
command -v node >/dev/null 2>&1 || die "node is required"
# shellcheck source=deploy/lib/ports.sh
source "$ROOT/deploy/lib/ports.sh"
command -v python3 >/dev/null 2>&1 || die "python3 (with venv) is required (apt-get install -y python3-venv)"

# ------------------------------------------------------------------------------------------- Schemathesis

if [[ ! -x "$VENV/bin/schemathesis" ]] || [[ "$("$VENV/bin/python" -c 'import importlib.metadata as m; print(m.version("schemathesis"))' 2>/dev/null)" != "$SCHEMATHESIS_VERSION" ]]; then
  log "installing Schemathesis $SCHEMATHESIS_VERSION into $VENV ..."
  python3 -m venv "$VENV" || die "python3 -m venv failed (apt-get install -y python3-venv)"
  "$VENV/bin/pip" install --quiet --disable-pip-version-check "schemathesis==$SCHEMATHESIS_VERSION" || die "pip install schemathesis failed"
fi

# ------------------------------------------------------------------------------------------- the system

read -r -a ports <<<"$(kitos_free_ports)"
((${#ports[@]} == 11)) || die "could not find free ports"
kitos_export_ports "${ports[@]}" || die "could not export the ports"
unset KITOS_SERVICES KITOS_DETACH

KITOS_DATA_DIR="$(mktemp -d "${TMPDIR:-/tmp}/kitos-fuzz.XXXXXX")"
export KITOS_DATA_DIR
REPORT_DIR="${KITOS_FUZZ_REPORT_DIR:-$KITOS_DATA_DIR/reports}"
mkdir -p "$REPORT_DIR"
REPORT_DIR="$(cd "$REPORT_DIR" && pwd)"
BASE="http://127.0.0.1:$PORT"

STARTED=0
cleanup() {
  local rc=$?
  trap - EXIT INT TERM
  if ((STARTED)); then
    if ((rc != 0)); then
      log "errors logged by the processes during the run (last 20 each):"
      for f in "$KITOS_DATA_DIR"/logs/*.log; do
        [[ -e "$f" ]] || continue
        echo "----- $(basename "$f")" >&2
        grep -E '"level":"(error|fatal)"' "$f" | tail -n 20 >&2 || true
      done
    fi
    log "stopping the system ..."
    bash "$ROOT/deploy/run-local.sh" stop >&2 || log "run-local.sh stop failed"
    bash "$ROOT/deploy/embedded-infra.sh" stop >/dev/null 2>&1 || true # the data dir is throwaway: what runs on it is ours
  fi
  rm -rf "$KITOS_DATA_DIR"
  if ((rc == 0)); then log "PASSED"; else log "FAILED (exit code $rc)"; fi
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

log "starting the system detached (gateway $BASE, data $KITOS_DATA_DIR) ..."
STARTED=1
KITOS_DETACH=1 KITOS_READY_TIMEOUT="${KITOS_READY_TIMEOUT:-180}" bash "$ROOT/deploy/run-local.sh" start || die "the system did not start (see the output above)"

admin_email="${KITOS_BOOTSTRAP_ADMIN_EMAIL:-admin@kitos.local}"
admin_password="${KITOS_BOOTSTRAP_ADMIN_PASSWORD:-kitos-local-admin-only}"
credentials="$(node -e 'console.log(JSON.stringify({ email: process.argv[1], password: process.argv[2] }))' "$admin_email" "$admin_password")"
deadline=$((SECONDS + 30))
until answer="$(curl -s -m 10 -X POST -H 'content-type: application/json' --data "$credentials" "$BASE/api/v2/auth/login")" &&
  token="$(node -e 'const b = JSON.parse(process.argv[1]); if (!b.token) process.exit(1); console.log(b.token)' "$answer" 2>/dev/null)"; do
  ((SECONDS < deadline)) || die "logging in as the bootstrap administrator failed: ${answer:0:300}"
  sleep 0.5
done
log "ok: logged in as the bootstrap administrator"

# ------------------------------------------------------------------------------------------- fuzzing

# Schemathesis would otherwise try to sign up a user of its own through POST /api/v2/users when it runs without a token
# (and 4.32.5 fails with an internal error doing so): the runs use the bootstrap administrator's token, or none.
CONFIG="$KITOS_DATA_DIR/schemathesis.toml"
printf '[auth]\nauto-signup = false\n' >"$CONFIG"

# fuzz NAME SECONDS [schemathesis options...] -> runs Schemathesis; its summary goes to stderr, the exit code is kept
fuzz() {
  local name="$1" seconds="$2" rc=0
  shift 2
  log "Schemathesis run '$name' (at most ${seconds}s, checks: $CHECKS) ..."
  # from the throwaway data dir, where its cache (.schemathesis/) goes too
  # through the venv's python, not its bin/schemathesis: that script's #! names the path the venv was created at,
  # and .tools may be shared by several checkouts (a venv made in another, since removed, breaks the script, not python)
  (cd "$KITOS_DATA_DIR" && "$VENV/bin/python" -m schemathesis.cli --no-color --config-file "$CONFIG" run "$BASE/api/docs-json" \
    --url "$BASE" \
    --checks "$CHECKS" \
    --max-time "$seconds" \
    --max-examples "$MAX_EXAMPLES" \
    --phases examples,coverage,fuzzing \
    --workers 2 \
    --request-timeout 15 \
    --suppress-health-check all \
    --warnings off \
    --generation-database none \
    ${KITOS_FUZZ_SEED:+--seed "$KITOS_FUZZ_SEED"} \
    --report junit,ndjson \
    --report-junit-path "$REPORT_DIR/$name.junit.xml" \
    --report-ndjson-path "$REPORT_DIR/$name.ndjson" \
    "$@" >&2) || rc=$?
  log "Schemathesis run '$name' ended with exit code $rc"
  # The verdict comes from the report: a failed check fails the run, and so does a run that sent nothing; an error of
  # Schemathesis itself (it has crashed on a few operations with a CPython SystemError) is shown but fails nothing.
  summary "$REPORT_DIR/$name.ndjson"
}

# summary NDJSON -> one line: operations, requests, answers by class, failed checks, errors of Schemathesis (the figures
# in docs/reliability.md); exit code 1 when a check failed or no request was sent
summary() {
  [[ -s "$1" ]] || {
    log "no report at $1"
    return 1
  }
  "$VENV/bin/python" - "$1" <<'PY' >&2
import collections, json, sys
operations, requests, answers, failed, errors = set(), 0, collections.Counter(), collections.Counter(), []
for line in open(sys.argv[1]):
    event = json.loads(line)
    if "NonFatalError" in event or "FatalError" in event:
        error = event.get("NonFatalError") or event.get("FatalError")
        errors.append(f"{error.get('label', '')}: {error.get('value', {}).get('message', '')}"[:200])
    finished = event.get("ScenarioFinished")
    if not finished:
        continue
    recorder = finished["recorder"]
    operations.add(recorder["label"])
    for interaction in recorder.get("interactions", {}).values():
        requests += 1
        response = interaction.get("response")
        answers[f"{response['status_code'] // 100}xx" if response else "no answer"] += 1
    for checks in recorder.get("checks", {}).values():
        failed.update(c["name"] for c in checks if c["status"] == "failure")
print(f"[fuzz] summary: operations {len(operations)}, requests {requests}, answers {dict(sorted(answers.items()))}, "
      f"failed checks {dict(failed) or 0}, errors of Schemathesis itself {len(errors)}")
for error in errors:
    print(f"[fuzz]   error of Schemathesis (not counted as a failure): {error}")
sys.exit(1 if failed or requests == 0 else 0)
PY
}

failed=()
# Sign-in endpoints are fuzzed without the token only: with it they would add nothing, and wrong passwords for the
# bootstrap administrator would be tried twice as often.
fuzz with-token "$AUTH_SECONDS" -H "Authorization: Bearer $token" \
  --exclude-path-regex '^/api/(v2/auth/login|v2/token|authorize/GetToken)$' || failed+=(with-token)
fuzz without-token "$ANON_SECONDS" || failed+=(without-token)

((${#failed[@]} == 0)) || die "Schemathesis found failures in: ${failed[*]} (see its output above)"
