#!/usr/bin/env bash
# Create the venv and install baytak-desktop with its test tools into it, only when needed: when the venv
# is missing, or when what pyproject.toml installs (dependencies, extras, scripts) changed since the last
# install. A set-up venv with nothing changed returns at once, without the network.
#
#   bash scripts/setup.sh                   # CI and developers: fail when the install fails
#   bash scripts/setup.sh --keep-installed  # ./run.sh: if an update cannot be installed (no network),
#                                           # say so and keep the installed version
#
# BAYTAK_VENV chooses the venv (default .venv); PYTHON the interpreter that creates it (default python3).
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON=${PYTHON:-python3}
VENV=${BAYTAK_VENV:-.venv}
STAMP="$VENV/.baytak-installed"
keep_installed=false
[ "${1:-}" = "--keep-installed" ] && keep_installed=true

wanted=$("$PYTHON" scripts/install_stamp.py)
if [ -x "$VENV/bin/python" ] && [ -f "$STAMP" ] && [ "$(cat "$STAMP")" = "$wanted" ]; then
  exit 0  # installed and up to date
fi

installed_before=false
[ -x "$VENV/bin/baytak-desktop" ] && installed_before=true
[ -x "$VENV/bin/python" ] || "$PYTHON" -m venv "$VENV"
echo "Installing baytak-desktop and its dependencies into $VENV ..." >&2
if "$VENV/bin/python" -m pip install --quiet --upgrade pip \
  && "$VENV/bin/python" -m pip install --quiet -e ".[test]"; then
  echo "$wanted" >"$STAMP"
  exit 0
fi
if $keep_installed && $installed_before; then
  echo "warning: could not install the updated dependencies (no network?); starting the installed version." >&2
  exit 0
fi
echo "error: installing baytak-desktop needs a network connection the first time (PyPI), or a pip index" \
  "or wheel folder configured for pip; nothing else on this machine was changed." >&2
exit 1
