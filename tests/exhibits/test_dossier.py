"""Evidence dossiers through `baytak dossier`: photos with EXIF and SHA-256 checked, history local and from a server."""

from __future__ import annotations

import hashlib
import sqlite3
from io import BytesIO
from pathlib import Path

import pytest
from PIL import Image
from pypdf import PdfReader

from baytak_desktop.cli import main
from baytak_desktop.demo import build_demo
from baytak_desktop.exhibits.dossier import DossierError, DossierSpec, build_dossier, revisions
from baytak_desktop.store import Store
from baytak_desktop.sync.engine import sync
from baytak_desktop.sync.session import login
from tests.exhibits.test_print_exhibit import embedded_fonts
from tests.sync.conftest import FAST, PASSWORD, config_home, server  # noqa: F401  (fixtures)


def geotagged_jpeg(lat: float, lon: float, when: str, colour=(160, 130, 90)) -> bytes:
    def dms(value: float) -> tuple[float, float, float]:
        degrees = int(value)
        minutes = int((value - degrees) * 60)
        return degrees, minutes, round(((value - degrees) * 60 - minutes) * 60, 4)

    exif = Image.Exif()
    exif[0x0110] = "FieldCam 1"
    exif.get_ifd(0x8769)[0x9003] = when
    gps = exif.get_ifd(0x8825)
    gps[1], gps[2], gps[3], gps[4] = "N", dms(lat), "E", dms(lon)
    out = BytesIO()
    Image.new("RGB", (320, 240), colour).save(out, "JPEG", exif=exif)
    return out.getvalue()


@pytest.fixture
def site(tmp_path) -> tuple[Path, str, list[bytes]]:
    """The demo store with two geotagged photos of the Abat pits and one later edit."""
    path = tmp_path / "demo.gpkg"
    photos = [
        geotagged_jpeg(43.4618, 76.8585, "2025:05:14 07:42:10"),
        geotagged_jpeg(43.4628, 76.8591, "2025:05:14 07:45:31", (120, 110, 90)),
    ]
    with Store.create(path) as store:
        build_demo(store)
        abat = next(f for f in store.features("quarries") if f["name"].startswith("Abat"))
        for index, data in enumerate(photos):
            (tmp_path / f"abat{index}.jpg").write_bytes(data)
            store.attach("quarries", abat.uuid, tmp_path / f"abat{index}.jpg", caption="Pit wall" if index else None)
        store.update("quarries", abat.uuid, {"operator": "unknown trucks"}, user="aigerim")
    return path, abat.uuid, photos


def pdf_text(path: Path) -> str:
    return " ".join(" ".join(page.extract_text().split()) for page in PdfReader(str(path)).pages)


def test_dossier_lists_attributes_photos_with_hashes_and_local_history(site, tmp_path, capsys):
    path, uuid, photos = site
    out = tmp_path / "abat.pdf"
    assert main(["dossier", str(path), "--uuid", uuid, "--out", str(out), "--author", "A. Expert"]) == 0
    assert str(out) in capsys.readouterr().out
    found = pdf_text(out)
    assert "Evidence dossier: Abat sand and gravel pits" in found and uuid in found
    assert "illegal" in found and "unlicensed" in found and "unknown trucks" in found  # attributes, labels
    for data in photos:
        assert found.count(hashlib.sha256(data).hexdigest()) == 2  # recorded and recomputed
    assert found.count("Verified: matches") == 2 and "CHANGED" not in found
    assert "2025-05-14T07:42:10" in found and "43.461800° N, 76.858500° E" in found and "FieldCam 1" in found
    assert "Local edits not yet synced" in found and "Operator" in found and "waiting to be sent" in found
    assert "Server history is not available: the store was never synced with a server" in found
    assert "A. Expert" in found and "Made with Natural Earth" in found
    images = [img for page in PdfReader(str(out)).pages for img in page.images]
    assert len(images) >= 3  # the site map and both photos


