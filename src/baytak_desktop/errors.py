"""Domain errors: one module, no Qt, no HTTP.

Every error carries a message a person can act on ("The file roads.shp has no .prj: choose its
coordinate system", not "CRS error"). The message is an English source string with ``{named}``
parameters, so each front end can translate it (the UI through ``tr()``, the ``baytak`` command through
``baytak_desktop.i18n``; the server's HTTP answers stay English) and format it with the same parameters. Front ends map the class to a dialog, an exit code or an
HTTP status.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from dataclasses import field as dataclass_field
from typing import Any, Self


class BaytakError(Exception):
    """Base of every error the user can act on; ``str(err)`` is the formatted message.

    ``cli_hint`` (English, translated like the templates) is what the ``baytak`` command adds after the
    message, e.g. which option makes the refused thing happen; the message itself names no command-line
    option, so the desktop shows it as it is.
    """

    template: str = "{detail}"
    cli_hint: str | None = None

    def __init__(self, template: str | None = None, **params: Any) -> None:
        if template is not None:
            self.template = template
        self.params = params
        super().__init__(self.message)

    @property
    def message(self) -> str:
        return formatted(self.template, self.params)

    def with_hint(self, hint: str) -> Self:
        """This error with ``hint`` as its ``cli_hint`` (for a raiser that knows the option to name)."""
        self.cli_hint = hint
        return self


def formatted(template: str, params: dict[str, Any]) -> str:
    """``template`` formatted with ``params``; the template as it is when they do not fit it (the one
    English fallback of every front end: the desktop's and the command line's translations end here)."""
    try:
        return template.format(**said_params(params, formatted))
    except (KeyError, IndexError, ValueError, AttributeError):
        return template


def said_params(params: dict[str, Any], say: Callable[[str, dict[str, Any]], str]) -> dict[str, Any]:
    """``params`` with each parameter that is a sentence of its own (a ``{"template", "params"}`` as
    ``json_param`` keeps it) said by ``say``: "the base value {problem}" in Kazakh says its problem in
    Kazakh too. Other parameters are left as they are (an ``i18n.Sentence`` formats as its English text)."""
    for value in params.values():  # a loop, not any(): every Problem.of of a big import passes here
        if isinstance(value, dict):
            return {name: _said(value, say) for name, value in params.items()}
    return params


def _said(value: Any, say: Callable[[str, dict[str, Any]], str]) -> Any:
    if isinstance(value, dict) and isinstance(value.get("template"), str) and isinstance(value.get("params"), dict):
        return say(value["template"], value["params"])
    return value


class StoreError(BaytakError):
    """The GeoPackage cannot be opened, read or written."""


class NotAGeoPackage(StoreError):
    template = "{path} is not a GeoPackage: {reason}"


class NotAStore(StoreError):
    template = (
        "{path} is a GeoPackage but not a Baytak store; it was left as it is. Create a store, then import"
        " this file's layers into it"
    )
    cli_hint = "baytak init NEW.gpkg, then baytak import NEW.gpkg FILE.gpkg --layer LAYER --source-layer THEIRS"


class ReadOnlyStore(StoreError):
    template = "{path} cannot be written: {reason}. Copy it somewhere you may write, or ask for write access."


class StoreBusy(StoreError):
    template = "{path} is busy: another program is writing to it. Close it there and try again."


class StoreLocked(StoreBusy):
    """A write waited as long as it may for another program's lock; nothing was changed."""

    template = (
        "{program} has been holding {path} for {seconds:.0f} s, so nothing was changed here. Save or "
        "cancel the edits there (or close the file in it), then try again."
    )


class SchemaTooNew(BaytakError):
    """A database written by a newer version than this one: refused rather than misread."""

    template = (
        "This database was written by a newer version of Baytak (schema {found}, this one knows {known}); "
        "update the program."
    )


class StoreTooNew(SchemaTooNew, StoreError):
    template = (
        "This store was written by a newer baytak-desktop (schema {found}, this one knows {known}); update the program."
    )


class UnknownLayer(BaytakError):
    template = "There is no layer named {layer!r}. Layers: {known}."


class FeatureNotFound(BaytakError):
    template = "No feature with uuid {uuid} in layer {layer}."


class GeometryError(BaytakError):
    """A geometry blob or value that cannot be decoded or encoded."""


