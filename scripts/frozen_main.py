"""The entry point of the built program (build.spec): the desktop app, its helper processes and the CLI.

One executable serves three callers, because a one-folder build should not carry three copies of Qt:

* ``baytak-desktop [STORE] [...]``: the application (``baytak_desktop.ui.app``);
* ``baytak-desktop -m baytak_desktop.<module> ...``: what the app runs as ``sys.executable -m ...`` for its
  child processes (exhibits and dossiers are painted in one); a frozen program has no Python to run them;
* ``baytak ...`` (a link to the same file, made by scripts/build_app.sh): the ``baytak`` command;
* ``baytak-desktop --self-check [STORE.gpkg]``: GDAL/PROJ data, translations and QtWebEngine checked inside
  the built program (scripts/frozen_check.py).

GDAL and PROJ find their data through GDAL_DATA and PROJ_DATA, which a user's system may point at another
installation's files (PROJ refuses a proj.db from another version). The bundled libraries must use the
bundled data, so both are set here, before anything loads GDAL. pyogrio's copy is used for PROJ_DATA: its
PROJ is the newer of the two, and pyproj reads its own ``proj_dir`` before the environment anyway.
"""

from __future__ import annotations

import os
import runpy
import sys
from pathlib import Path

SERVER_MISSING = (
    "The sync server is not part of the desktop program. Install it with pip on the server "
    'machine (see docs/install.md, "Running the server").'
)


def bundle_dir() -> Path:
    return Path(getattr(sys, "_MEIPASS", Path(__file__).resolve().parent))


def set_data_paths() -> None:
    """Point GDAL and PROJ at the data that ships with the bundled pyogrio (see the module docstring)."""
    bundle = bundle_dir()
    gdal_data, proj_data = bundle / "pyogrio" / "gdal_data", bundle / "pyogrio" / "proj_data"
    if gdal_data.is_dir():
        os.environ["GDAL_DATA"] = str(gdal_data)
    if proj_data.is_dir():
        os.environ["PROJ_DATA"] = os.environ["PROJ_LIB"] = str(proj_data)


def run_module(name: str, args: list[str]) -> int:
    """``python -m name args`` for our own modules only: the app's child processes."""
    if not name.startswith("baytak_desktop."):
        print(f"error: {name} is not part of baytak-desktop", file=sys.stderr)
        return 2
    sys.argv = [sys.argv[0], *args]
    try:
        runpy.run_module(name, run_name="__main__", alter_sys=True)
    except SystemExit as done:
        return done.code if isinstance(done.code, int) else (0 if done.code is None else 1)
    return 0


def run_cli(args: list[str]) -> int:
    from baytak_desktop.cli import main as cli_main

    try:
        return cli_main(args)
    except ModuleNotFoundError as missing:
        if args[:1] == ["server"]:
            print(f"error: {SERVER_MISSING}", file=sys.stderr)
            return 1
        raise missing


def main() -> int:
    set_data_paths()
    args = sys.argv[1:]
    if len(args) >= 2 and args[0] == "-m":
        return run_module(args[1], args[2:])
    if args[:1] == ["--self-check"]:
        from frozen_check import main as self_check

        return self_check(args[1:])
    if Path(sys.argv[0]).stem == "baytak":
        return run_cli(args)
    from baytak_desktop.ui.app import main as app_main

    return app_main(args)


if __name__ == "__main__":
    sys.exit(main())
