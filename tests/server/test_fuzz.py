"""Schemathesis at scale: at least 10,000 generated requests per backend against the server's own
OpenAPI schema, signed in, valid and invalid, with a fixed seed, and not one server error.

Slow (a few minutes per backend): marked ``slow``; CI runs it (``.ci/run`` runs every test). The
request count and the answers by status are printed, so the figures can be read from the CI log.
``BAYTAK_FUZZ_EXAMPLES`` sets the examples per operation and mode (default 300; a third of it for the
costly operations: sign-in hashes a password, a push validates a whole changeset)."""

from __future__ import annotations

import collections
import os
import time
import warnings
from typing import Any

import pytest
import schemathesis
from hypothesis import HealthCheck, given, seed, settings
from hypothesis.errors import Unsatisfiable
from schemathesis import GenerationMode
from schemathesis.checks import negative_data_rejection, positive_data_acceptance

from .conftest import Clock, Server

MINIMUM_REQUESTS = 10_000
SEED = 20261206
COSTLY = ("/api/v1/login", "/api/v1/changesets")


class Counting:
    """An ASGI wrapper that counts every request the app answers, by status."""

    def __init__(self, app: Any) -> None:
        self.app = app
        self.statuses: collections.Counter[int] = collections.Counter()

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def counting_send(message: Any) -> None:
            if message["type"] == "http.response.start":
                self.statuses[message["status"]] += 1
            await send(message)

        await self.app(scope, receive, counting_send)


@pytest.mark.slow
def test_ten_thousand_generated_requests_and_no_server_error(database_url: str) -> None:
    examples = int(os.environ.get("BAYTAK_FUZZ_EXAMPLES", "300"))
    server = Server(database_url, Clock())
    try:
        server.user("someone", "editor", "almaty")  # so that some names and rights exist
        token = server.user("root", "admin", None).token
        headers = {"Authorization": f"Bearer {token}"}
        counting = Counting(server.app)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            schema = schemathesis.openapi.from_asgi("/openapi.json", counting)
        operations = [result.ok() for result in schema.get_all_operations()]
        started = time.perf_counter()
        for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):
            for operation in operations:
                if operation.path == "/api/v1/logout":
                    continue  # it would revoke the token every other request uses
                excluded = [positive_data_acceptance] if operation.method.upper() == "PUT" else []
                excluded += [negative_data_rejection] if mode is GenerationMode.NEGATIVE else []

                @seed(SEED)
                @given(case=operation.as_strategy(generation_mode=mode))
                @settings(max_examples=examples, deadline=None, suppress_health_check=list(HealthCheck), database=None)
                def check(case) -> None:
                    case.call_and_validate(headers=headers, excluded_checks=excluded)

                try:
                    check()
                except Unsatisfiable:
                    assert mode is GenerationMode.NEGATIVE  # nothing to make invalid (no parameters, no body)
        seconds = time.perf_counter() - started
        total = sum(counting.statuses.values())
        errors = {status: n for status, n in counting.statuses.items() if status >= 500}
        print(
            f"\nschemathesis on {server.backend}: {total} requests in {seconds:.0f} s, seed {SEED}; "
            f"answers {dict(sorted(counting.statuses.items()))}"
        )
        assert errors == {}
        assert total >= MINIMUM_REQUESTS
    finally:
        server.close()
