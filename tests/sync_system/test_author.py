"""Who made an edit (issue 14): local edits record the person signed in to the store's server, else
the system user; a name chosen in the settings wins; the server keeps the signed-in user's name."""

from __future__ import annotations

import getpass
from pathlib import Path

from baytak_desktop import cli
from baytak_desktop.store import Store
from baytak_desktop.sync.author import local_author


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
