"""Who made an edit (issue 14): local edits record the person signed in to the store's server, else
the system user; a name chosen in the settings wins; the server keeps the signed-in user's name."""

from __future__ import annotations

import getpass
from pathlib import Path

import shapely

from baytak_desktop import cli
from baytak_desktop.jobs import NullProgress
from baytak_desktop.store import Store
from baytak_desktop.sync.author import account_branch, local_author
from baytak_desktop.sync.engine import SyncResult, pull
from baytak_desktop.sync.session import open_client

from .harness import ALMATY, FAST

# what `baytak import` and `baytak gps add-point`/`save-track` say when the store gave the account's branch
GIVEN = (
    "New features without a branch were given {branch}, the branch of the account signed in"
    " (--set branch=CODE gives another)."
)


def test_cli_edits_of_a_signed_in_store_record_the_user(device, tmp_path: Path, reader) -> None:
    aigerim = device("aigerim")
    source = tmp_path / "sites.csv"
    source.write_text("name,status,lon,lat,branch\nНарынқол,closed,80.17,42.72,almaty\n", encoding="utf-8")
    assert cli.main(["import", str(aigerim.path), str(source), "--layer", "brick_factories"]) == 0
    with Store.open(aigerim.path) as store:
        (feature,) = store.features("brick_factories")
        assert feature["created_by"] == feature["updated_by"] == "aigerim"
        assert local_author(store) == "aigerim"
        assert local_author(store, "  Айгерім Сейітова ") == "Айгерім Сейітова"
    aigerim.sync()
    assert reader.live()[("brick_factories", feature.uuid)]["created_by"] == "aigerim"


def test_a_store_never_signed_in_records_the_system_user(tmp_path: Path) -> None:
    path = tmp_path / "mine.gpkg"
    Store.create(path).close()
    source = tmp_path / "sites.csv"
    source.write_text("name,status,lon,lat\nA,closed,76.9,43.2\n", encoding="utf-8")
    assert cli.main(["import", str(path), str(source), "--layer", "brick_factories"]) == 0
    with Store.open(path) as store:
        assert local_author(store) == getpass.getuser()
        assert store.features("brick_factories")[0]["created_by"] == getpass.getuser()


def test_an_import_into_a_signed_in_store_gives_rows_the_accounts_branch_and_syncs(
    device, tmp_path: Path, reader
) -> None:
    """The server refuses an editor's feature of no branch: an agency file without a branch column,
    imported into aigerim's store (editor of almaty), was refused whole at her next sync. Rows without a
    branch now get hers, as the feature form gives it, and the import says so; a column or --set wins."""
    from tests.test_cli_language import baytak, translation

    aigerim = device("aigerim")
    source = tmp_path / "kilns.csv"
    source.write_text(
        "name,status,lon,lat,branch\nТалғар,closed,77.24,43.30,\nСатты,closed,78.41,43.05,almaty\n", encoding="utf-8"
    )
    done = baytak("--lang", "kk", "import", aigerim.path, source, "--layer", "brick_factories")
    assert done.returncode == 0, done.stderr
    label = "Алматы қаласы"  # the almaty branch's Kazakh name (layers.vocabularies.BRANCHES)
    assert translation("kk", GIVEN).format(branch=label) in done.stdout
    with Store.open(aigerim.path) as store:
        assert {f["name"]: f["branch"] for f in store.features("brick_factories")} == {
            "Талғар": "almaty",
            "Сатты": "almaty",
        }
    result = aigerim.sync()
    assert (result.applied, result.rejected) == (2, 0)
    assert {
        v["branch"] for k, v in reader.live().items() if k[0] == "brick_factories" and v["name"] in ("Талғар", "Сатты")
    } == {"almaty"}
    chosen = tmp_path / "chosen.csv"
    chosen.write_text("name,status,lon,lat\nЕсік,closed,77.45,43.35\n", encoding="utf-8")
    assert (
        cli.main(["import", str(aigerim.path), str(chosen), "--layer", "brick_factories", "--set", "branch=jetisu"])
        == 0
    )
    with Store.open(aigerim.path) as store:
        assert {f["name"]: f["branch"] for f in store.features("brick_factories")}["Есік"] == "jetisu"


def test_a_gps_track_saved_into_a_signed_in_store_gets_the_accounts_branch_and_syncs(device, tmp_path: Path) -> None:
    """`baytak gps save-track` makes a feature as the form does: with the signed-in account's branch when
    --set names none (an editor's quarry of no branch was refused at the next sync), and says so (ru)."""
    from tests.test_cli_language import baytak, translation

    log = Path(__file__).resolve().parents[1] / "data" / "gps" / "nmea-rtk.log"
    track = tmp_path / "walk.gpx"
    recorded = baytak("gps", "record", "--source", f"{log}?speed=max", "--out", track, "--count", "40")
    assert recorded.returncode == 0, recorded.stderr
    aigerim = device("aigerim")
    saved = baytak(
        "--lang", "ru", "gps", "save-track", aigerim.path, track, "--layer", "quarries",
        "--set", "name=Край карьера", "--set", "status=illegal",
    )  # fmt: skip
    assert saved.returncode == 0, saved.stderr
    assert translation("ru", GIVEN).format(branch="город Алматы") in saved.stdout
    with Store.open(aigerim.path) as store:
        (quarry,) = store.features("quarries")
        assert quarry["branch"] == "almaty"
    result = aigerim.sync()
    assert (result.applied, result.rejected) == (1, 0)


def test_a_feature_a_script_inserts_into_a_signed_in_store_gets_the_accounts_branch_and_syncs(device, reader) -> None:
    """No front end gives it: the store does, once the account's branch is put on it as the CLI's opener
    and the window do. Before, such a feature had no branch and the server refused it at the next sync."""
    aigerim = device("aigerim")
    with Store.open(aigerim.path) as store:
        store.new_feature_branch = account_branch(store)
        assert store.new_feature_branch == "almaty"
        uuid = store.insert("brick_factories", {"name": "Қаскелең", "status": "closed"}, shapely.Point(*ALMATY)).uuid
    result = aigerim.sync()
    assert (result.applied, result.rejected) == (1, 0)
    assert reader.live()[("brick_factories", uuid)]["branch"] == "almaty"


def test_pulled_features_keep_the_servers_branch_whatever_the_stores_default(device) -> None:
    """Sync writes what it pulls as the server has it: another branch's feature, or an admin's of no
    branch, is not given the branch of the account this store is signed in as."""
    admin = device("admin")
    other = admin.insert(name="Жетісу зауыты", branch="jetisu")
    of_none = admin.insert(name="Ешкімдікі", branch=None)
    assert admin.sync().rejected == 0
    aigerim = device("aigerim")
    with Store.open(aigerim.path) as store:
        store.new_feature_branch = account_branch(store)
        with open_client(store, aigerim.credentials, FAST) as client:
            pull(store, client, NullProgress(), SyncResult())
        assert store.get("brick_factories", other)["branch"] == "jetisu"
        assert store.get("brick_factories", of_none)["branch"] is None
        assert store.new_feature_branch == "almaty"
