#!/usr/bin/env bash
# Make the pictures in docs/guide/img with the real program, the way a user's computer would show them:
# a demo store synced with a throwaway local server (so the map is not covered with "not yet synced"
# rings), then `baytak-desktop STORE --screenshot` in English, Kazakh and Russian, and the welcome page.
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

echo 'guide-admin-password' | "$BIN/baytak" server user add admin --role admin --password-stdin --data "$WORK/server"
"$BIN/baytak" server --data "$WORK/server" --port "$PORT" 2>"$WORK/server.log" &
SERVER_PID=$!
for _ in $(seq 50); do curl -fs "http://127.0.0.1:$PORT/healthz" >/dev/null && break; sleep 0.2; done
"$BIN/baytak" init "$WORK/upload.gpkg" --demo
echo 'guide-admin-password' | "$BIN/baytak" login "$WORK/upload.gpkg" --server "http://127.0.0.1:$PORT" --user admin --password-stdin
"$BIN/baytak" sync "$WORK/upload.gpkg"
"$BIN/baytak" init "$WORK/almaty_region.gpkg"  # a second device: everything arrives by sync, nothing pending
echo 'guide-admin-password' | "$BIN/baytak" login "$WORK/almaty_region.gpkg" --server "http://127.0.0.1:$PORT" --user admin --password-stdin
"$BIN/baytak" sync "$WORK/almaty_region.gpkg"
cp "$WORK/almaty_region.gpkg" "$WORK/field.gpkg"  # and one new outflow logged in the field, not yet synced
printf 'name,receiving_water,discharge,status,branch,lat,lon\nPipe behind the fish market,Kapchagay reservoir,untreated,active,almaty_region,43.8655,77.0790\n' >"$WORK/outflow.csv"
"$BIN/baytak" import "$WORK/field.gpkg" "$WORK/outflow.csv" --layer sewage_outflows

shot() { "$BIN/baytak-desktop" "$@" 2>/dev/null; }
STORE="$WORK/almaty_region.gpkg"
for lang in en kk ru; do
  shot "$STORE" --screenshot "$OUT/main_$lang.png" --size 1600x1000 --lang "$lang"
  shot --welcome --screenshot "$OUT/welcome_$lang.png" --lang "$lang"
done
shot "$WORK/field.gpkg" --screenshot "$OUT/konaev_en.png" --size 1600x1000 --extent 76.95,43.78,77.25,43.93 --lang en
shot "$STORE" --screenshot "$OUT/konaev_cleanups_en.png" --size 1600x1000 --extent 77.0,43.8,77.2,43.98 --lang en
# the OpenStreetMap basemap (the real Helsinki extract of the tests) at 1:20,000 and 1:100,000, in kk and ru
"$BIN/baytak" init "$WORK/helsinki.gpkg"
"$BIN/baytak" basemap add "$WORK/helsinki.gpkg" tests/data/osm/Helsinki.osm.pbf
for lang in kk ru; do
  for scale in 20000 100000; do
    shot "$WORK/helsinki.gpkg" --screenshot "$PWD/docs/screenshots/osm_basemap_${scale}_$lang.png" --size 1366x768 \
      --extent 24.935,60.165,24.953,60.178 --scale "$scale" --lang "$lang"
  done
done
# GPS: a real receiver's walk (gpsd's nmea-rtk log, tests/data/gps) moved to the demo quarry, replayed
"$BIN/python" -c "import sys; sys.path.insert(0, '.'); from pathlib import Path; from tests.ui.gps.conftest import moved_log; moved_log('nmea-rtk', Path(sys.argv[1]))" "$WORK/walk.nmea"
shot "$STORE" --gps "$WORK/walk.nmea?loop=1" --screenshot "$OUT/gps_kk.png" --size 1366x768 --lang kk
ls -la "$OUT"
