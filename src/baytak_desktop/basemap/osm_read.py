"""Reading an OpenStreetMap extract through GDAL's OSM driver, streamed in Arrow batches.

A country extract is hundreds of MB of PBF and tens of millions of features; it is never loaded whole.
``pyogrio.open_arrow`` hands over record batches of a few thousand rows while GDAL walks the file once
per layer, keeping its node index in a temporary file of bounded size (``MAX_TMPFILE_SIZE``). The
driver is told which tags to keep by our ``osmconf.ini`` (names in Kazakh and Russian, no
``other_tags``) and which rows to build by an attribute filter, so rows no table wants cost nothing
downstream. The driver cannot say how far it has got, so on Linux the progress is the position of its
file descriptor (``/proc/self/fdinfo``); elsewhere it creeps towards the end of each pass.
"""

from __future__ import annotations

import os
import warnings
from collections.abc import Iterator
from importlib import resources
from pathlib import Path

import pyarrow as pa
import pyogrio

from baytak_desktop.errors import SourceError
from baytak_desktop.gdal_failures import FileUnrecognised, gdal_failure

BATCH_ROWS = 10_000
# MB of RAM the driver may use for its node index before it spills to a temporary file on disk.
NODE_INDEX_MB = 64
BBox = tuple[float, float, float, float]


def osmconf_path() -> Path:
    """Our driver configuration, shipped as package data."""
    return Path(str(resources.files("baytak_desktop.basemap").joinpath("osmconf.ini")))


def check_extract(path: Path) -> None:
    """Refuse what is not a readable OSM extract with a message saying what to do instead."""
    if not path.is_file():
        raise SourceError("{path} does not exist or is not a file.", path=str(path))
    name = path.name.lower()
    if not (name.endswith(".osm.pbf") or name.endswith(".pbf") or name.endswith(".osm")):
        raise SourceError(
            "{path} is not an OpenStreetMap extract: choose a .osm.pbf file (for example a country or region "
            "extract downloaded for offline use).",
            path=str(path),
        )
    try:
        info = pyogrio.read_info(path, layer="points", CONFIG_FILE=str(osmconf_path()))
    except Exception as error:  # pyogrio raises DataSourceError, DataLayerError, ... for a bad file
        failure = gdal_failure(error, path.name, str(path))
        if failure is not None and not isinstance(failure, FileUnrecognised):
            raise failure from error
        if failure is None:
            raise SourceError(
                "{path} cannot be read as an OpenStreetMap extract ({reason}).", path=str(path), reason=str(error)
            ) from error
        info = {}  # not recognised: said below as not an extract
    if info.get("driver") != "OSM":
        raise SourceError(
            "{path} is not an OpenStreetMap extract: choose a .osm.pbf file (for example a country or region "
            "extract downloaded for offline use).",
            path=str(path),
        )


def read_batches(
    path: Path,
    layer: str,
    where: str,
    bbox: BBox | None = None,
    batch_rows: int = BATCH_ROWS,
    temp_folder: Path | None = None,
) -> Iterator[pa.RecordBatch]:
    """The rows of one driver layer (points, lines, multipolygons) that pass ``where``, in batches.

    The driver's temporary node index goes to ``temp_folder`` (the output's folder: known to be
    writable, unlike the current directory, where GDAL puts it by default).
    """
    if temp_folder is not None:
        pyogrio.set_gdal_config_options({"CPL_TMPDIR": str(temp_folder)})  # process-wide, as GDAL has it
    options = {
        "CONFIG_FILE": str(osmconf_path()),
        "USE_CUSTOM_INDEXING": "YES",
        "MAX_TMPFILE_SIZE": str(NODE_INDEX_MB),
    }
    with warnings.catch_warnings():
        # Broken rings and unclosed multipolygons are common in OSM; GDAL drops or repairs them and says
        # so once per feature, which would drown the user's terminal.
        warnings.simplefilter("ignore", RuntimeWarning)
        with pyogrio.open_arrow(
            path,
            layer=layer,
            where=where,
            bbox=bbox,
            batch_size=batch_rows,
            use_pyarrow=True,
            **options,
        ) as (_meta, reader):
            yield from reader


class FilePosition:
    """How far a reader has got through ``path``: the offset of the descriptor open on it, 0..1.

    Read from ``/proc/self/fdinfo`` (Linux); ``None`` where that is not available, and the caller
    shows progress that creeps instead.
    """

    def __init__(self, path: Path) -> None:
        self.path = path.resolve()
        self.size = max(self.path.stat().st_size, 1)
        self._fd: int | None = None

    def fraction(self) -> float | None:
        if not os.path.isdir("/proc/self/fdinfo"):
            return None
        if self._fd is None or not self._still_ours(self._fd):
            self._fd = self._find()
        if self._fd is None:
            return None
        try:
            with open(f"/proc/self/fdinfo/{self._fd}") as handle:
                for line in handle:
                    if line.startswith("pos:"):
                        return min(int(line.split()[1]) / self.size, 1.0)
        except OSError:
            self._fd = None
        return None

    def _still_ours(self, fd: int) -> bool:
        try:
            return Path(os.readlink(f"/proc/self/fd/{fd}")) == self.path
        except OSError:
            return False

    def _find(self) -> int | None:
        try:
            entries = os.listdir("/proc/self/fd")
        except OSError:
            return None
        for entry in entries:
            if entry.isdigit() and self._still_ours(int(entry)):
                return int(entry)
        return None
