<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_GB">
  <context>
    <name>DomainMessages</name>
    <message>
      <source>No OpenStreetMap basemap with settlements is registered with this store on this device; add one with: baytak basemap add STORE FILE.osm.pbf</source>
      <translation>No OpenStreetMap basemap with settlements is registered with this store on this device; add one with: baytak basemap add STORE FILE.osm.pbf</translation>
    </message>
    <message>
      <source>The basemap cannot be written over the store itself; choose another --out.</source>
      <translation>The basemap cannot be written over the store itself; choose another --out.</translation>
    </message>
    <message>
      <source>The basemap must be written to a .gpkg file, not {path}.</source>
      <translation>The basemap must be written to a .gpkg file, not {path}.</translation>
    </message>
    <message>
      <source>The image {title} is not on this device ({path}); copy it there, or add it again from where it is. The map is drawn without it.</source>
      <translation>The image {title} is not on this device ({path}); copy it there, or add it again from where it is. The map is drawn without it.</translation>
    </message>
    <message>
      <source>There is no layer named {source!r}. Use {known}, places (the basemap's towns) or osm_places (the villages of the store's OpenStreetMap basemaps).</source>
      <translation>There is no layer named {source!r}. Use {known}, places (the basemap's towns) or osm_places (the villages of the store's OpenStreetMap basemaps).</translation>
    </message>
    <message>
      <source>{path} cannot be read as an OpenStreetMap extract ({reason}).</source>
      <translation>{path} cannot be read as an OpenStreetMap extract ({reason}).</translation>
    </message>
    <message>
      <source>{path} does not exist or is not a file.</source>
      <translation>{path} does not exist or is not a file.</translation>
    </message>
    <message>
      <source>{path} exists and is not a basemap built by baytak; choose another name with --out.</source>
      <translation>{path} exists and is not a basemap built by baytak; choose another name with --out.</translation>
    </message>
    <message>
      <source>{path} has no coordinate system or georeference, so it cannot be placed on the map; georeference it first (for example in QGIS) and save it as a GeoTIFF.</source>
      <translation>{path} has no coordinate system or georeference, so it cannot be placed on the map; georeference it first (for example in QGIS) and save it as a GeoTIFF.</translation>
    </message>
    <message>
      <source>{path} is not an OpenStreetMap extract: choose a .osm.pbf file (for example a country or region extract downloaded for offline use).</source>
      <translation>{path} is not an OpenStreetMap extract: choose a .osm.pbf file (for example a country or region extract downloaded for offline use).</translation>
    </message>
    <message>
      <source>{path} is not an image GDAL can read ({reason}); use GeoTIFF, Cloud-Optimised GeoTIFF or JPEG 2000.</source>
      <translation>{path} is not an image GDAL can read ({reason}); use GeoTIFF, Cloud-Optimised GeoTIFF or JPEG 2000.</translation>
    </message>
    <message>
      <source>{text} is not a date: write it as YYYY-MM-DD, e.g. 2026-07-15.</source>
      <translation>{text} is not a date: write it as YYYY-MM-DD, e.g. 2026-07-15.</translation>
    </message>
  </context>
</TS>
