"""The user-interface language: which one is in use, switching it at runtime, and a font for it.

Vocabulary labels (statuses, branches) come from the domain in all three languages; widgets ask
``current_language()`` when they draw them and redraw on ``QEvent.LanguageChange``. Everything else
the user reads is an English source string passed through ``tr()``; its Kazakh and Russian
translations are in ``translations/baytak_{kk,ru}.ts`` (compiled to ``.qm``, both committed).

Switching installs our translator and Qt's own (``qtbase_<lang>.qm``: the buttons of standard dialogs),
and sets the default ``QLocale`` so numbers and dates follow the language. Qt then sends every widget a
``LanguageChange`` event, so the whole window is retranslated at once, with no restart.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QEvent, QLibraryInfo, QLocale, QTranslator
from PySide6.QtGui import QFont, QFontDatabase, QFontMetrics

from baytak_desktop.layers import Catalog, builtin_catalog
from baytak_desktop.resources import translations_dir

LANGUAGES = ("kk", "ru", "en")
# Each language is named in itself, so a user who cannot read the current one still finds theirs.
LANGUAGE_NAMES = {"kk": "Қазақша", "ru": "Русский", "en": "English"}
LOCALES = {"kk": "kk_KZ", "ru": "ru_RU", "en": "en_GB"}
KAZAKH_LETTERS = "ӘҒҚҢӨҰҮҺІәғқңөұүһі"
FONT_CANDIDATES = ("Noto Sans", "DejaVu Sans", "Liberation Sans", "PT Sans")


class _Language:
    """The language in use and the translators installed for it: one per process, as Qt's are."""

    def __init__(self) -> None:
        self.code = "en"
        self.installed: list[QTranslator] = []
        self.catalog: Catalog = builtin_catalog()  # the layers of the store shown, for their titles


_LANGUAGE = _Language()


def current_language() -> str:
    return _LANGUAGE.code


def qt_translations_dir() -> Path:
    return Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath))


def system_language() -> str:
    """The language of the user's system if we speak it, else English."""
    name = QLocale.system().name().split("_")[0]
    return name if name in LANGUAGES else "en"


def set_language(lang: str) -> list[str]:
    """Switch the whole application to ``lang``; returns the translation files that were loaded.

    English is the source language; its .qm only supplies plural forms ("1 edit", "2 edits"). A
    missing .qm leaves English showing rather than failing, and the caller can tell from the list.
    """
    app = QCoreApplication.instance()
    if app is None:
        raise RuntimeError("set_language() needs the application (QApplication or QGuiApplication) first")
    lang = lang if lang in LANGUAGES else "en"
    for translator in _LANGUAGE.installed:
        app.removeTranslator(translator)
    _LANGUAGE.installed.clear()
    _LANGUAGE.code = lang
    QLocale.setDefault(QLocale(LOCALES[lang]))
    loaded = []
    sources = (
        [(translations_dir(), "baytak")]
        if lang == "en"
        else [(qt_translations_dir(), "qtbase"), (translations_dir(), "baytak")]
    )
    for folder, stem in sources:
        translator = QTranslator(app)
        path = folder / f"{stem}_{lang}.qm"
        if translator.load(str(path)):
            app.installTranslator(translator)
            _LANGUAGE.installed.append(translator)
            loaded.append(str(path))
    if not _LANGUAGE.installed:  # nothing installed, so Qt sends no LanguageChange: send one ourselves
        _post_language_change(app)
    return loaded


def _post_language_change(app: QCoreApplication) -> None:
    """Tell every widget; only a QApplication has widgets (the exhibit painter's QGuiApplication has
    none), and asking the instance keeps this module, which the painter imports, free of QtWidgets."""
    all_widgets = getattr(app, "allWidgets", None)
    for widget in all_widgets() if all_widgets is not None else ():
        QCoreApplication.sendEvent(widget, QEvent(QEvent.Type.LanguageChange))


def covers(font: QFont, text: str = KAZAKH_LETTERS) -> bool:
    """Whether ``font`` itself has a glyph for every letter of ``text`` (no fallback font counted)."""
    metrics = QFontMetrics(font)
    return all(metrics.inFontUcs4(ord(letter)) for letter in text)


def kazakh_font(base: QFont) -> QFont:
    """``base`` if it has every Kazakh letter, else the first installed candidate that has them.

    A font that lacks Ә or Ұ makes Qt mix in glyphs from another font, which looks broken in labels
    and is how letters end up as boxes in a PDF; so we choose one that covers them all.
    """
    families = set(QFontDatabase.families())
    for family in (base.family(), *FONT_CANDIDATES):
        if family not in families:
            continue
        font = QFont(base)
        font.setFamily(family)
        if covers(font):
            return font
    return base


def format_number(value: float, decimals: int = 0) -> str:
    """A number in the current language's digits and separators (e.g. 1 250 000 in Kazakh)."""
    if decimals == 0:
        return QLocale().toString(round(value))
    return QLocale().toString(float(value), "f", decimals)


