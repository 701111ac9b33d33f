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
        *_spreadsheets(folder),
        _gml_without_gfs(folder),
        _flatgeobuf(folder),
    ]
    return written


# An akimat's sheet: a title and a blank row above the column names, a cover sheet first, numbers
# stored as numbers and as text (decimal commas), a status in the quarries' word, dates as typed.
AKIMAT_ROWS = [
    ["Перечень кирпичных заводов Алматинской области"],
    [],
    ["№", "Наименование", "Статус", "Широта", "Долгота", "Дата проверки"],
    [1, "Кирпичный завод Бесагаш", "действующий", "43,2389", 76.8897, "05.06.2024 г."],
    [2, "Завод у Каскелена", "закрыт", 43.2010, "76,62", "5 июня 2024"],
]
COVER = [["Сведения на 01.06.2024"], ["Исполнитель: отдел экологии"]]
_ZIP_TIME = (2024, 6, 5, 0, 0, 0)


def _zip_text(archive: zipfile.ZipFile, name: str, text: str, stored: bool = False) -> None:
    info = zipfile.ZipInfo(name, date_time=_ZIP_TIME)
    info.compress_type = zipfile.ZIP_STORED if stored else zipfile.ZIP_DEFLATED
    archive.writestr(info, text.encode("utf-8"))


def _spreadsheets(folder: Path) -> list[Path]:
    sheets = [("Справка", COVER), ("Заводы", AKIMAT_ROWS)]
    return [_xlsx(folder / "akimat_kilns.xlsx", sheets), _ods(folder / "akimat_kilns.ods", sheets)]


def _xlsx(path: Path, sheets: list[tuple[str, list[list]]]) -> Path:
    """A minimal Office Open XML workbook (what Excel saves), text cells in the shared strings."""
    strings: list[str] = []
    main, rel = "http://schemas.openxmlformats.org/spreadsheetml/2006/main", "http://schemas.openxmlformats.org"

    def cell(ref: str, value: object) -> str:
        if isinstance(value, str):
            strings.append(value)
            return f'<c r="{ref}" t="s"><v>{len(strings) - 1}</v></c>'
        return f'<c r="{ref}"><v>{value}</v></c>'

    def sheet_xml(rows: list[list]) -> str:
        body = "".join(
            f'<row r="{r}">' + "".join(cell(f"{chr(65 + c)}{r}", v) for c, v in enumerate(row)) + "</row>"
            for r, row in enumerate(rows, start=1)
        )
        return f'<?xml version="1.0" encoding="UTF-8"?>\n<worksheet xmlns="{main}"><sheetData>{body}</sheetData></worksheet>'

    count = range(1, len(sheets) + 1)
    parts = {f"xl/worksheets/sheet{i}.xml": sheet_xml(rows) for i, (_, rows) in zip(count, sheets, strict=True)}
    kind = "application/vnd.openxmlformats-officedocument.spreadsheetml"
    parts["[Content_Types].xml"] = (
        '<?xml version="1.0" encoding="UTF-8"?>\n<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        f'<Override PartName="/xl/workbook.xml" ContentType="{kind}.sheet.main+xml"/>'
        + "".join(
            f'<Override PartName="/xl/worksheets/sheet{i}.xml" ContentType="{kind}.worksheet+xml"/>' for i in count
        )
        + f'<Override PartName="/xl/sharedStrings.xml" ContentType="{kind}.sharedStrings+xml"/></Types>'
    )
    relationships = f"{rel}/package/2006/relationships"
    office = f"{rel}/officeDocument/2006/relationships"
    parts["_rels/.rels"] = (
        f'<?xml version="1.0" encoding="UTF-8"?>\n<Relationships xmlns="{relationships}">'
        f'<Relationship Id="rId1" Type="{office}/officeDocument" Target="xl/workbook.xml"/></Relationships>'
    )
    parts["xl/workbook.xml"] = (
        f'<?xml version="1.0" encoding="UTF-8"?>\n<workbook xmlns="{main}" xmlns:r="{office}"><sheets>'
        + "".join(
            f'<sheet name="{name}" sheetId="{i}" r:id="rId{i}"/>' for i, (name, _) in zip(count, sheets, strict=True)
        )
        + "</sheets></workbook>"
    )
    parts["xl/_rels/workbook.xml.rels"] = (
        f'<?xml version="1.0" encoding="UTF-8"?>\n<Relationships xmlns="{relationships}">'
        + "".join(
            f'<Relationship Id="rId{i}" Type="{office}/worksheet" Target="worksheets/sheet{i}.xml"/>' for i in count
        )
        + f'<Relationship Id="rId{len(sheets) + 1}" Type="{office}/sharedStrings" Target="sharedStrings.xml"/>'
        + "</Relationships>"
    )
    parts["xl/sharedStrings.xml"] = (
        f'<?xml version="1.0" encoding="UTF-8"?>\n<sst xmlns="{main}">'
        + "".join(f"<si><t>{text}</t></si>" for text in strings)
        + "</sst>"
    )
    with zipfile.ZipFile(path, "w") as archive:
        for name in ("[Content_Types].xml", "_rels/.rels", "xl/workbook.xml", "xl/_rels/workbook.xml.rels"):
            _zip_text(archive, name, parts.pop(name))
        for name, text in parts.items():
            _zip_text(archive, name, text)
    return path


