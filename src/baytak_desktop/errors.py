"""Domain errors: one module, no Qt, no HTTP.

Every error carries a message a person can act on ("The file roads.shp has no .prj: choose its
coordinate system", not "CRS error"). The message is an English source string with ``{named}``
parameters, so each front end can translate it (the UI through ``tr()``, the ``baytak`` command through
``baytak_desktop.i18n``; the server's HTTP answers stay English) and format it with the same parameters. Front ends map the class to a dialog, an exit code or an
HTTP status.
"""

from __future__ import annotations

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
        return template.format(**params)
    except (KeyError, IndexError, ValueError, AttributeError):
        return template


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
