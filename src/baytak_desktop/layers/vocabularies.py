"""Coded values and their labels in Kazakh, Russian and English.

Data stays language-neutral: the store keeps codes (``illegal``), the UI shows labels in the user's
language. The same table is written into every GeoPackage (``baytak_vocabularies``, and as GeoPackage
"enum" data-column constraints that QGIS and GDAL show as value lists), so the file explains itself
to any tool.
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

    def label(self, code: str, lang: str) -> str:
        """The label of ``code`` in ``lang``; an unknown code is shown as it is, never hidden."""
        for term in self.terms:
            if term.code == code:
                return term.label(lang)
        return code


def _vocab(name: str, *rows: tuple[str, str, str, str]) -> Vocabulary:
    return Vocabulary(name, tuple(Term(*row) for row in rows))


UNKNOWN = ("unknown", "белгісіз", "неизвестно", "unknown")

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

QUARRY_STATUS = _vocab(
    "quarry_status",
    ("active", "жұмыс істеп тұр", "действующий", "active"),
    ("illegal", "заңсыз", "незаконный", "illegal"),
    ("abandoned", "тастанды", "заброшенный", "abandoned"),
    ("under_restoration", "қалпына келтірілуде", "рекультивируется", "under restoration"),
    ("restored", "қалпына келтірілген", "рекультивирован", "restored"),
    ("closed", "жабылған", "закрыт", "closed"),
)

LEGAL_STATUS = _vocab(
    "legal_status",
    ("licensed", "лицензиясы бар", "с лицензией", "licensed"),
    ("unlicensed", "лицензиясыз", "без лицензии", "unlicensed"),
    UNKNOWN,
)

FACTORY_STATUS = _vocab(
    "factory_status",
    ("operating", "жұмыс істеп тұр", "работает", "operating"),
    ("closed", "жабылған", "закрыт", "closed"),
    ("relocated", "көшірілген", "перенесён", "relocated"),
    UNKNOWN,
)

DISCHARGE = _vocab(
    "discharge",
    ("treated", "тазартылған", "очищенные", "treated"),
    ("partly_treated", "ішінара тазартылған", "частично очищенные", "partly treated"),
    ("untreated", "тазартылмаған", "неочищенные", "untreated"),
    ("storm", "нөсер суы", "ливневые", "storm water"),
    UNKNOWN,
)

OUTFLOW_STATUS = _vocab(
    "outflow_status",
    ("active", "белсенді", "действующий", "active"),
    ("eliminated", "жойылған", "ликвидирован", "eliminated"),
    UNKNOWN,
)

WATER_BODY = _vocab(
    "water_body",
    ("aral", "Арал теңізі", "Аральское море", "Aral Sea"),
    ("caspian", "Каспий теңізі", "Каспийское море", "Caspian Sea"),
    ("other", "басқа", "другое", "other"),
)

SPECIES = _vocab(
    "species",
    ("elm", "қарағаш", "вяз", "elm"),
    ("poplar", "терек", "тополь", "poplar"),
    ("birch", "қайың", "берёза", "birch"),
    ("pine", "қарағай", "сосна", "pine"),
    ("spruce", "шырша", "ель", "spruce"),
    ("larch", "балқарағай", "лиственница", "larch"),
    ("maple", "үйеңкі", "клён", "maple"),
    ("oak", "емен", "дуб", "oak"),
    ("ash", "шаған", "ясень", "ash"),
    ("willow", "тал", "ива", "willow"),
    ("sievers_apple", "Сиверс алмасы", "яблоня Сиверса", "Sievers apple"),
    ("saxaul", "сексеуіл", "саксаул", "saxaul"),
    ("juniper", "арша", "можжевельник", "juniper"),
    ("other", "басқа", "другое", "other"),
)

PLANTING_STATUS = _vocab(
    "planting_status",
    ("planned", "жоспарланған", "запланировано", "planned"),
    ("planted", "отырғызылған", "посажено", "planted"),
    ("verified", "тексерілген", "проверено", "verified"),
    ("lost", "қурап қалған", "погибло", "lost"),
)

CLEANUP_STATUS = _vocab(
    "cleanup_status",
    ("planned", "жоспарланған", "запланирована", "planned"),
    ("done", "өткізілді", "проведена", "done"),
    ("cancelled", "тоқтатылды", "отменена", "cancelled"),
)

ALL_VOCABULARIES: dict[str, Vocabulary] = {
    v.name: v
    for v in (
        BRANCHES,
        QUARRY_STATUS,
        LEGAL_STATUS,
        FACTORY_STATUS,
        DISCHARGE,
        OUTFLOW_STATUS,
        WATER_BODY,
        SPECIES,
        PLANTING_STATUS,
        CLEANUP_STATUS,
    )
}
