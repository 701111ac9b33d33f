"""Write the crafted files of tests/data/crafted/: each one a case that files from Kazakh users bring.

    .venv/bin/python tests/data/crafted/make_crafted.py      # rewrite them (tests/io/test_corpus.py checks
                                                             # that the committed files are what this writes)

Shapefiles and .dbf tables are written through GDAL (pyogrio) with the text handed over as Latin-1, so
their bytes are exactly the code page wanted (CP1251, CP866, KOI8-R, KZ-1048 or UTF-8), then the .cpg
is removed and the language driver byte set as MapInfo and ArcGIS on Russian Windows leave them (0 or
0x57). Positions are illustrative (Almaty region, Konaev, Sorbulak), as in the demo data.
"""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import geopandas as gpd
import pyogrio
import shapely

HERE = Path(__file__).resolve().parent
PIT = shapely.Polygon([(77.0, 43.8), (77.012, 43.8), (77.012, 43.809), (77.0, 43.809)])
PIT_2 = shapely.Polygon([(77.1, 43.7), (77.11, 43.7), (77.11, 43.71), (77.1, 43.71)])
PIT_3 = shapely.Polygon([(76.9, 43.6), (76.905, 43.6), (76.905, 43.606), (76.9, 43.606)])

QUARRIES = {  # as an agency table: Russian column names, Russian labels for the codes
    "НАЗВАНИЕ": ["Карьер у Абата", "Песчаный карьер Караой", "Щебёночный карьер"],
    "СТАТУС": ["незаконный", "заброшенный", "действующий"],
    "ЛИЦЕНЗИЯ": ["нет", "KZ-12/2019", "ТОО Жол, 45"],
}
UTF8_QUARRIES = {"ИМЯ": QUARRIES["НАЗВАНИЕ"], "STATUS": QUARRIES["СТАТУС"], "LICENSE_NO": QUARRIES["ЛИЦЕНЗИЯ"]}
KAZAKH = {
    "atauy": ["Қарағаш көшесі", "Үлкен Алматы өзені", "Іле ауданы, Өтеген батыр"],
    "status": ["заңсыз", "тастанды", "жұмыс істеп тұр"],
}


def shapefile(folder: Path, name: str, columns: dict, geometries: list, codec: str, ldid: int, cpg: bool) -> Path:
    """A shapefile whose .dbf text is in ``codec``, with language driver ``ldid``, with or without .cpg.

    Field names are written as ASCII stand-ins of the same length, then their bytes in the header are
    replaced by the real names in ``codec`` (GDAL would cut a name it sees as longer than 10 bytes)."""
    stand_ins = {key: f"F{index}".ljust(len(key.encode(codec)), "X") for index, key in enumerate(columns)}
    raw = {stand_ins[key]: [v.encode(codec).decode("latin-1") for v in values] for key, values in columns.items()}
    frame = gpd.GeoDataFrame(raw, geometry=geometries, crs="EPSG:4326")
    path = folder / f"{name}.shp"
    pyogrio.write_dataframe(frame, path, encoding="ISO-8859-1")
    dbf = path.with_suffix(".dbf")
    data = bytearray(dbf.read_bytes())
    data[29] = ldid
    for key, stand_in in stand_ins.items():
        at = data.index(stand_in.encode("ascii") + b"\x00", 32)
        data[at : at + len(stand_in)] = key.encode(codec)
    dbf.write_bytes(bytes(data))
    path.with_suffix(".cpg").unlink(missing_ok=True)
    if cpg:
        path.with_suffix(".cpg").write_text("UTF-8" if codec == "utf-8" else codec.upper())
    return path


def zipped(path: Path, leave_out: tuple[str, ...] = ()) -> Path:
    """The shapefile's parts in one .zip (without ``leave_out`` suffixes); the loose parts removed."""
    archive = path.with_suffix(".zip")
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as out:
        for part in sorted(path.parent.glob(path.stem + ".*")):
            if part.suffix not in (".zip", *leave_out):
                out.write(part, part.name)
    for part in path.parent.glob(path.stem + ".*"):
        if part.suffix != ".zip":
            part.unlink()
    return archive


