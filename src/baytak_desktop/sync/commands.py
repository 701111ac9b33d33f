"""The sync subcommands of ``baytak``: login, sync, conflicts, resolve.

Exit codes beyond the CLI's 0 (ok) and 1 (user error): 3 no connection (the edits are safe and go
next time), 4 sign-in needed (not signed in, token expired or revoked), 5 the server failed.
"""

from __future__ import annotations

import argparse
import getpass
import json
import sys
from collections.abc import Callable
from functools import wraps
from typing import Any

from baytak_desktop.jobs import Progress
from baytak_desktop.sync import errors, records, wire

EXIT_OK, EXIT_USER_ERROR, EXIT_NO_CONNECTION, EXIT_SIGN_IN, EXIT_SERVER = 0, 1, 3, 4, 5
EXIT_CODES: dict[type[errors.SyncError], int] = {
    errors.NoConnection: EXIT_NO_CONNECTION,
    errors.NotSignedIn: EXIT_SIGN_IN,
    errors.SignInRequired: EXIT_SIGN_IN,
    errors.AccountDisabled: EXIT_SIGN_IN,
    errors.ServerFailed: EXIT_SERVER,
    errors.UploadStuck: EXIT_SERVER,
}
Handler = Callable[[argparse.Namespace], int]
CommandFactory = Callable[[str, Handler, str], argparse.ArgumentParser]


def add_sync_commands(command: CommandFactory) -> None:
    """Register the subcommands through the CLI's ``command(name, function, help)`` factory.

    The factory sets ``args.progress`` (a ``label -> Progress`` callable), so nothing here is global.
    """
    p = command("login", cmd_login, "sign this store in to a Baytak server (the token is kept outside the store)")
    p.add_argument("--server", required=True, metavar="URL", help="the server, e.g. https://sync.baytak.kz")
    p.add_argument("--user", required=True, metavar="NAME", help="your user name on the server")
    p.add_argument("--password-stdin", action="store_true", help="read the password from standard input")
    command("sync", cmd_sync, "send the local edits to the server, then get everything new from it")
    p = command("conflicts", cmd_conflicts, "list the sync conflicts not resolved yet")
    p.add_argument("--all", action="store_true", help="resolved ones too")
    p = command("resolve", cmd_resolve, "resolve a sync conflict on the server, then get the result")
    p.add_argument("id", type=int, metavar="ID", help="the conflict id, as baytak conflicts lists it")
    p.add_argument(
        "--keep",
        required=True,
        choices=("mine", "theirs"),
        help="mine: the value of the person who made the conflicting edit; theirs: the server's",
    )


def _mapped(function: Handler) -> Handler:
    """Sync errors become their exit codes with the message on stderr (or as JSON with --json)."""

    @wraps(function)
    def run(args: argparse.Namespace) -> int:
        try:
            return function(args)
        except errors.SyncError as exc:
            code = next((c for kind, c in EXIT_CODES.items() if isinstance(exc, kind)), EXIT_USER_ERROR)
            if getattr(args, "json", False):
                print(json.dumps({"error": exc.message, "exit_code": code}, ensure_ascii=False))
            else:
                print(f"error: {exc.message}", file=sys.stderr)
            return code

    return run


def _emit(args: argparse.Namespace, payload: Any, text: str) -> None:
    print(json.dumps(payload, ensure_ascii=False, indent=2) if args.json else text)


def _progress(args: argparse.Namespace, label: str) -> Progress:
    from baytak_desktop.jobs import NullProgress

    factory = getattr(args, "progress", None)
    return factory(label) if factory else NullProgress()


@_mapped
def cmd_login(args: argparse.Namespace) -> int:
    from baytak_desktop.sync.session import login, server_address

    server_address(args.server)  # a slip in the address is said before the password is asked
    password = (
        sys.stdin.readline().rstrip("\r\n")
        if args.password_stdin
        else getpass.getpass(f"Password for {args.user} on {args.server}: ")
    )
    if not password:
        raise errors.SyncError("No password given.")
    found = login(args.store, args.server, args.user, password)
    where = f"{found.role}" + (f", branch {found.branch}" if found.branch else "")
    _emit(
        args,
        {
            "server": found.server_url,
            "user": found.username,
            "role": found.role,
            "branch": found.branch,
            "expires_at": found.expires_at,
        },
        f"Signed in to {found.server_url} as {found.username} ({where}); the sign-in lasts until {found.expires_at}.",
    )
    return EXIT_OK


@_mapped
def cmd_sync(args: argparse.Namespace) -> int:
    from baytak_desktop.sync.engine import sync

    result = sync(args.store, progress=_progress(args, "sync"))
    text = (
        f"Pushed {result.pushed} (applied {result.applied}, merged {result.merged}, unchanged "
        f"{result.unchanged}, conflicts {result.conflicts}, rejected {result.rejected}); pulled {result.pulled}. "
        f"Server revision {result.server_rev}."
    )
    if result.held:
        text += f"\n{result.held} edit(s) not sent: the server would refuse their values; see why: baytak conflicts {args.store}"
    if result.open_conflicts:
        text += f"\n{result.open_conflicts} open conflict(s): baytak conflicts {args.store}"
    if result.pending:
        text += f"\n{result.pending} edit(s) still waiting (made during this sync, or refused: see --json)."
    if result.demo_withheld:
        text += (
            f"\n{result.demo_withheld} demo feature(s) were not sent: demo data is illustrative and never goes "
            "to the server. Delete them from this store."
        )
    _emit(args, result.as_json(), text)
    return EXIT_OK


@_mapped
def cmd_conflicts(args: argparse.Namespace) -> int:
    from baytak_desktop.store import Store

    with Store.open(args.store, readonly=True) as store:
        found = records.conflicts(store.conn, open_only=not args.all)
        refused = records.rejections(store.conn)
    lines = [
        f"{c.id:>5}  {c.layer} {c.uuid} {c.field}: theirs {wire.as_text(c.theirs)} | mine "
        f"{wire.as_text(c.mine)} ({c.author})" + (f"  [resolved: {c.resolution}]" if c.resolved else "")
        for c in found
    ]
    lines += [f"refused  {r['layer']} {r['uuid']}: {r['message']} ({r['code']})" for r in refused]
    _emit(
        args,
        {"conflicts": [c.as_json() for c in found], "rejections": refused},
        "\n".join(lines) or "No open conflicts.",
    )
    return EXIT_OK


@_mapped
def cmd_resolve(args: argparse.Namespace) -> int:
    from baytak_desktop.sync.resolve import resolve

    record = resolve(args.store, args.id, args.keep, progress=_progress(args, "resolve"))
    _emit(
        args,
        record.model_dump(mode="json"),
        f"Conflict {record.id} resolved: kept {args.keep} ({wire.as_text(record.mine if args.keep == 'mine' else record.theirs)}).",
    )
    return EXIT_OK