def test_a_changed_photo_is_marked_changed(site, tmp_path):
    path, uuid, photos = site
    sha = hashlib.sha256(photos[0]).hexdigest()
    tampered = bytearray(photos[0])
    tampered[-10] ^= 0xFF  # one byte in the picture data, as an edit would
    with sqlite3.connect(path) as conn:
        conn.execute("UPDATE baytak_attachments SET bytes = ? WHERE sha256 = ?", (bytes(tampered), sha))
    dossier = build_dossier(DossierSpec(path, uuid, tmp_path / "x.pdf", server=False))
    verdicts = {p.sha256: p.matches for p in dossier.photos}
    assert verdicts == {sha: False, hashlib.sha256(photos[1]).hexdigest(): True}
    out = tmp_path / "tampered.pdf"
    assert main(["dossier", str(path), "--uuid", uuid, "--out", str(out), "--no-server"]) == 0
    found = pdf_text(out)
    assert "CHANGED: the stored bytes no longer match the recorded SHA-256" in found
    assert found.count("Verified: matches") == 1
    assert hashlib.sha256(bytes(tampered)).hexdigest() in found


def test_kazakh_dossier(site, tmp_path):
    path, uuid, _ = site
    out = tmp_path / "kk.pdf"
    assert main(["dossier", str(path), "--uuid", uuid, "--out", str(out), "--lang", "kk", "--no-server"]) == 0
    found = pdf_text(out)
    for expected in (
        "Дәлелдемелер досьесі",
        "Карьерлер",
        "заңсыз",
        "Тексерілді: сәйкес",
        "Өзгерістер тарихы",
        "Түсірілген уақыты",
        "Сервердегі тарих қолжетімсіз: сұралмады",
    ):
        assert expected in found, expected


def test_unknown_uuid_and_wrong_suffix_are_user_errors(site, tmp_path, capsys):
    path, _, _ = site
    assert (
        main(["dossier", str(path), "--uuid", "00000000-0000-7000-8000-000000000000", "--out", str(tmp_path / "x.pdf")])
        == 1
    )
    assert "No site with uuid" in capsys.readouterr().err
    assert main(["dossier", str(path), "--uuid", "x", "--out", str(tmp_path / "x.png")]) == 1
    assert "a dossier is a PDF" in capsys.readouterr().err
    with pytest.raises(DossierError):
        build_dossier(DossierSpec(path, "nope", tmp_path / "x.pdf"))


def test_server_history_after_sync(server, tmp_path):  # noqa: F811
    """A site created, synced, edited and synced again: the dossier lists the server's two revisions."""
    path = tmp_path / "device.gpkg"
    Store.create(path).close()
    login(path, server.url, "aigerim", PASSWORD, FAST)
    with Store.open(path) as store:
        site = store.insert(
            "brick_factories",
            {"name": "Besagash brick factory", "status": "operating", "branch": "almaty_region"},
            _point(),
            user="aigerim",
        )
    sync(path)
    with Store.open(path) as store:
        store.update("brick_factories", site.uuid, {"status": "closed", "closed_on": "2023-11-15"}, user="aigerim")
    sync(path)
    dossier = build_dossier(DossierSpec(path, site.uuid, tmp_path / "x.pdf"))
    assert dossier.server_problem is None
    assert [r.rev for r in dossier.server_history] == sorted(r.rev for r in dossier.server_history)
    assert len(dossier.server_history) == 2 and dossier.server_history[0].changed == ()
    assert {"status", "closed_on"} <= set(dossier.server_history[1].changed)
    assert dossier.server_history[1].by == "aigerim"
    out = tmp_path / "besagash.pdf"
    assert main(["dossier", str(path), "--uuid", site.uuid, "--out", str(out)]) == 0
    found = pdf_text(out)
    assert "Server history" in found and "created" in found and "changed:" in found and "Closed on" in found


def test_server_history_when_the_server_is_gone(server, tmp_path):  # noqa: F811
    path = tmp_path / "device.gpkg"
    Store.create(path).close()
    login(path, server.url, "aigerim", PASSWORD, FAST)
    with Store.open(path) as store:
        site = store.insert(
            "brick_factories",
            {"name": "Narynkol", "status": "closed", "branch": "almaty_region"},
            _point(),
            user="aigerim",
        )
    server.stop()
    dossier = build_dossier(DossierSpec(path, site.uuid, tmp_path / "x.pdf"))
    assert dossier.server_history is None and "No connection" in dossier.server_problem


def test_revisions_say_what_changed():
    states = [
        {"rev": 7, "fields": {"a": 1, "b": 2}, "changed_by": "x"},
        {"rev": 3, "fields": {"a": 1}, "changed_by": "y"},
        {"rev": 9, "deleted": True, "fields": {}},
    ]
    found = revisions(states)
    assert [(r.rev, r.changed, r.deleted) for r in found] == [(3, (), False), (7, ("b",), False), (9, ("a", "b"), True)]


