#!/usr/bin/env bash
# Set up (first time) and start baytak-desktop. With no store given it opens your default store,
# creating it with the demo data on first run. Any arguments are passed to baytak-desktop.
set -euo pipefail
cd "$(dirname "$0")"
bash scripts/setup.sh
exec .venv/bin/baytak-desktop "$@"