@dataclass(frozen=True)
class Problem:
    """One thing wrong with one feature: where (row, field), how bad, and what to do.

    ``severity`` is "error" (the feature is refused) or "warning" (kept, but the user is told, e.g. a
    site outside Kazakhstan). ``row`` is the 1-based row of a source file when importing.
    ``template`` (with ``params``) is the English source of ``message`` when it was built from one, so
    the UI can translate it; None for a message that is already final.
    """

    message: str
    field: str | None = None
    severity: str = "error"
    row: int | None = None
    params: dict[str, Any] = dataclass_field(default_factory=dict, compare=False)
    template: str | None = dataclass_field(default=None, compare=False)

    @classmethod
    def of(
        cls, template: str, *, field: str | None = None, severity: str = "error", row: int | None = None, **params: Any
    ) -> Problem:
        """A problem whose message is ``template`` formatted with ``params``, both kept for translation."""
        return cls(
            formatted(template, params), field=field, severity=severity, row=row, params=params, template=template
        )

    def __str__(self) -> str:
        where = []
        if self.row is not None:
            where.append(f"row {self.row}")
        if self.field:
            where.append(f"field {self.field}")
        prefix = ", ".join(where)
        return f"{prefix}: {self.message}" if prefix else self.message


def problem_json(problem: Problem) -> dict[str, Any]:
    """``problem`` as JSON holds it, for a record kept in a store or sent by a child process: its English
    message, and its template and parameters so that a reader elsewhere can say it in its own language.

    A parameter that is itself a sentence with a template (``i18n.Sentence``: "the base value {problem}"
    wraps the value's own problem) is kept as ``{"template": ..., "params": ...}``, which the front ends
    translate first; numbers stay numbers (a template may say ``{seconds:.0f}``), the rest is its text."""
    return {
        "message": problem.message,
        "field": problem.field,
        "severity": problem.severity,
        "row": problem.row,
        "template": problem.template,
        "params": {str(name): json_param(value) for name, value in problem.params.items()},
    }


def json_param(value: object) -> object:
    """A template's parameter as JSON holds it (see ``problem_json``)."""
    template, params = getattr(value, "template", None), getattr(value, "params", None)
    if isinstance(value, dict):  # already a sentence of its own (``phrase``)
        template, params = value.get("template"), value.get("params")
    if isinstance(template, str) and isinstance(params, dict):
        return {"template": template, "params": {str(k): json_param(v) for k, v in params.items()}}
    return value if value is None or isinstance(value, str | int | float | bool) else str(value)


def phrase(template: str, **params: Any) -> dict[str, Any]:
    """A part of a message that is a sentence of its own (``{"template", "params"}``), for the domain
    below ``i18n`` (which has ``Sentence``): the front ends say it in the reader's language inside the
    message (``said_params``), and ``formatted`` in English. Pass a literal template: the collector
    (scripts/collect_domain_messages.py) finds it for translation."""
    return {"template": template, "params": params}


def either(choices: Sequence[str]) -> str | dict[str, Any]:
    """Alternatives joined by "or" in the reader's language ("Polygon немесе MultiPolygon"): an English
    " or " inside a translated message read as a slip into English."""
    if len(choices) < 2:
        return choices[0] if choices else ""
    if len(choices) == 2:
        return phrase("{first} or {second}", first=choices[0], second=choices[1])
    return phrase("{others} or {last}", others=", ".join(choices[:-1]), last=choices[-1])


def problem_from_json(data: object) -> Problem | None:
    """The problem ``problem_json`` wrote; None for what is not one (a record or an answer from elsewhere)."""
    if not isinstance(data, dict) or not isinstance(data.get("message"), str):
        return None
    template, params, row = data.get("template"), data.get("params"), data.get("row")
    field, severity = data.get("field"), data.get("severity")
    return Problem(
        data["message"],
        field=field if isinstance(field, str) else None,
        severity=severity if severity in ("error", "warning") else "error",
        row=row if isinstance(row, int) and not isinstance(row, bool) else None,
        params=params if isinstance(template, str) and isinstance(params, dict) else {},
        template=template if isinstance(template, str) and isinstance(params, dict) else None,
    )


class ValidationError(BaytakError):
    """A feature, or rows of a file, failed validation; ``problems`` says every reason."""

    template = "{summary}"

    def __init__(self, problems: list[Problem], summary: str | None = None) -> None:
        self.problems = problems
        errors = [p for p in problems if p.severity == "error"]
        if summary is None:
            summary = "; ".join(str(p) for p in errors[:5])
            if len(errors) > 5:
                summary += f"; and {len(errors) - 5} more"
        super().__init__(summary=summary)


class SourceError(BaytakError):
    """An input file that cannot be read: missing, empty, truncated, of an unknown format, no CRS."""


class ImportRejected(ValidationError):
    """An import refused because rows are invalid (all or nothing), or because none is; nothing was written."""

    def __init__(
        self, problems: list[Problem], summary: str | None = None, *, template: str | None = None, **params: Any
    ) -> None:
        if template is None:
            super().__init__(problems, summary)
            return
        self.problems = problems
        BaytakError.__init__(self, template, **params)


class TileSourceError(BaytakError):
    """A raster tile source (an MBTiles file, an online XYZ server) that cannot be used."""


class GpsSourceError(BaytakError):
    """A GPS source that cannot be used as written (gps/spec.py), or a position that cannot be taken."""


class TrackError(BaytakError):
    """A recorded track (GPX) that cannot be read, or cannot become the geometry of a layer."""
