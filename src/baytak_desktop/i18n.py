"""The language of the ``baytak`` command (and ``baytak server``), without Qt.

The window translates through Qt's catalogues (ui/i18n.py). The command line may not import Qt, so
scripts/update_translations.py exports the "DomainMessages" context of the same ``translations/*.ts``
files to ``resources/translations/baytak_cli_<lang>.json``: one source of truth, two readers. That
context holds the domain's templates (errors, their command-line hints, problems, progress phases) and
the command line's own sentences, each written as ``tr("English {param}", param=...)`` (or, where the
English must also go to ``--json``, ``Sentence(...)``) where scripts/collect_domain_messages.py finds it.

The language is ``--lang`` given before the command, else the environment as gettext reads it
(LANGUAGE, LC_ALL, LC_MESSAGES, LANG; the first one set), else English. It is one per process, like
Qt's installed translator, and set for the length of a command by :func:`speaking`. Only what a person
reads is translated: ``--json`` output and exit codes are the same in every language, so a script
never depends on where it runs.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from functools import cache
from typing import Any, Protocol

from baytak_desktop.errors import BaytakError, Problem, formatted, said_params
from baytak_desktop.resources import path

LANGUAGES = ("en", "kk", "ru")
ENVIRONMENT = ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG")  # gettext's order: the first one set decides


class Layers(Protocol):
    """Layers by name (a ``Catalog``), each with ``title_in(lang)``: i18n may not import the layers."""

    def get(self, name: str, /) -> Any: ...


class _Speaking:
    """The language in use and its catalogue: English (the source language) has none."""

    def __init__(self) -> None:
        self.code = "en"
        self.catalog: Mapping[str, str] = {}
        self.layers: Callable[[], Layers] = dict  # the layers named by their titles (naming_layers)


_SPEAKING = _Speaking()


def catalog_name(lang: str) -> str:
    """The resource that holds ``lang``'s translations of the DomainMessages context."""
    return f"translations/baytak_cli_{lang}.json"


@cache
def _catalog(lang: str) -> Mapping[str, str]:
    file = path(catalog_name(lang))
    if lang == "en" or not file.is_file():
        return {}
    messages: dict[str, str] = json.loads(file.read_text(encoding="utf-8"))
    return messages


def environment_language(environ: Mapping[str, str] | None = None) -> str:
    """The language the environment asks for, as gettext finds it; English when it asks for one we
    do not speak (``LANGUAGE=kk:ru`` is a list: the first we speak wins)."""
    environ = os.environ if environ is None else environ
    value = next((environ[name] for name in ENVIRONMENT if environ.get(name)), "")
    for entry in value.split(":"):
        code = entry.split(".")[0].split("@")[0].split("_")[0].lower()
        if code in LANGUAGES:
            return code
    return "en"


def requested_language(argv: Sequence[str], environ: Mapping[str, str] | None = None) -> str:
    """``--lang`` given before the command in ``argv``, else the environment's language.

    Read before argparse runs, because the help that argparse prints is already in that language.
    """
    for index, token in enumerate(argv):
        value = token.split("=", 1)[1] if token.startswith("--lang=") else None
        if token == "--lang" and index + 1 < len(argv):
            value = argv[index + 1]
        if value is not None:
            return value if value in LANGUAGES else "en"
        if not token.startswith("-"):
            break  # the command: a --lang after it is the command's own (a dossier's, an exhibit's)
    return environment_language(environ)


@contextmanager
def speaking(lang: str) -> Iterator[None]:
    """Speak ``lang`` (English if we do not know it) until the block ends."""
    before = _SPEAKING.code, _SPEAKING.catalog
    _SPEAKING.code = lang if lang in LANGUAGES else "en"
    _SPEAKING.catalog = _catalog(_SPEAKING.code)
    try:
        yield
    finally:
        _SPEAKING.code, _SPEAKING.catalog = before


def language() -> str:
    return _SPEAKING.code


@contextmanager
def naming_layers(layers: Callable[[], Layers]) -> Iterator[None]:
    """Name the layers ``layers()`` holds (a catalog: name -> schema with ``title_in``) by their titles in
    what is said until the block ends: "Кірпіш зауыттары", not ``brick_factories``, which a person knows
    only from ``--layer``. A function, called when a layer is first named, so ``--help`` loads no layers."""
    before = _SPEAKING.layers
    _SPEAKING.layers = cache(layers)
    try:
        yield
    finally:
        _SPEAKING.layers = before


def layer_name(layer: str) -> str:
    """``layer`` as a person knows it: its title in the language spoken, else its name."""
    schema = _SPEAKING.layers().get(layer)
    title = schema.title_in(_SPEAKING.code) if schema is not None else None
    return title if isinstance(title, str) and title else layer


