"""Telling a file's text encoding: never garbled, refused when not sure, the user's choice always wins."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from baytak_desktop.errors import SourceError
from baytak_desktop.io import encodings
from baytak_desktop.io.dbf import dbf_text
from baytak_desktop.io.encodings import EncodingMismatch, EncodingUnknown, decide, detect
from baytak_desktop.layers import LAYERS

RUSSIAN = [term.ru for vocabulary in LAYERS.vocabularies.values() for term in vocabulary.terms]
KAZAKH = [term.kk for vocabulary in LAYERS.vocabularies.values() for term in vocabulary.terms]
SENTENCES = ["Кирпичный завод у Бесагаша закрыт с 2019 года", "Выпуск сточных вод в Сорбулак, без очистки"]
NAMES = ["ТОО «КазМунайГаз»", "АО ҚазАвтоЖол", "ИП Сейтказиев А.Б.", "КАРЬЕР ЩЕБНЯ № 4", "ул. Абая, 12"]


@pytest.mark.parametrize("codec", ["cp1251", "cp866", "koi8_r"])
def test_russian_text_is_told_in_every_cyrillic_code_page(codec: str) -> None:
    text = "\n".join(RUSSIAN + SENTENCES)
    assert detect(text.encode(codec), "f.dbf") in (codec, "kz1048" if codec == "cp1251" else codec)
    assert text.encode(codec).decode(detect(text.encode(codec), "f.dbf")) == text


def test_kazakh_letters_tell_kz1048_from_cp1251() -> None:
    text = "\n".join(KAZAKH)
    assert detect(text.encode("kz1048"), "f.dbf") == "kz1048"


def test_valid_utf8_is_utf8_and_latin_text_is_cp1252() -> None:
    assert detect("Қарағаш көшесі".encode(), "f") == "utf-8"
    assert detect("Côte d'Ivoire\nSão Tomé\nZürich".encode("cp1252"), "f") == "cp1252"


@pytest.mark.parametrize("text", ["ДОМ", "НЕТ", "ТЕЛО"])
def test_a_few_capital_letters_that_read_in_two_code_pages_are_refused(text: str) -> None:
    with pytest.raises(EncodingUnknown) as caught:
        detect(text.encode("cp1251"), "short.dbf")
    assert caught.value.message.startswith("The text of short.dbf is not in an encoding baytak can recognise")
    assert "CP1251" in caught.value.message and "KOI8-R" in caught.value.message
    assert caught.value.cli_hint and "--encoding" in caught.value.cli_hint
    assert "--" not in caught.value.message  # the desktop shows the message: no command-line options in it


def test_bytes_that_read_as_nothing_are_refused() -> None:
    with pytest.raises(EncodingUnknown, match="none reads as Russian, Kazakh or Latin text"):
        detect(bytes(range(0x80, 0x100)) * 3, "junk.csv")


def test_declared_and_language_driver_are_used_when_the_text_reads_well() -> None:
    text = "Кирпичный завод".encode("cp1251")
    assert decide(text, "f", declared="1251") == encodings.TextEncoding("cp1251", "declared")
    assert decide(text, "f", language_driver=0xC9) == encodings.TextEncoding("cp1251", "language driver")
    # a .cpg that says UTF-8 over CP1251 bytes, or a language driver naming CP866, is not believed
    assert decide(text, "f", declared="UTF-8").how == "detected"
    assert decide(text, "f", language_driver=0x26) == encodings.TextEncoding("cp1251", "detected")


def test_the_users_choice_wins_and_must_decode() -> None:
    text = "Кирпичный завод".encode("cp1251")
    assert decide(text, "f", chosen="KOI8-R") == encodings.TextEncoding("koi8_r", "chosen")
    with pytest.raises(EncodingMismatch, match=r"f is not UTF-8 text \(byte 0 cannot be read\)"):
        decide(text, "f", chosen="utf8")
    with pytest.raises(SourceError, match="MAC-CYRILLIC2 is not a text encoding baytak knows"):
        decide(text, "f", chosen="MAC-CYRILLIC2")


def test_ascii_needs_no_choosing() -> None:
    assert decide(b"Abat\nactive", "f") == encodings.TextEncoding("utf-8", "ascii")


@pytest.mark.parametrize(("name", "codec"), [("ANSI 1251", "cp1251"), ("65001", "utf-8"), ("KZ-1048", "kz1048"),
                                             ("88591", "latin-1"), ("866", "cp866"), ("koi8-r", "koi8_r")])  # fmt: skip
def test_cpg_names_as_programs_write_them(name: str, codec: str) -> None:
    assert encodings.codec_for(name) == codec


@settings(max_examples=300, deadline=None)
@given(
    words=st.lists(st.sampled_from(RUSSIAN + KAZAKH + SENTENCES), min_size=1, max_size=6),
    codec=st.sampled_from(["cp1251", "cp866", "koi8_r", "kz1048", "utf-8"]),
)
def test_text_is_never_garbled_it_is_read_right_or_refused(words: list[str], codec: str) -> None:
    text = "\n".join(words)
    try:
        data = text.encode(codec)
    except UnicodeEncodeError:
        return  # Kazakh letters have no place in CP1251, CP866 or KOI8-R: such a file cannot exist
    try:
        found = decide(data, "f")
    except EncodingUnknown:
        return
    assert data.decode(found.codec) == text


def test_dbf_text_reads_field_names_and_character_values() -> None:
    header = bytearray(32)
    header[0], header[29] = 3, 0x57
    field = b"NAME".ljust(11, b"\x00") + b"C" + bytes(4) + bytes([10, 0]) + bytes(14)
    records = b" " + "Абат".encode("cp1251").ljust(10, b" ") + b"*" + b"deleted".ljust(10)
    header[4:8] = (2).to_bytes(4, "little")
    header[8:10] = (32 + 32 + 1).to_bytes(2, "little")
    header[10:12] = (11).to_bytes(2, "little")
    found = dbf_text(bytes(header) + field + b"\r" + records)
    assert found.language_driver == 0x57
    assert found.sample == b"NAME\n" + "Абат".encode("cp1251")  # the deleted record is not read
