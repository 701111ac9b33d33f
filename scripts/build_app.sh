#!/usr/bin/env bash
# Build the one-folder desktop program: dist/baytak-desktop/ (baytak-desktop, and baytak for the CLI).
#
#   bash scripts/build_app.sh [DIST_DIR [WORK_DIR]]
#
# Installs PyInstaller into .venv if it is missing (the `build` extra), runs build.spec, adds the
# `baytak` link and prints how long it took and how big the result is (docs/install.md records both).
set -euo pipefail
cd "$(dirname "$0")/.."
DIST=${1:-dist}
WORK=${2:-build}
PY=.venv/bin/python
[ -x "$PY" ] || bash scripts/setup.sh
"$PY" -c "import PyInstaller" 2>/dev/null || "$PY" -m pip install --quiet "pyinstaller>=6.10"  # the `build` extra
started=$(date +%s)
"$PY" -m PyInstaller --noconfirm --clean --log-level WARN --distpath "$DIST" --workpath "$WORK" build.spec
ln -sf baytak-desktop "$DIST/baytak-desktop/baytak"
seconds=$(( $(date +%s) - started ))
size=$(du -sh "$DIST/baytak-desktop" | cut -f1)
echo "built $DIST/baytak-desktop in ${seconds} s, ${size}"