def _is_layer(key: str) -> bool:
    """A parameter that names a layer: ``layer``, ``from_layer``, ``to_layer``."""
    return key == "layer" or key.endswith("_layer")


def tr(template: str, **params: Any) -> str:
    """``template`` in the language spoken, formatted with ``params``.

    A template with no translation, or whose translation does not format with these parameters,
    gives the English sentence rather than nothing. Without ``params`` the text is not formatted, so
    argparse help may hold braces and ``%`` as it likes.
    """
    return _translated(template, params) if params else _SPEAKING.catalog.get(template, template)


def _translated(template: str, params: dict[str, Any], fallback: str | None = None) -> str:
    """``template`` translated and formatted; else ``fallback``; else the English formatted; else as it is."""
    try:
        return _SPEAKING.catalog.get(template, template).format(**_said_params(said_params(params, _translated)))
    except (KeyError, IndexError, ValueError, AttributeError):
        return fallback if fallback is not None else formatted(template, params)


def _said_params(params: dict[str, Any]) -> dict[str, Any]:
    """``params`` as a person reads them in the language spoken: each one that kept its template (a
    library's failure in our words, a ``Sentence``) translated, so a reason reads in the language of its
    sentence; a layer by its title (:func:`naming_layers`)."""
    return {key: _said_param(key, value) for key, value in params.items()}


def _said_param(key: str, value: Any) -> Any:
    if isinstance(value, str) and hasattr(value, "template"):
        return said(value)
    if isinstance(value, str) and _is_layer(key):
        return layer_name(value)
    return value


class Sentence(str):
    """An English sentence that keeps its template and parameters, like a job's ``Phase``: what a
    command prints in ``--json`` (English, the same everywhere) and, through :func:`said`, on a terminal
    (in the language spoken)."""

    template: str
    params: dict[str, Any]

    def __new__(cls, template: str, **params: Any) -> Sentence:
        sentence = super().__new__(cls, formatted(template, params))
        sentence.template, sentence.params = template, params
        return sentence


def said(text: str) -> str:
    """``text`` in the language spoken when it kept its template (a ``Sentence``, a job's ``Phase``),
    else as it is."""
    template, params = getattr(text, "template", None), getattr(text, "params", None)
    if isinstance(template, str) and isinstance(params, dict):
        return _translated(template, params, str(text))
    return str(text)


def finding_message(finding: Any) -> str:
    """What ``baytak validate`` found (a store's ``Finding``), in the language spoken: its template
    translated, else its English message."""
    template, params = getattr(finding, "template", None), getattr(finding, "params", None) or {}
    return _translated(template, params, finding.message) if template else str(finding.message)


def problem_text(problem: Problem | str) -> str:
    """One problem on one line in the language spoken, with its row and field in front."""
    if not isinstance(problem, Problem):
        return " ".join(str(problem).split())
    text = _translated(problem.template, problem.params, problem.message) if problem.template else problem.message
    places = [tr("row {row}", row=problem.row)] if problem.row is not None else []
    if problem.field:
        places.append(tr("field {field}", field=problem.field))  # its name, as --map-field takes it
    return " ".join((f"{', '.join(places)}: {text}" if places else text).split())


def error_text(error: BaytakError) -> str:
    """A domain error's message in the language spoken; a summary of its problems (a validation error's,
    a layer definition's) is rebuilt from them, so each problem is translated too."""
    problems = [p for p in getattr(error, "problems", None) or () if p.severity == "error"]
    params = error.params
    if problems and params.get("summary") == _english_summary(problems):
        text = "; ".join(problem_text(p) for p in problems[:5])
        text = text + tr("; and {count} more", count=len(problems) - 5) if len(problems) > 5 else text
        params = {**params, "summary": text}
    return _translated(error.template, params, error.message)


def hint_text(error: BaytakError) -> str:
    """`` (the option that helps)`` after an error's message, in the language spoken; empty without one."""
    return f" ({tr(error.cli_hint)})" if error.cli_hint else ""


def number(value: float, decimals: int = 0) -> str:
    """A quantity as the language spoken writes it: 12,480.5 in English, 12 480,5 in Kazakh and Russian
    (where a comma is the decimal sign, so "12,480" would read as twelve and a half). Coordinates are not
    quantities: they keep the point, so they can be copied into any program."""
    text = f"{value:,.{decimals}f}"
    if _SPEAKING.code == "en":
        return text
    return text.replace(",", "\u00a0").replace(".", ",")


def _english_summary(problems: list[Problem]) -> str:
    summary = "; ".join(str(p) for p in problems[:5])
    return summary + f"; and {len(problems) - 5} more" if len(problems) > 5 else summary
