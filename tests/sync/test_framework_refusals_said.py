"""A device says the server's framework refusals (an unknown path, a body of the wrong shape) in its
person's language, as it says every refusal that carries ``details.template``: against a real server."""

from __future__ import annotations

import pytest

from baytak_desktop.i18n import error_text, speaking
from baytak_desktop.sync.client import SyncClient
from baytak_desktop.sync.errors import ServerRefused
from tests.test_cli_language import translation


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_an_unknown_path_is_said_in_the_persons_language(server, lang):
    with SyncClient(server.url, attempts=1) as client, pytest.raises(ServerRefused) as refused:
        client.request("GET", "/no-such-thing")
    assert refused.value.code == "not_found"
    with speaking(lang):
        said = error_text(refused.value)
    reason = translation(lang, "There is no {method} {path} on this server.")
    assert reason.format(method="GET", path="/api/v1/no-such-thing") in said, said
    assert "There is no" not in said and "Not Found" not in said


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_a_body_of_the_wrong_shape_is_said_in_the_persons_language(server, lang):
    with SyncClient(server.url, attempts=1) as client, pytest.raises(ServerRefused) as refused:
        client.request("POST", "/login", json={"username": "aigerim", "password": 5})
    with speaking(lang):
        said = error_text(refused.value)
    shape = translation(lang, "The request does not have the expected shape: {found}.").split("{")[0]
    missing = translation(lang, "{place} is missing").format(place="body.device_id")
    wrong = translation(lang, "{place} has the wrong type").format(place="body.password")
    assert shape in said and missing in said and wrong in said, said
    assert "Field required" not in said and "Input should" not in said