def _point():
    import shapely

    return shapely.Point(77.06, 43.30)


PHOTOS = Path(__file__).resolve().parent.parent / "data" / "photos"
KARAGANDA_PIT = "MULTIPOLYGON (((73.10 49.78, 73.14 49.78, 73.14 49.81, 73.10 49.81, 73.10 49.78)))"


@pytest.fixture
def karaganda(tmp_path) -> tuple[Path, str]:
    """A quarry near Karaganda observed on 2026-12-01 with a Pixel 6 photo from China (2024) and a Canon
    photo from 2003 (real camera files, tests/data/photos), then its outline fixed (a geometry edit)."""
    import shapely

    path = tmp_path / "karaganda.gpkg"
    with Store.create(path) as store:
        build_demo(store)
        pit = store.insert(
            "quarries",
            {"name": "Қарағанды карьері", "status": "illegal", "observed_on": "2026-12-01"},
            shapely.from_wkt(KARAGANDA_PIT),
        )
        for name in ("ultrahdr.jpg", "flower.jpg"):
            store.attach("quarries", pit.uuid, PHOTOS / name)
        store.update("quarries", pit.uuid, {}, geometry=shapely.from_wkt(KARAGANDA_PIT).buffer(0.001), user="aigerim")
    return path, pit.uuid


@pytest.mark.parametrize(
    ("lang", "expected", "absent"),
    [
        (
            "kk",
            (
                "га (",
                "м²,",
                "Natural Earth деректерімен жасалған",
                "қашықтықта түсірілген",
                "938 күн бұрын",
                "бақылаудан (2026-12-01)",
                "Геометрия",
                "с. е.;",
            ),
            (" ha ", "m²", "Made with Natural Earth", "geom"),
        ),
        (
            "ru",
            (
                "га (",
                "м²,",
                "Создано с использованием Natural Earth",
                "км от объекта",
                "за 938 дн. до наблюдения",
                "Геометрия",
                "с. ш.;",
            ),
            (" ha ", "m²", "Made with Natural Earth", "geom"),
        ),
    ],
)
def test_kazakh_and_russian_dossiers_flag_doubtful_photos_in_their_own_units(
    karaganda, tmp_path, lang, expected, absent
):
    path, uuid = karaganda
    out = tmp_path / f"{lang}.pdf"
    argv = ["dossier", str(path), "--uuid", uuid, "--out", str(out), "--lang", lang, "--no-server"]
    assert main([*argv, "--author", "Айгерім Сапарова"]) == 0
    found = pdf_text(out)
    for text in expected:
        assert text in found, text
    for text in absent:
        assert text not in found, text
    assert found.count("⚠") == 2  # both photos flagged, each with its reason
    assert "\u00a0" in found or any(c.isdigit() for c in found)  # numbers grouped with no-break spaces


def test_dossier_pdf_properties_are_filled_and_no_heading_is_left_at_a_page_foot(karaganda, tmp_path):
    path, uuid = karaganda
    out = tmp_path / "ru.pdf"
    argv = ["dossier", str(path), "--uuid", uuid, "--out", str(out), "--lang", "ru", "--no-server"]
    assert main([*argv, "--author", "Айгерім Сапарова"]) == 0
    reader = PdfReader(str(out))
    info = reader.metadata
    assert info.title == "Досье доказательств: Қарағанды карьері"
    assert info.author == "Айгерім Сапарова"
    assert "Карьеры" in info.subject and uuid in info.subject
    assert reader.trailer["/Root"]["/Lang"] == "ru-RU"
    headings = ("Атрибуты", "Фотографии и документы", "История изменений", "Локальные изменения")
    pages = [[line.strip() for line in page.extract_text().splitlines() if line.strip()] for page in reader.pages]
    assert len(pages) >= 2
    for lines in pages[:-1]:
        assert not any(lines[-1].startswith(h) for h in headings), lines[-3:]  # never alone at the foot
    for page in reader.pages:
        fonts = embedded_fonts(page)
        assert fonts and all(fonts.values()), fonts  # the text is text, with its fonts in the file