def write_all(folder: Path = HERE) -> list[Path]:
    for old in folder.iterdir():
        if old.name not in ("make_crafted.py", "README.md", "__pycache__"):
            old.unlink()
    pits = [PIT, PIT_2, PIT_3]
    written = [
        zipped(shapefile(folder, "agency_quarries_cp1251_ldid0", QUARRIES, pits, "cp1251", 0x00, cpg=False)),
        shapefile(folder, "agency_quarries_cp1251_ldid57", QUARRIES, pits, "cp1251", 0x57, cpg=False),
        shapefile(folder, "quarries_utf8_no_cpg", UTF8_QUARRIES, pits, "utf-8", 0x00, cpg=False),
        shapefile(folder, "quarries_kz1048", KAZAKH, pits, "kz1048", 0x57, cpg=False),
        shapefile(folder, "quarries_cp866_dos", QUARRIES, pits, "cp866", 0x00, cpg=False),
        shapefile(folder, "quarries_koi8r", QUARRIES, pits, "koi8_r", 0x00, cpg=False),
        shapefile(folder, "ambiguous_short_names", {"NAME": ["ДОМ", "НЕТ"]}, pits[:2], "cp1251", 0x00, cpg=False),
        zipped(shapefile(folder, "zip_without_dbf", {"name": ["Абат"]}, pits[:1], "utf-8", 0, True), (".dbf",)),
        zipped(shapefile(folder, "zip_without_shx", {"name": ["Абат"]}, pits[:1], "utf-8", 0, True), (".shx",)),
        _dbf_table(folder),
        *_csvs(folder),
        *_geojsons(folder),
        *_kmls(folder),
        _gpx_unknown_version(folder),
        *_agency_files(folder),
    ]
    return written


# An ESRI .prj as MapInfo and old ArcGIS write Gauss-Kruger zone 13: Krasovsky's ellipsoid, a datum
# of their own name, no TOWGS84 (PROJ would only move the ellipsoid: 50 m off near Almaty).
KRASOVSKY_PRJ = (
    'PROJCS["GK_zona_13_akimat",GEOGCS["GCS_Krasovsky",DATUM["D_Krasovsky_1940",SPHEROID["Krasovsky_1940",'
    '6378245.0,298.3]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]],PROJECTION["Transverse_Mercator"],'
    'PARAMETER["False_Easting",13500000.0],PARAMETER["False_Northing",0.0],PARAMETER["Central_Meridian",75.0],'
    'PARAMETER["Scale_Factor",1.0],PARAMETER["Latitude_Of_Origin",0.0],UNIT["Meter",1.0]]'
)
GK_ZONE_13 = "EPSG:28413"  # Pulkovo 1942 / Gauss-Kruger zone 13 (72-78 E: Almaty, Konaev)


