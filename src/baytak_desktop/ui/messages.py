"""Domain messages in the UI language.

The domain (no Qt) keeps each message as an English template plus params (``BaytakError.template``,
``Problem.template``); scripts/collect_domain_messages.py marks every template for lupdate in
``domain_messages.py``. Here the template is translated first and formatted after, so a Kazakh or
Russian sentence gets the same numbers and names. A template we have no translation for, or one whose
translation does not format, shows the English message rather than nothing.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from baytak_desktop.errors import BaytakError, Problem, formatted, said_params
from baytak_desktop.jobs import Phase
from baytak_desktop.library_failures import library_reason
from baytak_desktop.ui.i18n import field_title, format_number, layer_title, shown_catalog

CONTEXT = "DomainMessages"
_WHERE = (
    QT_TRANSLATE_NOOP("DomainMessages", "row {row}"),
    QT_TRANSLATE_NOOP("DomainMessages", "field {field}"),
    QT_TRANSLATE_NOOP("DomainMessages", "; and {count} more"),
    QT_TRANSLATE_NOOP("DomainMessages", "geometry"),
)
# Domain messages worded for the command line: in the window the same error names the window's own way
# (a menu, a panel) instead of a command and its options, which a window user never types.
WINDOW_WORDING = {
    "Your sign-in to {server} has expired or was revoked ({reason}): sign in again with baytak login {store} "
    "--server {server} --user NAME. Your edits are safe on this computer.": QT_TRANSLATE_NOOP(
        "DomainMessages",
        "Your sign-in to {server} has expired or was revoked ({reason}): sign in again with Sync › Connect to "
        "server…. Your edits are safe on this computer.",
    ),
    "Conflict {id} was already resolved on the server; baytak sync {store} brings its outcome.": QT_TRANSLATE_NOOP(
        "DomainMessages", "Conflict {id} was already resolved on the server; the next sync brings its outcome."
    ),
    "There is no conflict {id} in {store}; baytak conflicts {store} lists them.": QT_TRANSLATE_NOOP(
        "DomainMessages", "There is no conflict {id} in {store}; the Conflicts panel lists them."
    ),
}


def window_template(template: str) -> str:
    """The window's wording of a domain template (the template itself when the CLI's words fit)."""
    return str(WINDOW_WORDING.get(template, template))


def translated(template: str, params: dict[str, Any], fallback: str | None = None) -> str:
    """``template`` in the UI language, formatted with ``params``; ``fallback`` (else the English
    template formatted) when the translation cannot be formatted."""
    try:
        said = _said_params(said_params(params, translated))  # a sentence of its own among them in this language too
        return QCoreApplication.translate(CONTEXT, template).format(**readable(said))
    except (KeyError, IndexError, ValueError, AttributeError):
        return fallback if fallback is not None else formatted(template, params)


def _said_params(params: dict[str, Any]) -> dict[str, Any]:
    """``params`` with each one that kept its template (a library's failure in our words:
    library_failures.py) in the UI language, so a reason reads in the language of its sentence."""
    return {
        key: sentence_text(value) if isinstance(value, str) and hasattr(value, "template") else value
        for key, value in params.items()
    }


def readable(params: dict[str, Any], layer: str | None = None) -> dict[str, Any]:
    """Parameters as a person reads them: one of our layers (``layer``, ``from_layer``...) by its title, its fields by theirs
    ("Status" for ``status``, "Карьерлер" for ``quarries``), whatever the language."""
    named, layers = params.get("layer"), shown_catalog()  # the store shown's: published layers too
    if any(key.endswith("_layer") for key in params):  # a proximity's from_layer and to_layer
        params = {k: layer_title(v) if k.endswith("_layer") and v in layers else v for k, v in params.items()}
    layer = named if isinstance(named, str) and named in layers else layer
    if layer is None or layer not in layers:
        return params
    shown = dict(params)
    if "layer" in shown:
        shown["layer"] = layer_title(layer)
    names = layers.layer(layer).field_names
    if isinstance(shown.get("field"), str) and shown["field"] in names:
        shown["field"] = field_title(layer, shown["field"])
    if isinstance(shown.get("fields"), str):
        shown["fields"] = ", ".join(field_title(layer, f) if f in names else f for f in shown["fields"].split(", "))
    return shown


# Numbers a job reports that are names, not quantities: never grouped ("revision 1234", not "1 234").
_NAME_NUMBERS = frozenset({"id", "rev"})


def phase_label(phase: Phase) -> str:
    """A job's progress phase in the UI language: its template translated, counts in the language's
    number format ("12 480" in Kazakh and Russian), a layer by its title."""
    params = {
        key: format_number(value) if isinstance(value, int) and not isinstance(value, bool) and key not in _NAME_NUMBERS
        else value
        for key, value in phase.params.items()
    }  # fmt: skip
    return translated(phase.template, params, str(phase))


def sentence_text(text: str) -> str:
    """A sentence that kept its template (``baytak_desktop.i18n.Sentence``: a GPS source's reason for
    being lost) in the UI language; any other text as it is."""
    template, params = getattr(text, "template", None), getattr(text, "params", None)
    if isinstance(template, str) and isinstance(params, dict):
        return translated(template, params, str(text))
    return str(text)


def problem_text(problem: Problem, where: bool = True, layer: str | None = None) -> str:
    """One problem's message in the UI language, with its row and field in front when ``where``; with
    ``layer`` the field is named by its title."""
    params = readable(problem.params, layer) if problem.template else {}
    template = window_template(problem.template) if problem.template else problem.message
    text = translated(template, params, problem.message)
    if not where:
        return text
    places = []
    if problem.row is not None:
        places.append(translated("row {row}", {"row": problem.row}))
    if problem.field:
        layers = shown_catalog()
        field = (
            field_title(layer, problem.field)
            if layer is not None and layer in layers and problem.field in layers.layer(layer).field_names
            else QCoreApplication.translate(CONTEXT, "geometry")
            if problem.field == "geom"
            else problem.field
        )
        places.append(translated("field {field}", {"field": field}))
    return f"{', '.join(places)}: {text}" if places else text


def message_of(item: BaseException | Problem, layer: str | None = None) -> str:
    """What the user reads for a domain error or problem; any other exception as ``str(exc)`` (a common
    failure of SQLite, the system or httpx in our words, library_failures.py). With
    ``layer`` (the layer a problem is about) fields are named by their titles."""
    if isinstance(item, Problem):
        return problem_text(item, layer=layer)
    if not isinstance(item, BaytakError):
        return sentence_text(library_reason(item))  # SQLite's, the system's, httpx's English in our words
    errors = [p for p in getattr(item, "problems", None) or () if p.severity == "error"]
    params = item.params
    if errors and params.get("summary") == _english_summary(errors):  # a validation error's, a definition's
        text = "; ".join(problem_text(p, layer=layer) for p in errors[:5])
        text = text + translated("; and {count} more", {"count": len(errors) - 5}) if len(errors) > 5 else text
        params = {**params, "summary": text}
    wording = window_template(item.template)
    return translated(wording, params, item.message if wording == item.template else None)


def _english_summary(errors: list[Problem]) -> str:
    """ValidationError's own summary of ``errors`` (LayerDefinitionError's too): when the error's summary
    says just that, we rebuild it translated; a summary written by its raiser (an import's) stays as it is."""
    summary = "; ".join(str(p) for p in errors[:5])
    return summary + f"; and {len(errors) - 5} more" if len(errors) > 5 else summary
