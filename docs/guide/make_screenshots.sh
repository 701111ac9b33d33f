#!/usr/bin/env bash
# Make the pictures in docs/guide/img (and the feature form's in docs/screenshots) with the real program,
# the way a 1366x768 laptop shows them: a demo store in each language synced with a throwaway local
# server (so the map is not covered with "not yet synced" marks), then `baytak-desktop STORE --screenshot`
# and scripts/form_screenshots.py in English, Kazakh and Russian, and the welcome page.
# Run from the repository root: bash docs/guide/make_screenshots.sh   (needs .venv; no display needed)
set -euo pipefail
cd "$(dirname "$0")/../.."
BIN="$PWD/.venv/bin"
OUT="$PWD/docs/guide/img"
WORK=$(mktemp -d /tmp/baytak-guide-XXXXXX)
PORT=${PORT:-18769}
export XDG_CONFIG_HOME="$WORK/config" XDG_CACHE_HOME="$WORK/cache" QT_QPA_PLATFORM=offscreen
export XDG_DATA_HOME=/home/aigerim/.local/share  # only shown as a path on the welcome page; nothing is written
SERVER_PID=""
cleanup() { [ -n "$SERVER_PID" ] && kill "$SERVER_PID" 2>/dev/null; rm -rf "$WORK"; }
trap cleanup EXIT

# One demo store per language (names and notes are written in the language the store is made in), each
# uploaded to a throwaway server of its own and synced down to a second "device", so nothing is pending.
synced_demo() {  # synced_demo LANG PORT -> $WORK/$LANG/almaty_region.gpkg
  local lang=$1 port=$2 dir="$WORK/$1"
  mkdir -p "$dir"
  echo 'guide-admin-password' | "$BIN/baytak" server user add admin --role admin --password-stdin --data "$dir/server" >/dev/null
  "$BIN/baytak" server --data "$dir/server" --port "$port" 2>"$dir/server.log" &
  SERVER_PID=$!
  for _ in $(seq 50); do curl -fs "http://127.0.0.1:$port/healthz" >/dev/null && break; sleep 0.2; done
  "$BIN/baytak" init "$dir/upload.gpkg" --demo --lang "$lang" >/dev/null
  for store in upload almaty_region; do
    [ -f "$dir/$store.gpkg" ] || "$BIN/baytak" init "$dir/$store.gpkg" >/dev/null
    echo 'guide-admin-password' | "$BIN/baytak" login "$dir/$store.gpkg" --server "http://127.0.0.1:$port" --user admin --password-stdin >/dev/null
    "$BIN/baytak" sync "$dir/$store.gpkg" >/dev/null
  done
  kill "$SERVER_PID"; wait "$SERVER_PID" 2>/dev/null || true; SERVER_PID=""
}

shot() { "$BIN/baytak-desktop" "$@" 2>/dev/null; }
SIZE=1366x768  # the common laptop screen: what fits here fits everywhere
for lang in en kk ru; do
  synced_demo "$lang" "$PORT"
  STORE="$WORK/$lang/almaty_region.gpkg"
  shot "$STORE" --screenshot "$OUT/main_$lang.png" --size "$SIZE" --lang "$lang"
  shot --welcome --screenshot "$OUT/welcome_$lang.png" --lang "$lang"
  cp "$STORE" "$WORK/$lang/form.gpkg"  # the form's picture attaches a photo: on a copy
  "$BIN/python" scripts/form_screenshots.py "$WORK/$lang/form.gpkg" "$lang" "docs/screenshots/feature_form_$lang.png" 2>/dev/null
done
STORE="$WORK/en/almaty_region.gpkg"
cp "$STORE" "$WORK/field.gpkg"  # and one new outflow logged in the field, not yet synced
printf 'name,receiving_water,discharge,status,branch,lat,lon\nPipe behind the fish market,Kapchagay reservoir,untreated,active,almaty_region,43.8655,77.0790\n' >"$WORK/outflow.csv"
"$BIN/baytak" import "$WORK/field.gpkg" "$WORK/outflow.csv" --layer sewage_outflows >/dev/null
shot "$WORK/field.gpkg" --screenshot "$OUT/konaev_en.png" --size "$SIZE" --extent 76.95,43.78,77.25,43.93 --lang en
shot "$STORE" --screenshot "$OUT/konaev_cleanups_en.png" --size "$SIZE" --extent 77.0,43.8,77.2,43.98 --lang en
# GPS: a real receiver's walk (gpsd's nmea-rtk log, tests/data/gps) moved to the demo quarry, replayed
"$BIN/python" -c "import sys; sys.path.insert(0, '.'); from pathlib import Path; from tests.ui.gps.conftest import moved_log; moved_log('nmea-rtk', Path(sys.argv[1]))" "$WORK/walk.nmea"
shot "$WORK/kk/almaty_region.gpkg" --gps "$WORK/walk.nmea?loop=1" --screenshot "$OUT/gps_kk.png" --size "$SIZE" --lang kk
ls -la "$OUT" docs/screenshots/feature_form_*.png
