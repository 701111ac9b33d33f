"""Coded values and their labels in Kazakh, Russian and English.

Data stays language-neutral: the store keeps codes (``illegal``), the UI shows labels in the user's
language. The same table is written into every GeoPackage (``baytak_vocabularies``, and as GeoPackage
"enum" data-column constraints that QGIS and GDAL show as value lists), so the file explains itself
to any tool.

A layer's vocabularies are part of its definition (``resources/layers/*.json`` for the built-in
layers); only the branches, which every layer has, are the program's own.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

LANGUAGES = ("kk", "ru", "en")


@dataclass(frozen=True)
class Term:
    code: str
    kk: str
    ru: str
    en: str
    deprecated: bool = False  # no longer offered in forms; the features that have it keep it

    def label(self, lang: str) -> str:
        label: str = getattr(self, lang if lang in LANGUAGES else "en")
        return label


@dataclass(frozen=True)
class Vocabulary:
    name: str
    terms: tuple[Term, ...]

    @cached_property  # asked for every coded value of every pushed change
    def codes(self) -> tuple[str, ...]:
        return tuple(t.code for t in self.terms)

    @cached_property
    def synonym_codes(self) -> dict[str, tuple[str, ...]]:
        """Each synonym of its codes (``SYNONYMS``), folded -> the codes of this vocabulary it may mean;
        a word that is one of this vocabulary's own labels is left to that label."""
        labels = {fold(text) for term in self.terms for text in (term.code, term.kk, term.ru, term.en)}
        found: dict[str, tuple[str, ...]] = {}
        for term in self.terms:
            for word in SYNONYMS.get(term.code, ()):
                key = fold(word)
                if key not in labels and term.code not in found.get(key, ()):
                    found[key] = (*found.get(key, ()), term.code)
        return found

    def label(self, code: str, lang: str) -> str:
        """The label of ``code`` in ``lang``; an unknown code is shown as it is, never hidden."""
        for term in self.terms:
            if term.code == code:
                return term.label(lang)
        return code


def _vocab(name: str, *rows: tuple[str, str, str, str]) -> Vocabulary:
    return Vocabulary(name, tuple(Term(*row) for row in rows))


BRANCHES = _vocab(
    "branch",
    ("abai", "Абай облысы", "Абайская область", "Abai Region"),
    ("akmola", "Ақмола облысы", "Акмолинская область", "Akmola Region"),
    ("aktobe", "Ақтөбе облысы", "Актюбинская область", "Aktobe Region"),
    ("almaty_region", "Алматы облысы", "Алматинская область", "Almaty Region"),
    ("atyrau", "Атырау облысы", "Атырауская область", "Atyrau Region"),
    ("east_kazakhstan", "Шығыс Қазақстан облысы", "Восточно-Казахстанская область", "East Kazakhstan Region"),
    ("jambyl", "Жамбыл облысы", "Жамбылская область", "Jambyl Region"),
    ("jetisu", "Жетісу облысы", "Жетысуская область", "Jetisu Region"),
    ("karaganda", "Қарағанды облысы", "Карагандинская область", "Karaganda Region"),
    ("kostanay", "Қостанай облысы", "Костанайская область", "Kostanay Region"),
    ("kyzylorda", "Қызылорда облысы", "Кызылординская область", "Kyzylorda Region"),
    ("mangystau", "Маңғыстау облысы", "Мангистауская область", "Mangystau Region"),
    ("north_kazakhstan", "Солтүстік Қазақстан облысы", "Северо-Казахстанская область", "North Kazakhstan Region"),
    ("pavlodar", "Павлодар облысы", "Павлодарская область", "Pavlodar Region"),
    ("turkistan", "Түркістан облысы", "Туркестанская область", "Turkistan Region"),
    ("ulytau", "Ұлытау облысы", "Улытауская область", "Ulytau Region"),
    ("west_kazakhstan", "Батыс Қазақстан облысы", "Западно-Казахстанская область", "West Kazakhstan Region"),
    ("almaty", "Алматы қаласы", "город Алматы", "Almaty (city)"),
    ("astana", "Астана қаласы", "город Астана", "Astana (city)"),
    ("shymkent", "Шымкент қаласы", "город Шымкент", "Shymkent (city)"),
)


def fold(label: str) -> str:
    """Labels compared as people type them: any case, and ё written as е (Russian usually drops the dots)."""
    return " ".join(label.casefold().replace("ё", "е").split())


# Other words people write for a code, in Russian and Kazakh, beside its labels: a brick factory's table
# says "действующий" where that layer's label is "работает" (the quarries' label is "действующий"). Keyed
# by code, so every vocabulary with that code understands them; a word that two codes of one vocabulary
# claim is never taken for either (``Vocabulary.synonym_codes``), and a term's own label always wins.
SYNONYMS: dict[str, tuple[str, ...]] = {
    "operating": (
        "действующий", "действующее", "действующая", "действует", "работающий", "работающее", "в работе",
        "функционирует", "жұмыс істейді", "жұмыс істеуде", "істеп тұр", "белсенді",
    ),
    "active": (
        "работает", "действует", "действующее", "действующая", "работающий", "работающее", "в работе",
        "функционирует", "жұмыс істейді", "жұмыс істеуде", "жұмыс істеп тұр", "істеп тұр", "белсенді",
    ),
    "closed": ("закрыто", "закрыта", "закрытый", "закрытое", "жабық", "жабылды"),
    "relocated": ("перенесено", "перенесена", "перемещен", "перемещено", "переехал", "көшірілді", "көшті"),
    "abandoned": ("брошенный", "брошен", "брошено", "заброшен", "заброшено", "тасталған", "қараусыз қалған"),
    "illegal": ("нелегальный", "самовольный", "незаконно", "рұқсатсыз"),
    "eliminated": ("ликвидировано", "ликвидирована", "устранен", "устранено", "жойылды"),
    "unknown": ("нет данных", "не известно", "н/д", "мәлімет жоқ", "белгісіз"),
    "planned": ("планируется", "в плане", "запланирован", "запланирована", "жоспарда", "жоспарлануда"),
    "planted": ("высажено", "высажены", "посажены", "отырғызылды"),
    "verified": ("проверены", "проверен", "тексерілді"),
    "lost": ("погибли", "засохло", "засохли", "қурап қалды", "қурады"),
}  # fmt: skip
