#!/usr/bin/env bash
# Makes the supported Node.js LTS (the major in .nvmrc, the one the production image ships) available under
# .tools/node-<major>/ and prints its bin folder on stdout, so that CI and developers on a machine with an older Node
# can put it first on PATH:
#
#   PATH="$(bash deploy/node-lts.sh):$PATH" npm test
#
# The binaries come from the npm registry's node-linux-<arch> package (what the `node` package installs), fetched with
# `npm pack` (nothing is installed into node_modules). Once there, the script only checks the version (no network).
# KITOS_NODE_MAJOR overrides the major. Progress and errors go to stderr; exit code non-zero on failure.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
MAJOR="${KITOS_NODE_MAJOR:-$(tr -dc '0-9' <"$ROOT/.nvmrc")}"
DEST="$ROOT/.tools/node-$MAJOR"

has_major() { [[ -x "$1/bin/node" ]] && [[ "$("$1/bin/node" -p 'process.versions.node.split(".")[0]' 2>/dev/null)" == "$MAJOR" ]]; }

if ! has_major "$DEST"; then
  case "$(uname -m)" in
    x86_64) ARCH=x64 ;;
    aarch64 | arm64) ARCH=arm64 ;;
    *)
      echo "node-lts: no node-linux package for $(uname -m)" >&2
      exit 1
      ;;
  esac
  mkdir -p "$ROOT/.tools"
  WORK="$(mktemp -d "$ROOT/.tools/.node-$MAJOR.XXXXXX")"
  trap 'rm -rf "$WORK"' EXIT
  echo "node-lts: fetching node-linux-$ARCH@$MAJOR from the npm registry ..." >&2
  (cd "$WORK" && timeout 600 npm pack --silent "node-linux-$ARCH@$MAJOR" >/dev/null)
  tar -xzf "$WORK"/node-linux-"$ARCH"-*.tgz -C "$WORK"
  has_major "$WORK/package" || {
    echo "node-lts: the package did not contain a working Node $MAJOR" >&2
    exit 1
  }
  rm -rf "$DEST"
  mv "$WORK/package" "$DEST"
  echo "node-lts: Node $("$DEST/bin/node" --version) in $DEST/bin" >&2
fi

echo "$DEST/bin"
