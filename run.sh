#!/usr/bin/env bash
# Start baytak-desktop, setting it up first only when needed (first start, or changed dependencies), so
# once set up it starts with no network. With no store given it opens the last store used; on the first
# start a Welcome page offers the demo store, an empty store for your branch, or signing in to a server.
# Any arguments are passed to baytak-desktop.
set -euo pipefail
cd "$(dirname "$0")"
bash scripts/setup.sh --keep-installed
exec "${BAYTAK_VENV:-.venv}/bin/baytak-desktop" "$@"
