"""Add the coarse world layers to the bundled basemap, so that the map has no edge of the world.

    .venv/bin/python scripts/make_world_land.py PATH/TO/naturalearth_lowres.shp

The detailed Natural Earth data of resources/basemap covers Central Asia only (lon 44-90, lat
36-56.5); beyond it the map, the print exhibit and the web map showed a straight edge with "sea"
behind. This writes two layers into the same GeoPackage, both from Natural Earth 1:110 million
(public domain), as the ``geopandas<1.0`` sdist ships it (``geopandas/datasets/naturalearth_lowres``):

- ``world_land``: every country dissolved into land (what is not land is sea), without the detailed
  area, which it overlaps by 0.1° so that no hairline of sea shows along the seam;
- ``world_countries``: the countries beyond the detailed area (``name``, ``iso_a3``), cut the same way.

Run again after replacing the bundled file; the layers are rewritten, the others left as they are.
"""

from __future__ import annotations

import argparse
from pathlib import Path

import geopandas as gpd
import pyogrio
import shapely

ROOT = Path(__file__).resolve().parent.parent
BASEMAP = ROOT / "src" / "baytak_desktop" / "resources" / "basemap" / "natural_earth_central_asia.gpkg"
DETAILED = (44.0, 36.0, 90.0, 56.5)  # the Central Asia box of the detailed layers
OVERLAP = 0.1  # degrees the coarse layers reach into the detailed area


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("lowres", type=Path, help="naturalearth_lowres.shp from the geopandas<1.0 sdist")
    parser.add_argument("--basemap", type=Path, default=BASEMAP, help="the GeoPackage to add the layers to")
    args = parser.parse_args()
    countries = pyogrio.read_dataframe(args.lowres, columns=["name", "iso_a3"]).to_crs("EPSG:4326")
    west, south, east, north = DETAILED
    hole = shapely.box(west + OVERLAP, south + OVERLAP, east - OVERLAP, north - OVERLAP)
    land = shapely.difference(shapely.union_all(countries.geometry.values), hole)
    world_land = gpd.GeoDataFrame({"source": ["ne_110m_admin_0_countries, dissolved"]}, geometry=[land], crs=4326)
    countries["geometry"] = shapely.difference(countries.geometry.values, hole)
    beyond = countries[~countries.geometry.is_empty].explode(index_parts=False)
    beyond = beyond[beyond.geometry.geom_type == "Polygon"]
    beyond = beyond.dissolve(by=["name", "iso_a3"], as_index=False)
    for name, frame in (("world_land", world_land.explode(index_parts=False)), ("world_countries", beyond)):
        frame["geometry"] = [shapely.MultiPolygon([g]) if g.geom_type == "Polygon" else g for g in frame.geometry]
        pyogrio.write_dataframe(frame, args.basemap, layer=name, driver="GPKG", geometry_type="MultiPolygon")
        print(f"{name}: {len(frame)} features")


if __name__ == "__main__":
    main()