def _ods(path: Path, sheets: list[tuple[str, list[list]]]) -> Path:
    """A minimal OpenDocument spreadsheet (what LibreOffice saves)."""

    def cell(value: object) -> str:
        if isinstance(value, str):
            return f'<table:table-cell office:value-type="string"><text:p>{value}</text:p></table:table-cell>'
        return f'<table:table-cell office:value-type="float" office:value="{value}"><text:p>{value}</text:p></table:table-cell>'

    tables = "".join(
        f'<table:table table:name="{name}">'
        + "".join(
            "<table:table-row>" + ("".join(cell(v) for v in row) or "<table:table-cell/>") + "</table:table-row>"
            for row in rows
        )
        + "</table:table>"
        for name, rows in sheets
    )
    content = (
        '<?xml version="1.0" encoding="UTF-8"?>\n<office:document-content'
        ' xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"'
        ' xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"'
        ' xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2">'
        f"<office:body><office:spreadsheet>{tables}</office:spreadsheet></office:body></office:document-content>"
    )
    manifest = (
        '<?xml version="1.0" encoding="UTF-8"?>\n<manifest:manifest'
        ' xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2">'
        '<manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>'
        '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
        "</manifest:manifest>"
    )
    with zipfile.ZipFile(path, "w") as archive:
        _zip_text(archive, "mimetype", "application/vnd.oasis.opendocument.spreadsheet", stored=True)
        _zip_text(archive, "META-INF/manifest.xml", manifest)
        _zip_text(archive, "content.xml", content)
    return path


def _gml_without_gfs(folder: Path) -> Path:
    """A GML as an agency's WFS download arrives: no .xsd, no .gfs (GDAL would write one beside it)."""
    path = folder / "kilns_no_schema.gml"
    members = "".join(
        f'<gml:featureMember><ogr:kilns><ogr:geometryProperty><gml:Point srsName="EPSG:4326">'
        f"<gml:coordinates>{lon},{lat}</gml:coordinates></gml:Point></ogr:geometryProperty>"
        f"<ogr:name>{name}</ogr:name><ogr:status>{status}</ogr:status></ogr:kilns></gml:featureMember>"
        for name, status, lon, lat in (("Бесагаш", "работает", 76.8897, 43.2389), ("Талгар", "закрыт", 77.236, 43.305))
    )
    path.write_text(
        '<?xml version="1.0" encoding="utf-8"?>\n<ogr:FeatureCollection xmlns:ogr="http://ogr.maptools.org/"'
        f' xmlns:gml="http://www.opengis.net/gml">{members}</ogr:FeatureCollection>\n',
        encoding="utf-8",
    )
    return path


# Kilns written west to east; the FlatGeobuf's spatial index stores them in Hilbert-curve order, which
# is not that one: the report's row numbers must be the file's own order (GDAL's feature ids).
FGB_KILNS = {
    "name": ["Каскелен", "Талгар", "Бесагаш", "Иссык"],
    "status": ["closed", "operating", "no such status", "unknown"],
}
FGB_POINTS = [
    shapely.Point(76.62, 43.20),
    shapely.Point(77.236, 43.305),
    shapely.Point(76.8897, 43.2389),
    shapely.Point(77.4431, 43.3567),
]


def _flatgeobuf(folder: Path) -> Path:
    path = folder / "kilns_indexed.fgb"
    frame = gpd.GeoDataFrame(FGB_KILNS, geometry=FGB_POINTS, crs="EPSG:4326")
    pyogrio.write_dataframe(frame, path, driver="FlatGeobuf")
    return path


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
        # a table written for Excel by a web form or a script: a "sep=;" line above the header tells Excel
        # the separator (and is no header); Russian Excel saves it back so, in CP1251
        "excel_sep_hint.csv": (
            "sep=;\nНазвание;Статус;Широта;Долгота\nКирпичный завод Ёлочка;работает;43,238949;76,889709\n",
            "cp1251",
        ),
        # a table exported from a PostGIS database (DBeaver, psql's COPY): the geometry as hex EWKB, or
        # as EWKT in Web Mercator; positions Sorbulak and Ili as in survey_xy_almaty.csv
        "postgis_export.csv": (
            "name,status,geom\n"
            "Sorbulak,active,0101000020E61000001F85EB51B83E534014AE47E17AD44540\n"
            'Ili,active,"SRID=3857;POINT (8579393.155 5445346.374)"\n',
            "utf-8",
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
        # places pasted into one column from Google Maps, 2GIS, Yandex Maps and WhatsApp, statuses in the
        # quarries' words (not the brick factories' labels), dates as typed in Russian and Kazakh
        "whatsapp_coordinates.csv": (
            "Название;Статус;Координаты;Дата\n"
            "Кирпичный завод Бесагаш;действующий;43.238949, 76.889709;05.06.2024 г.\n"
            "Завод у Каскелена;жұмыс істейді;43°12'03.5\"N 76°37'12.0\"E;5 июня 2024\n"
            "Завод в Талгаре;работает;https://yandex.kz/maps/162/almaty/?ll=77.236%2C43.305&z=15;5 маусым 2024\n"
            "Старый завод;закрыто;geo:43.401,77.012;2024 ж. 5 маусым\n"
            "Завод у Узынагаша;закрыт;https://www.google.com/maps/@43.2219,76.3132,15z;05.06.24\n"
            "Завод в Иссыке;неизвестно;https://2gis.kz/almaty?m=77.4431%2C43.3567%2F16;\n",
            "utf-8",
        ),
        # a longitude written first, and a short link that holds no coordinates: each row refused
        "whatsapp_lon_first.csv": (
            "name;status;location\nKiln A;closed;76.889709, 43.238949\nKiln B;closed;https://maps.app.goo.gl/x1Y2\n",
            "utf-8",
        ),
        # a two-digit year that could be 1985 or 2085, and a status two codes could claim: refused
        "typed_dates_refused.csv": ("name,lat,lon,status,observed_on\nKiln,43.25,76.95,closed,05.06.85\n", "utf-8"),
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