def format_position(lat: float, lon: float, decimals: int = 5) -> str:
    """Latitude and longitude in the current language's digits, set apart so they cannot be misread.

    Kazakh and Russian write a decimal comma, so "48,23456, 74,43204" is ambiguous; there the two are
    separated by a semicolon ("48,23456; 74,43204"), as Russian typography lists such numbers. The
    coordinate dialog reads either form back."""
    locale = QLocale()
    separator = "; " if locale.decimalPoint() == "," else ", "
    return f"{locale.toString(float(lat), 'f', decimals)}{separator}{locale.toString(float(lon), 'f', decimals)}"


# -- names that come from the domain, marked here so lupdate collects them --------------------------------
LAYER_TITLES = {
    "quarries": QT_TRANSLATE_NOOP("Layers", "Quarries"),
    "brick_factories": QT_TRANSLATE_NOOP("Layers", "Brick factories"),
    "sewage_outflows": QT_TRANSLATE_NOOP("Layers", "Sewage outflows"),
    "shorelines": QT_TRANSLATE_NOOP("Layers", "Shorelines"),
    "tree_plantings": QT_TRANSLATE_NOOP("Layers", "Tree plantings"),
    "cleanup_plans": QT_TRANSLATE_NOOP("Layers", "Cleanup plans"),
}
FIELD_TITLES = (
    QT_TRANSLATE_NOOP("Fields", "Branch"),
    QT_TRANSLATE_NOOP("Fields", "Notes"),
    QT_TRANSLATE_NOOP("Fields", "Created at"),
    QT_TRANSLATE_NOOP("Fields", "Created by"),
    QT_TRANSLATE_NOOP("Fields", "Updated at"),
    QT_TRANSLATE_NOOP("Fields", "Updated by"),
    QT_TRANSLATE_NOOP("Fields", "Name"),
    QT_TRANSLATE_NOOP("Fields", "Status"),
    QT_TRANSLATE_NOOP("Fields", "Legal status"),
    QT_TRANSLATE_NOOP("Fields", "Operator"),
    QT_TRANSLATE_NOOP("Fields", "Licence number"),
    QT_TRANSLATE_NOOP("Fields", "Area, ha"),
    QT_TRANSLATE_NOOP("Fields", "Observed on"),
    QT_TRANSLATE_NOOP("Fields", "Closed on"),
    QT_TRANSLATE_NOOP("Fields", "Emissions"),
    QT_TRANSLATE_NOOP("Fields", "Receiving water"),
    QT_TRANSLATE_NOOP("Fields", "Discharge"),
    QT_TRANSLATE_NOOP("Fields", "Flow, m³/day"),
    QT_TRANSLATE_NOOP("Fields", "Affected settlements"),
    QT_TRANSLATE_NOOP("Fields", "Last sampled on"),
    QT_TRANSLATE_NOOP("Fields", "Water body"),
    QT_TRANSLATE_NOOP("Fields", "Source"),
    QT_TRANSLATE_NOOP("Fields", "Area, km²"),
    QT_TRANSLATE_NOOP("Fields", "Species"),
    QT_TRANSLATE_NOOP("Fields", "Trees"),
    QT_TRANSLATE_NOOP("Fields", "Planted on"),
    QT_TRANSLATE_NOOP("Fields", "Organizer"),
    QT_TRANSLATE_NOOP("Fields", "Survival, %"),
    QT_TRANSLATE_NOOP("Fields", "Title"),
    QT_TRANSLATE_NOOP("Fields", "Planned on"),
    QT_TRANSLATE_NOOP("Fields", "Volunteers needed"),
    QT_TRANSLATE_NOOP("Fields", "Waste collected, kg"),
    QT_TRANSLATE_NOOP("Fields", "Contact"),
)


def show_catalog(catalog: Catalog) -> None:
    """The layers of the store the window shows (it calls this when it shows a store, and when a sync
    changed its layers): their titles are what ``layer_title`` and ``field_title`` read."""
    _LANGUAGE.catalog = catalog


def shown_catalog() -> Catalog:
    """The layers of the store shown (the built-in ones while none is)."""
    return _LANGUAGE.catalog


def layer_title(layer: str, catalog: Catalog | None = None) -> str:
    """The layer's name in the UI language: a built-in layer's from our translations, a published
    layer's from its definition (in ``catalog``, or the store shown's), the table name if it is neither."""
    english = LAYER_TITLES.get(layer)
    if english is not None:
        return QCoreApplication.translate("Layers", str(english))
    schema = (catalog or _LANGUAGE.catalog).get(layer)
    return schema.title_in(current_language()) if schema is not None else layer


def field_title(layer: str, field: str, catalog: Catalog | None = None) -> str:
    """A field's title in the UI language, e.g. ``field_title("quarries", "area_ha")`` -> "Area, ha": our
    translation of a built-in field, the definition's title of a published one (or a published field of
    a built-in layer). ``catalog``: the layers of a store other than the one shown (a printed exhibit's)."""
    schema = (catalog or _LANGUAGE.catalog).get(layer)
    if schema is None or field not in schema.field_names:
        return QCoreApplication.translate("Fields", field)
    found = schema.field(field)
    english = found.title or field
    translated = QCoreApplication.translate("Fields", english)
    if translated != english or found.titles is None:
        return translated
    return found.titles.get(current_language())
