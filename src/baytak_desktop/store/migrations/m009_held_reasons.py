"""Migration 9 (frozen): a refusal kept as its template and parameters, so it is said in the reader's language.

A change held on the device (``sync/hold.py``) used to be stored only as an English sentence ("Not sent:
field status: ..."), which a Kazakh or Russian reader then met in the Conflicts panel and in ``baytak
conflicts``. From this version on its row also keeps the sentence's English ``template`` and its
``params`` (JSON: each reason as a problem with its own template), and the front ends translate them.
Rows written before keep NULL in both and their English ``message`` is shown as it is: nothing is lost
and nothing is guessed back from English text.
"""

from __future__ import annotations

import sqlite3

NAME = "held reasons"
STATEMENTS = (
    "ALTER TABLE baytak_rejections ADD COLUMN template TEXT",
    "ALTER TABLE baytak_rejections ADD COLUMN params TEXT",
)


def apply(conn: sqlite3.Connection) -> None:
    for statement in STATEMENTS:
        conn.execute(statement)
