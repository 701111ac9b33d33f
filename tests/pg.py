"""A throwaway PostgreSQL + PostGIS cluster for tests: started in /tmp, stopped and removed at the end.

``initdb`` and ``postgres`` refuse to run as root, and the tests run as root here and in CI, so as
root the cluster runs as an unprivileged account (``postgres``, else ``nobody``) through ``runuser``,
in a directory that account owns. It listens on a free port on 127.0.0.1 only, with trust
authentication (nothing but this machine can reach it) and fsync off (a test cluster need not survive
a power cut). Every database made with ``new_database`` is a copy of a template that already has the
PostGIS extension, which takes a fraction of a second.

Set ``BAYTAK_REQUIRE_POSTGIS=1`` (``.ci/run`` does) to make a missing PostgreSQL an error, not a skip.
"""

from __future__ import annotations

import glob
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import uuid
from pathlib import Path

TEMPLATE = "baytak_template"
REQUIRE_ENV = "BAYTAK_REQUIRE_POSTGIS"


class PostgresUnavailable(RuntimeError):
    """Why the cluster cannot be started here (no binaries, no PostGIS)."""


def find_bindir() -> Path | None:
    """The newest /usr/lib/postgresql/N/bin with initdb and pg_ctl, or the one on PATH."""
    candidates = sorted(
        glob.glob("/usr/lib/postgresql/*/bin"),
        key=lambda p: int(Path(p).parent.name) if Path(p).parent.name.isdigit() else 0,
        reverse=True,
    )
    on_path = shutil.which("initdb")
    if on_path:
        candidates.append(str(Path(on_path).parent))
    for candidate in candidates:
        if (Path(candidate) / "initdb").exists() and (Path(candidate) / "pg_ctl").exists():
            return Path(candidate)
    return None


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _unprivileged_user() -> pwd.struct_passwd:
    for name in ("postgres", "nobody"):
        try:
            return pwd.getpwnam(name)
        except KeyError:
            continue
    raise PostgresUnavailable("running as root and there is no 'postgres' or 'nobody' account to run PostgreSQL as")


class PostgresCluster:
    def __init__(self) -> None:
        bindir = find_bindir()
        if bindir is None:
            raise PostgresUnavailable(
                "PostgreSQL is not installed (no initdb/pg_ctl under /usr/lib/postgresql/*/bin "
                "or on PATH); install postgresql and postgresql-15-postgis-3 (.ci/run does)"
            )
        self.bindir = bindir
        self.port = _free_port()
        self.root = Path(tempfile.mkdtemp(prefix="baytak-pg-"))
        self.data = self.root / "data"
        self.prefix: list[str] = []
        if os.geteuid() == 0:
            user = _unprivileged_user()
            os.chown(self.root, user.pw_uid, user.pw_gid)
            self.prefix = ["runuser", "-u", user.pw_name, "--"]
        self.started = False

    @property
    def url(self) -> str:
        return f"postgresql://postgres@127.0.0.1:{self.port}"

    def _run(self, *command: str) -> None:
        result = subprocess.run([*self.prefix, *command], capture_output=True, text=True, cwd=self.root, timeout=120)
        if result.returncode != 0:
            raise PostgresUnavailable(
                f"{Path(command[0]).name} failed: {result.stderr.strip() or result.stdout.strip()}"
            )

    def start(self, durable: bool = False) -> PostgresCluster:
        """``durable``: fsync and synchronous commits on, as a production server runs (benchmarks);
        tests run without them (a test cluster need not survive a power cut)."""
        self._run(
            str(self.bindir / "initdb"),
            "-D",
            str(self.data),
            "-U",
            "postgres",
            "--auth=trust",
            "--encoding=UTF8",
            "--locale=C.UTF-8",
            "--no-sync",
        )
        options = f"-p {self.port} -k {self.root} -c listen_addresses=127.0.0.1 -c max_connections=200"
        if not durable:
            options += " -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
        self._run(
            str(self.bindir / "pg_ctl"),
            "-D",
            str(self.data),
            "-o",
            options,
            "-l",
            str(self.root / "log"),
            "-w",
            "-t",
            "60",
            "start",
        )
        self.started = True
        self._make_template()
        return self

    def _make_template(self) -> None:
        import psycopg

        with psycopg.connect(self.url + "/postgres", autocommit=True) as conn:
            conn.execute(f"CREATE DATABASE {TEMPLATE}")
        try:
            with psycopg.connect(f"{self.url}/{TEMPLATE}", autocommit=True) as conn:
                conn.execute("CREATE EXTENSION postgis")
        except psycopg.Error as exc:
            raise PostgresUnavailable(
                f"PostGIS is not installed for this PostgreSQL ({exc}); install postgresql-15-postgis-3 (.ci/run does)"
            ) from exc

    def new_database(self, name: str | None = None) -> str:
        """A new empty database with PostGIS; returns its URL."""
        import psycopg

        name = name or "t_" + uuid.uuid4().hex[:12]
        with psycopg.connect(self.url + "/postgres", autocommit=True) as conn:
            conn.execute(f"CREATE DATABASE {name} TEMPLATE {TEMPLATE}")
        return f"{self.url}/{name}"

    def stop(self) -> None:
        try:
            if self.started:
                self._run(str(self.bindir / "pg_ctl"), "-D", str(self.data), "-m", "immediate", "-w", "stop")
        finally:
            shutil.rmtree(self.root, ignore_errors=True)


def new_database(postgres_url: str) -> str:
    """A fresh PostGIS database on the cluster of ``postgres_url`` (from the session fixture)."""
    import psycopg

    base = postgres_url.rsplit("/", 1)[0]
    name = "t_" + uuid.uuid4().hex[:12]
    with psycopg.connect(base + "/postgres", autocommit=True) as conn:
        conn.execute(f"CREATE DATABASE {name} TEMPLATE {TEMPLATE}")
    return f"{base}/{name}"
