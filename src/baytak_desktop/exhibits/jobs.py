"""The exhibit jobs the desktop's Project menu runs on a worker: plain functions, as DESIGN.md "Long jobs" wants.

Print layouts and dossiers are painted by the exhibit child process (``exhibits.render_process``), which
cannot be interrupted halfway; a Cancel that comes while it paints removes the file once it is written,
so a cancelled export never leaves a file behind. The web map is built here, on the worker thread, from
the job's own read-only connection.
"""

from __future__ import annotations

import re
from pathlib import Path

from baytak_desktop.exhibits.dossier import DossierSpec, render_dossier
from baytak_desktop.exhibits.print_spec import ExhibitSpec, Extent
from baytak_desktop.exhibits.render_process import render_exhibit
from baytak_desktop.exhibits.webmap import WebMapResult, export_webmap
from baytak_desktop.jobs import Cancelled, Phase, Progress
from baytak_desktop.store import Store


def _unless_cancelled(progress: Progress, out: Path) -> Path:
    """The last progress step: a Cancel that came while the child painted removes what it wrote."""
    try:
        progress.update(1.0, Phase("File written"))
    except Cancelled:
        out.unlink(missing_ok=True)
        raise
    return out


def print_job(spec: ExhibitSpec, *, progress: Progress) -> Path:
    """The worker's job for Project > Export map: the child process paints ``spec``. How long it takes is
    not known until it ends, so the dialog shows a moving bar with what is happening."""
    progress.update(0.0, Phase("Drawing the map, its legend and scale bar…"))
    return _unless_cancelled(progress, render_exhibit(spec))


def dossier_job(spec: DossierSpec, *, progress: Progress) -> Path:
    progress.update(0.0, Phase("Checking the photos and writing the dossier…"))
    return _unless_cancelled(progress, render_dossier(spec))


def webmap_job(
    store_path: Path, out: Path, layers: list[str] | None, lang: str, extent: Extent | None, *, progress: Progress
) -> WebMapResult:
    with Store.open(store_path, readonly=True) as store:
        return export_webmap(store, out, layers, lang, progress, extent=extent)


def file_stem(text: str) -> str:
    """A file name made from a site's name: letters (Kazakh too) and digits kept, the rest a dash."""
    return re.sub(r"[^\w]+", "-", text, flags=re.UNICODE).strip("-_")[:60] or "site"