def test_evidence_limits_from_the_command_line(karaganda, tmp_path, capsys):
    """--max-distance-km and --max-days move the limits: wide enough, neither photo is flagged; the
    defaults (the app's settings' defaults) flag both."""
    path, uuid = karaganda
    out = tmp_path / "wide.pdf"
    argv = ["dossier", str(path), "--uuid", uuid, "--out", str(out), "--lang", "kk", "--no-server"]
    assert main([*argv, "--max-distance-km", "20000", "--max-days", "20000"]) == 0
    assert pdf_text(out).count("⚠") == 0
    assert main([*argv, "--max-days", "20000"]) == 0  # the photo from China is still far from the site
    assert pdf_text(out).count("⚠") == 1 and "қашықтықта түсірілген" in pdf_text(out)
    capsys.readouterr()
    assert "--max-distance-km KM" in _help(capsys) and "evidence/max_days" in _help(capsys)


def _help(capsys) -> str:
    with pytest.raises(SystemExit):
        main(["dossier", "--help"])
    return " ".join(capsys.readouterr().out.split())


@pytest.mark.parametrize(
    ("option", "value", "said"),
    [
        ("--max-distance-km", "-1", "kilometres, 0 or more, not -1"),
        ("--max-distance-km", "far", "kilometres, 0 or more, not far"),
        ("--max-distance-km", "nan", "not nan"),
        ("--max-days", "2.5", "whole number of days, 0 or more, not 2.5"),
        ("--max-days", "-3", "whole number of days, 0 or more, not -3"),
    ],
)
def test_bad_evidence_limits_are_refused_in_one_line(karaganda, tmp_path, capsys, option, value, said):
    path, uuid = karaganda
    out = tmp_path / "bad.pdf"
    argv = ["dossier", str(path), "--uuid", uuid, "--out", str(out), "--no-server", f"{option}={value}"]
    assert main(argv) == 1
    err = capsys.readouterr().err.strip()
    assert said in err and len(err.splitlines()) == 1, err
    assert not out.exists()


def test_evidence_limits_accept_a_decimal_comma():
    from baytak_desktop.exhibits.dossier import evidence_limits

    assert evidence_limits("0,5", "7") == (0.5, 7)
    assert evidence_limits(2.0, 0) == (2.0, 0)


def test_a_long_kazakh_dossier_never_splits_a_table_row_between_pages(tmp_path):
    """70 edits of five fields each: the history table runs over three pages, each row two lines high.
    Every row (its time, its change, its fields and its state) is read whole on one page; a continued
    table starts with its header, never with the rest of a row."""
    import re
    import time

    import shapely

    path = tmp_path / "long.gpkg"
    with Store.create(path) as store:
        pit = store.insert("quarries", {"name": "Ұзақ карьер", "status": "illegal"}, shapely.from_wkt(KARAGANDA_PIT))
        for i in range(70):
            values = {
                "name": f"Ұзақ карьер {i}",
                "operator": f"ЖШС {i}",
                "license_no": f"L-{i}",
                "notes": f"ескерту {i}",
            }
            store.update("quarries", pit.uuid, {**values, "status": "illegal" if i % 2 else "active"})
            time.sleep(0.002)  # each edit its own millisecond: the rows are told apart by their time
    out = tmp_path / "long.pdf"
    argv = ["dossier", str(path), "--uuid", pit.uuid, "--out", str(out), "--lang", "kk", "--no-server"]
    assert main(argv) == 0
    pages = [" ".join(page.extract_text().split()) for page in PdfReader(str(out)).pages]
    stamp = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z")
    rows_seen, table_pages = 0, 0
    for page in pages:
        starts = [m.start() for m in stamp.finditer(page)]
        edits = [s for s in starts if page[s + 24 :].startswith(" өзгерту")]
        if not edits:
            continue
        table_pages += 1
        before = page[: starts[0]]
        assert "Ескертпелер" not in before and "жіберуді күтуде" not in before, before[-200:]  # no row's tail
        for start in edits:
            end = next((s for s in starts if s > start), len(page))
            row = page[start:end]
            assert "Ескертпелер" in row and "жіберуді күтуде" in row, row  # the whole row on this page
            rows_seen += 1
    assert rows_seen == 70 and table_pages >= 3
    continued = [page for page in pages[1:] if stamp.search(page)]
    assert all(page.lstrip().startswith("Қашан Өзгеріс Өріс") for page in continued[1:])  # the header again
