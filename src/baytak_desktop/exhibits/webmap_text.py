"""Texts of exhibits in Kazakh, Russian and English, without Qt.

Exhibits are made by the CLI and by worker threads, where Qt's translator is not there (and the
exhibits package must not import Qt at all). Layer and field titles are read from the same compiled
catalogues the app loads (``baytak_desktop/resources/translations/baytak_{lang}.qm``, contexts
``Layers`` and ``Fields``), so the web map says what the app says; the few strings only the web map
shows are kept here.
"""

from __future__ import annotations

import struct
from functools import lru_cache

from baytak_desktop.layers import Catalog, builtin_catalog
from baytak_desktop.resources import translation_file

LANGUAGES = ("kk", "ru", "en")
# Qt's .qm format (qtbase, src/corelib/kernel/qtranslator.cpp): the magic number, the block of
# messages, and the tags of a message's fields.
QM_MAGIC = bytes.fromhex("3cb86418caef9c95cd211cbf60a1bddd")
QM_MESSAGES = 0x69
QM_END, QM_TRANSLATION, QM_OBSOLETE, QM_SOURCE, QM_CONTEXT, QM_COMMENT = 1, 3, 5, 6, 7, 8

# The web map's own words: (kk, ru, en).
_OWN: dict[str, tuple[str, str, str]] = {
    "Legend": ("Шартты белгілер", "Условные обозначения", "Legend"),
    "Year": ("Жыл", "Год", "Year"),
    "Play": ("Ойнату", "Воспроизвести", "Play"),
    "Settlements (OpenStreetMap)": (
        "Елді мекендер (OpenStreetMap)",
        "Населённые пункты (OpenStreetMap)",
        "Settlements (OpenStreetMap)",
    ),
    "Towns (Natural Earth)": (
        "Елді мекендер (Natural Earth)",
        "Населённые пункты (Natural Earth)",
        "Towns (Natural Earth)",
    ),
    "Made with Natural Earth": (
        "Natural Earth деректерімен жасалған",
        "Создано с использованием Natural Earth",
        "Made with Natural Earth",
    ),
    "Photo": ("Фото", "Фото", "Photo"),
    "water area": ("су айдыны ауданы", "площадь водной поверхности", "water area"),
    "km²": ("км²", "км²", "km²"),
    "km": ("км", "км", "km"),
    "m": ("м", "м", "m"),
}


def text(source: str, lang: str) -> str:
    """One of the web map's own strings in ``lang`` (English when unknown)."""
    row = _OWN.get(source)
    return row[LANGUAGES.index(lang)] if row and lang in LANGUAGES else source


@lru_cache(maxsize=8)
def _catalogue(lang: str) -> dict[tuple[str, str], str]:
    """(context, English source) -> translation, from the app's compiled catalogue; empty for English."""
    path = translation_file(lang)
    if lang == "en" or not path.exists():
        return {}
    return read_qm(path.read_bytes())


def read_qm(data: bytes) -> dict[tuple[str, str], str]:
    """The translated messages of a Qt ``.qm`` file as written by lrelease, without Qt.

    A .qm file is a 16-byte magic number and tagged blocks (a tag byte, a 4-byte big-endian length);
    block 0x69 holds the messages, each a run of tagged fields up to an end tag: the translation
    (UTF-16BE; a plural string has one per form, the first is kept), the source text and the context
    (UTF-8), the comment. A file that is not a .qm gives no messages, so the web map says it in English.
    """
    if data[:16] != QM_MAGIC:
        return {}
    messages = _qm_block(data, QM_MESSAGES)
    found: dict[tuple[str, str], str] = {}
    fields: dict[int, bytes] = {}
    translations: list[str] = []
    pos = 0
    while pos < len(messages):
        tag, pos = messages[pos], pos + 1
        if tag == QM_END:
            if translations and fields.get(QM_SOURCE):
                key = (fields.get(QM_CONTEXT, b"").decode("utf-8"), fields[QM_SOURCE].decode("utf-8"))
                found[key] = translations[0]
            fields, translations = {}, []
        elif tag == QM_OBSOLETE:
            pos += 4
        elif tag in (QM_TRANSLATION, QM_SOURCE, QM_CONTEXT, QM_COMMENT):
            (length,) = struct.unpack_from(">I", messages, pos)
            value, pos = (
                (b"", pos + 4) if length == 0xFFFFFFFF else (messages[pos + 4 : pos + 4 + length], pos + 4 + length)
            )
            if tag == QM_TRANSLATION:
                translations.append(value.decode("utf-16-be"))
            else:
                fields[tag] = value
        else:
            return found  # a tag this reader does not know: keep what was read so far
    return found


def _qm_block(data: bytes, wanted: int) -> bytes:
    pos = 16
    while pos + 5 <= len(data):
        tag, (length,) = data[pos], struct.unpack_from(">I", data, pos + 1)
        if tag == wanted:
            return data[pos + 5 : pos + 5 + length]
        pos += 5 + length
    return b""


def translate(context: str, source: str, lang: str) -> str:
    return _catalogue(lang).get((context, source), source)


def layer_title(layer: str, lang: str, catalog: Catalog | None = None) -> str:
    """A layer's title in ``lang``, from its definition (a published layer carries its own titles)."""
    schema = (catalog or builtin_catalog()).get(layer)
    return schema.title_in(lang) if schema else layer


def field_title(layer: str, field_name: str, lang: str, catalog: Catalog | None = None) -> str:
    schema = (catalog or builtin_catalog()).get(layer)
    if schema is None or field_name not in schema.field_names:
        return field_name
    return schema.field(field_name).title_in(lang)
