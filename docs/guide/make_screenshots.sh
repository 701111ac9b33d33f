#!/usr/bin/env bash
# Make the pictures in docs/guide/img (and the feature form's in docs/screenshots) with the real program,
# the way a 1366x768 laptop shows them: a demo store in each language, then `baytak-desktop STORE --screenshot`
# and scripts/form_screenshots.py in English, Kazakh and Russian, and the welcome page.
# Run from the repository root: bash docs/guide/make_screenshots.sh   (needs .venv; no display needed)
set -euo pipefail
cd "$(dirname "$0")/../.."
BIN="$PWD/.venv/bin"
OUT="$PWD/docs/guide/img"
WORK=$(mktemp -d /tmp/baytak-guide-XXXXXX)
export XDG_CONFIG_HOME="$WORK/config" XDG_CACHE_HOME="$WORK/cache" QT_QPA_PLATFORM=offscreen
export XDG_DATA_HOME=/home/aigerim/.local/share  # only shown as a path on the welcome page; nothing is written
cleanup() { rm -rf "$WORK"; }
trap cleanup EXIT

# One demo store per language (names and notes are written in the language the store is made in). A demo
# store's sites are not edits (nothing "not yet synced" to mark) and never go to a server.
demo_store() {  # demo_store LANG -> $WORK/$LANG/almaty_region.gpkg
  mkdir -p "$WORK/$1"
  "$BIN/baytak" init "$WORK/$1/almaty_region.gpkg" --demo --lang "$1" >/dev/null
}

shot() { "$BIN/baytak-desktop" "$@" 2>/dev/null; }
SIZE=1366x768  # the common laptop screen: what fits here fits everywhere
for lang in en kk ru; do
  demo_store "$lang"
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
shot "$WORK/kk/almaty_region.gpkg" --gps "$WORK/walk.nmea?loop=1" --screenshot "$OUT/gps_kk.png" --size "$SIZE" --lang kk
ls -la "$OUT" docs/screenshots/feature_form_*.png
