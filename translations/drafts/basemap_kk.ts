<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="kk_KZ">
  <context>
    <name>DomainMessages</name>
    <message>
      <source>No OpenStreetMap basemap with settlements is registered with this store on this device; add one with: baytak basemap add STORE FILE.osm.pbf</source>
      <translation>Бұл құрылғыда осы қоймаға елді мекендері бар OpenStreetMap негізгі картасы тіркелмеген; оны мына командамен қосыңыз: baytak basemap add STORE FILE.osm.pbf</translation>
    </message>
    <message>
      <source>The basemap cannot be written over the store itself; choose another --out.</source>
      <translation>Негізгі картаны қойманың өзінің үстіне жазуға болмайды; --out арқылы басқа файл таңдаңыз.</translation>
    </message>
    <message>
      <source>The basemap must be written to a .gpkg file, not {path}.</source>
      <translation>Негізгі карта {path} файлына емес, .gpkg файлына жазылуы керек.</translation>
    </message>
    <message>
      <source>The image {title} is not on this device ({path}); copy it there, or add it again from where it is. The map is drawn without it.</source>
      <translation>{title} суреті бұл құрылғыда жоқ ({path}); оны сол жерге көшіріңіз немесе тұрған жерінен қайта қосыңыз. Карта онсыз салынады.</translation>
    </message>
    <message>
      <source>There is no layer named {source!r}. Use {known}, places (the basemap's towns) or osm_places (the villages of the store's OpenStreetMap basemaps).</source>
      <translation>{source!r} деген қабат жоқ. {known}, places (негізгі картаның қалалары) немесе osm_places (қоймадағы OpenStreetMap негізгі карталарының ауылдары) қолданыңыз.</translation>
    </message>
    <message>
      <source>{path} cannot be read as an OpenStreetMap extract ({reason}).</source>
      <translation>{path} файлын OpenStreetMap үзіндісі ретінде оқу мүмкін емес ({reason}).</translation>
    </message>
    <message>
      <source>{path} does not exist or is not a file.</source>
      <translation>{path} жоқ немесе файл емес.</translation>
    </message>
    <message>
      <source>{path} exists and is not a basemap built by baytak; choose another name with --out.</source>
      <translation>{path} бар және ол baytak құрған негізгі карта емес; --out арқылы басқа атау таңдаңыз.</translation>
    </message>
    <message>
      <source>{path} has no coordinate system or georeference, so it cannot be placed on the map; georeference it first (for example in QGIS) and save it as a GeoTIFF.</source>
      <translation>{path} файлында координаттар жүйесі де, геобайланыс та жоқ, сондықтан оны картаға орналастыру мүмкін емес; алдымен оны геобайланыстырыңыз (мысалы, QGIS-те) және GeoTIFF ретінде сақтаңыз.</translation>
    </message>
    <message>
      <source>{path} is not an OpenStreetMap extract: choose a .osm.pbf file (for example a country or region extract downloaded for offline use).</source>
      <translation>{path} OpenStreetMap үзіндісі емес: .osm.pbf файлын таңдаңыз (мысалы, офлайн жұмыс үшін жүктелген елдің не өңірдің үзіндісі).</translation>
    </message>
    <message>
      <source>{path} is not an image GDAL can read ({reason}); use GeoTIFF, Cloud-Optimised GeoTIFF or JPEG 2000.</source>
      <translation>{path} GDAL оқи алатын сурет емес ({reason}); GeoTIFF, Cloud-Optimised GeoTIFF немесе JPEG 2000 қолданыңыз.</translation>
    </message>
    <message>
      <source>{text} is not a date: write it as YYYY-MM-DD, e.g. 2026-07-15.</source>
      <translation>{text} күн емес: оны ЖЖЖЖ-АА-КК түрінде жазыңыз, мысалы 2026-07-15.</translation>
    </message>
  </context>
</TS>
