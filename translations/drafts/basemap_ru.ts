<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ru_RU">
  <context>
    <name>DomainMessages</name>
    <message>
      <source>No OpenStreetMap basemap with settlements is registered with this store on this device; add one with: baytak basemap add STORE FILE.osm.pbf</source>
      <translation>На этом устройстве с этим хранилищем не зарегистрирована подложка OpenStreetMap с населёнными пунктами; добавьте её командой: baytak basemap add STORE FILE.osm.pbf</translation>
    </message>
    <message>
      <source>The basemap cannot be written over the store itself; choose another --out.</source>
      <translation>Подложку нельзя записать поверх самого хранилища; выберите другой файл в --out.</translation>
    </message>
    <message>
      <source>The basemap must be written to a .gpkg file, not {path}.</source>
      <translation>Подложку нужно записать в файл .gpkg, а не в {path}.</translation>
    </message>
    <message>
      <source>The image {title} is not on this device ({path}); copy it there, or add it again from where it is. The map is drawn without it.</source>
      <translation>Снимка {title} нет на этом устройстве ({path}); скопируйте его туда или добавьте заново оттуда, где он лежит. Карта рисуется без него.</translation>
    </message>
    <message>
      <source>There is no layer named {source!r}. Use {known}, places (the basemap's towns) or osm_places (the villages of the store's OpenStreetMap basemaps).</source>
      <translation>Слоя {source!r} нет. Используйте {known}, places (города подложки) или osm_places (сёла подложек OpenStreetMap этого хранилища).</translation>
    </message>
    <message>
      <source>{path} cannot be read as an OpenStreetMap extract ({reason}).</source>
      <translation>{path} не читается как выгрузка OpenStreetMap ({reason}).</translation>
    </message>
    <message>
      <source>{path} does not exist or is not a file.</source>
      <translation>{path} не существует или не является файлом.</translation>
    </message>
    <message>
      <source>{path} exists and is not a basemap built by baytak; choose another name with --out.</source>
      <translation>{path} уже существует и это не подложка, созданная baytak; выберите другое имя в --out.</translation>
    </message>
    <message>
      <source>{path} has no coordinate system or georeference, so it cannot be placed on the map; georeference it first (for example in QGIS) and save it as a GeoTIFF.</source>
      <translation>У {path} нет системы координат и привязки, поэтому его нельзя поместить на карту; сначала привяжите его (например, в QGIS) и сохраните как GeoTIFF.</translation>
    </message>
    <message>
      <source>{path} is not an OpenStreetMap extract: choose a .osm.pbf file (for example a country or region extract downloaded for offline use).</source>
      <translation>{path} не является выгрузкой OpenStreetMap: выберите файл .osm.pbf (например, выгрузку страны или региона, скачанную для работы без сети).</translation>
    </message>
    <message>
      <source>{path} is not an image GDAL can read ({reason}); use GeoTIFF, Cloud-Optimised GeoTIFF or JPEG 2000.</source>
      <translation>{path} не является изображением, которое читает GDAL ({reason}); используйте GeoTIFF, Cloud-Optimised GeoTIFF или JPEG 2000.</translation>
    </message>
    <message>
      <source>{text} is not a date: write it as YYYY-MM-DD, e.g. 2026-07-15.</source>
      <translation>{text} не дата: запишите её как ГГГГ-ММ-ДД, например 2026-07-15.</translation>
    </message>
  </context>
</TS>
