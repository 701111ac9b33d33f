"""The connection drops after the server committed but before the client read the answer (a proxy
between them cuts it): the client retries with the same changeset id, and nothing is duplicated or lost.
"""

from __future__ import annotations

from collections import Counter

import pytest
import shapely

from baytak_desktop.sync.errors import NoConnection

from .harness import assert_same_as_server
from .proxy import CuttingProxy

PUSH = b"POST /api/v1/changesets "
PULL = b"GET /api/v1/changes?"


@pytest.fixture
def proxy(server):
    p = CuttingProxy(server.port)
    try:
        yield p
    finally:
        p.close()


def test_push_answer_lost_then_retried_applies_once(server, reader, device, proxy):
    a = device("aigerim")
    kept = a.insert(name="Кірпіш зауыты №1")
    a.sync()
    new = a.insert(name="Жаңа зауыт", operator="ЖШС «Ақжол»")
    a.update(kept, status="operating", notes="Ёлка, ӘҒҚҢӨҰҮҺІ")
    rule = proxy.cut(PUSH, times=2)

    result = a.sync(via=proxy.url)

    assert rule.done == 2  # two answers lost, the third attempt got through
    sent = proxy.changeset_ids()
    assert len(sent) == 3 and len(set(sent)) == 1, sent  # the same changeset, three times
    assert result.changesets == 1 and result.conflicts == 0 and result.rejected == 0
    entries = [e for e in reader.audit() if e["changeset_id"] == sent[0]]
    assert len(entries) == 1  # the server applied it once
    server = assert_same_as_server(reader, a)
    assert server[("brick_factories", new)]["operator"] == "ЖШС «Ақжол»"
    assert server[("brick_factories", kept)]["status"] == "operating"
    history = reader.history("brick_factories", new)
    assert len(history) == 1, history  # one revision: the retry did not write it again


def test_every_attempt_cut_keeps_the_edits_for_the_next_sync(server, reader, device, proxy):
    a = device("bolat")
    uuid = a.insert(name="Шымкент кірпіш", geometry=shapely.Point(69.6, 42.3))
    proxy.cut(PUSH, times=3)

    with pytest.raises(NoConnection) as caught:
        a.sync(via=proxy.url, attempts=3)
    assert "safe" in caught.value.message
    assert a.pending() == 1
    first = proxy.changeset_ids()
    assert len(set(first)) == 1 and len(first) == 3

    a.sync(via=proxy.url)  # a later sync, the network back: the same changeset again, answered once
    assert set(proxy.changeset_ids()) == set(first)
    assert [e["changeset_id"] for e in reader.audit()].count(first[0]) == 1
    assert len(reader.history("brick_factories", uuid)) == 1
    assert_same_as_server(reader, a)


def test_pull_page_cut_half_way_is_fetched_again(server, reader, device, proxy):
    a, b = device("aigerim"), device("dana")
    made = [a.insert(name=f"Зауыт {i}", operator="" if i % 2 else None) for i in range(7)]
    a.sync()
    rule = proxy.cut(PULL, times=2, mode="half")

    result = b.sync(via=proxy.url, page_size=3)

    assert rule.done == 2
    assert result.pulled >= len(made)
    assert_same_as_server(reader, a, b)
    pulls = Counter(line for line in proxy.sent().split(b"\r\n") if line.startswith(PULL))
    assert max(pulls.values()) >= 2  # a page asked twice, applied once


def test_push_cut_while_another_device_edits_the_same_feature(server, reader, device, proxy):
    """The lost answer hides a merge: the retry must not turn the merged change into a conflict."""
    a, b = device("aigerim"), device("bolat")
    uuid = a.insert(name="Ортақ зауыт")
    a.sync()
    b.sync()
    b.update(uuid, operator="Б оператор")
    a.update(uuid, notes="А ескертпе")
    b.sync()
    proxy.cut(PUSH, times=1)

    result = a.sync(via=proxy.url)
    b.sync()

    assert result.conflicts == 0
    fields = assert_same_as_server(reader, a, b)[("brick_factories", uuid)]
    assert (fields["operator"], fields["notes"]) == ("Б оператор", "А ескертпе")