def _agency_files(folder: Path) -> list[Path]:
    """What agencies send beyond Shapefiles in CP1251: MapInfo tables, Gauss-Kruger metres, cut files."""
    pits = [PIT, PIT_2, PIT_3]
    metres = list(gpd.GeoSeries(pits, crs="EPSG:4326").to_crs(GK_ZONE_13))
    krasovsky = shapefile(folder, "gk13_krasovsky_prj", QUARRIES, metres, "cp1251", 0x57, cpg=True)
    krasovsky.with_suffix(".prj").write_text(KRASOVSKY_PRJ)
    cut = shapefile(folder, "cut_short_shp", UTF8_QUARRIES, pits, "utf-8", 0x00, cpg=True)
    cut.write_bytes(cut.read_bytes()[: cut.stat().st_size // 2])  # a download that stopped
    cut_dbf = shapefile(folder, "cut_short_dbf", UTF8_QUARRIES, pits, "utf-8", 0x00, cpg=True).with_suffix(".dbf")
    cut_dbf.write_bytes(cut_dbf.read_bytes()[:-40])
    frame = gpd.GeoDataFrame(QUARRIES, geometry=metres, crs=GK_ZONE_13)
    neutral = folder / "akimat_pits_neutral.tab"  # Charset "Neutral": the bytes are CP1251, nothing says so
    pyogrio.write_dataframe(frame, neutral, driver="MapInfo File", encoding="CP1251")
    declared = folder / "geology_pits_windowscyrillic.mif"
    pyogrio.write_dataframe(frame, declared, driver="MapInfo File", encoding="CP1251")
    declared.write_bytes(declared.read_bytes().replace(b'Charset "Neutral"', b'Charset "WindowsCyrillic"'))
    tables = {
        # a survey table in Gauss-Kruger metres (zone 13, with its zone number before the easting)
        "points_gk13_metres.csv": "Пункт;x;y;Статус\nВыпуск 1;4838512,4;13682433,1;действующий\n",
        # UTM 43N metres, the zone only in the file's name
        "outflows_utm43n.csv": "name,easting,northing,status\nSorbulak,671000,4850000,active\n",
    }
    for name, text in tables.items():
        (folder / name).write_bytes(text.replace("\n", "\r\n").encode("cp1251"))
    return [krasovsky, cut, cut_dbf, neutral, declared, *(folder / name for name in tables)]


def _dbf_table(folder: Path) -> Path:
    """A bare .dbf (a DOS-era table in CP866) with latitude and longitude columns."""
    frame = gpd.GeoDataFrame(
        {
            "НАЗВАНИЕ": ["Выпуск у Сорбулака", "Выпуск на Или"],
            "ШИРОТА": ["43,66", "43,87"],
            "ДОЛГОТА": ["76,98", "77,07"],
        },
        geometry=[None, None],
    )
    shp = shapefile(folder, "outflows_cp866_table", {k: list(v) for k, v in frame.drop(columns="geometry").items()},
                    [shapely.Point(0, 0)] * 2, "cp866", 0x00, cpg=False)  # fmt: skip
    for suffix in (".shp", ".shx", ".prj"):
        shp.with_suffix(suffix).unlink()
    return shp.with_suffix(".dbf")


def _csvs(folder: Path) -> list[Path]:
    files = {
        # Russian Excel "CSV (разделители - точки с запятой)": CP1251, decimal commas, labels, ё dropped
        "trees_russian_excel.csv": (
            "Порода;Количество;Широта;Долгота;Статус;Дата посадки\n"
            "береза;120;43,238;76,945;посажено;05.04.2024\n"
            "клен;40;43,241;76,951;посажено;06.04.2024\n"
            "тополь;15;43,244;76,957;запланировано;\n",
            "cp1251",
        ),
        # a survey table: X is the northing, Y the easting (Russian convention), in Uralsk where both
        # readings land in Kazakhstan ~18 km apart: only the user can say which
        "survey_xy_uralsk.csv": (
            "Пункт;X;Y\nВыпуск 1;51,2335;51,3709\nВыпуск 2;51,2201;51,3912\n",
            "cp1251",
        ),
        # the same convention near Almaty: read as GIS X/Y it would be in the Arctic Ocean
        "survey_xy_almaty.csv": ("name,X,Y,status\nSorbulak,43.66,76.98,active\nIli,43.87,77.07,active\n", "utf-8"),
        # Cyrillic Х and У: the survey convention, no doubt
        "survey_cyrillic_xy.csv": ("Пункт;Х;У\nВыпуск;43,66;76,98\n", "cp1251"),
        "nul_in_csv.csv": ("name,lat,lon,status\nKiln\x00 A,43.25,76.95,closed\n", "utf-8"),
    }
    written = []
    for name, (text, codec) in files.items():
        (folder / name).write_bytes(text.replace("\n", "\r\n").encode(codec))
        written.append(folder / name)
    return written


def _geojsons(folder: Path) -> list[Path]:
    def collection(*features: dict) -> str:
        return json.dumps({"type": "FeatureCollection", "features": list(features)}, ensure_ascii=False)

    def point(coordinates: list, **properties: object) -> dict:
        return {"type": "Feature", "properties": properties, "geometry": {"type": "Point", "coordinates": coordinates}}

    files = {
        "nul_in_text.geojson": collection(point([76.95, 43.25], name="Кирпичный\u0000 завод у реки", status="closed")),
        "one_part_multipoint.geojson": collection(
            {
                "type": "Feature",
                "properties": {"name": "Besagash", "status": "closed"},
                "geometry": {"type": "MultiPoint", "coordinates": [[76.95, 43.25]]},
            }
        ),
        "with_heights.geojson": collection(point([76.95, 43.25, 712.5], name="Kiln on the hill", status="closed")),
        "antimeridian.geojson": collection(point([180.00000000000006, 65.0], name="Far east", status="closed")),
        "!карьеры.geojson": collection(point([77.07, 43.87], name="Konaev kiln", status="closed")),
    }
    written = []
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")
        written.append(folder / name)
    legacy = folder / "legacy_cp1251.geojson"  # an old converter's: CP1251 although GeoJSON must be UTF-8
    legacy.write_bytes(
        collection(point([76.95, 43.25], name="Кирпичный завод у Бесагаша", status="закрыт")).encode("cp1251")
    )
    return [*written, legacy]


def _kmls(folder: Path) -> list[Path]:
    body = (
        '<kml xmlns="http://www.opengis.net/kml/2.2"><Document><Folder><name>Карьеры</name>'
        "<Placemark><name>Карьер у Абата</name><Point><coordinates>77.01,43.80</coordinates></Point></Placemark>"
        "</Folder></Document></kml>\n"
    )
    kmz = folder / "placemarks_cp1251.kmz"
    with zipfile.ZipFile(kmz, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("doc.kml", ('<?xml version="1.0"?>\n' + body).encode("cp1251"))
    declared = folder / "declared_windows1251.kml"
    declared.write_bytes(('<?xml version="1.0" encoding="windows-1251"?>\n' + body).encode("cp1251"))
    undeclared = folder / "undeclared_cp1251.kml"
    undeclared.write_bytes(('<?xml version="1.0"?>\n' + body).encode("cp1251"))
    return [declared, undeclared, kmz]


def _gpx_unknown_version(folder: Path) -> Path:
    path = folder / "gpx_version_1_2.gpx"
    path.write_text(
        '<?xml version="1.0" encoding="UTF-8"?>\n<gpx version="1.2" creator="an old logger" '
        'xmlns="http://www.topografix.com/GPX/1/1"><wpt lat="43.25" lon="76.95"><name>Kiln</name></wpt></gpx>\n',
        encoding="utf-8",
    )
    return path


if __name__ == "__main__":
    for path in write_all():
        print(path.relative_to(HERE))
