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

from baytak_desktop.i18n import error_text, language, problem_text, tr
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
    p = command("login", cmd_login, tr("sign this store in to a Baytak server (the token is kept outside the store)"))
    p.add_argument("--server", required=True, metavar="URL", help=tr("the server, e.g. https://sync.baytak.kz"))
    p.add_argument("--user", required=True, metavar="NAME", help=tr("your user name on the server"))
    p.add_argument("--password-stdin", action="store_true", help=tr("read the password from standard input"))
    command("sync", cmd_sync, tr("send the local edits to the server, then get everything new from it"))
    p = command("conflicts", cmd_conflicts, tr("list the sync conflicts not resolved yet"))
    p.add_argument("--all", action="store_true", help=tr("resolved ones too"))
    p = command("resolve", cmd_resolve, tr("resolve a sync conflict on the server, then get the result"))
    p.add_argument("id", type=int, metavar="ID", help=tr("the conflict id, as baytak conflicts lists it"))
    p.add_argument(
        "--keep",
        required=True,
        choices=("mine", "theirs"),
        help=tr("mine: the value of the person who made the conflicting edit; theirs: the server's"),
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
                print(tr("error: {message}", message=error_text(exc)), file=sys.stderr)
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
        else getpass.getpass(tr("Password for {user} on {server}: ", user=args.user, server=args.server))
    )
    if not password:
        raise errors.SyncError("No password given.")
    found = login(args.store, args.server, args.user, password)
    where = account_words(found.role, found.branch)
    _emit(
        args,
        {
            "server": found.server_url,
            "user": found.username,
            "role": found.role,
            "branch": found.branch,
            "expires_at": found.expires_at,
        },
        tr(
            "Signed in to {server} as {user} ({where}); the sign-in lasts until {expires}.",
            server=found.server_url,
            user=found.username,
            where=where,
            expires=_moment(found.expires_at),
        ),
    )
    return EXIT_OK


def _moment(iso: str | None) -> str:
    """A server's ISO time as a person reads it: "2027-01-07 00:22 UTC", not to the microsecond."""
    import datetime as dt

    try:
        moment = dt.datetime.fromisoformat(iso or "")
    except ValueError:
        return iso or ""
    if moment.tzinfo is not None:
        moment = moment.astimezone(dt.UTC)
    return moment.strftime("%Y-%m-%d %H:%M") + " UTC"


def account_words(role: str | None, branch: str | None) -> str:
    """The role and branch of the account signed in, in the language spoken: each by its word, with
    the code beside it, which ``baytak server user add --role/--branch`` takes ("редактор (editor),
    филиал Алматы облысы (almaty_region)"); a word that is its code is said once ("editor")."""
    from baytak_desktop.layers.vocabularies import BRANCHES

    words = {
        "viewer": tr("viewer"),
        "reporter": tr("reporter"),
        "editor": tr("editor"),
        "coordinator": tr("coordinator"),
        "admin": tr("administrator"),
    }
    word = words.get(role or "", role or "")
    role_said = word if word == role else tr("{word} ({code})", word=word, code=role or "")
    if not branch:
        return tr("{role}, all branches", role=role_said)
    label = BRANCHES.label(branch, language())
    branch_said = label if label == branch else tr("{word} ({code})", word=label, code=branch)
    return tr("{role}, branch {branch}", role=role_said, branch=branch_said)


@_mapped
def cmd_sync(args: argparse.Namespace) -> int:
    from baytak_desktop.sync.engine import sync

    result = sync(args.store, progress=_progress(args, tr("sync")))
    _emit(args, result.as_json(), "\n".join(sync_report(result, args.store)))
    return EXIT_OK


def sync_report(result: Any, store: Any) -> list[str]:
    """What ``baytak sync`` prints: the counts, then what is left to do. (The Kazakh and Russian
    wordings put each count after a colon, so one wording fits every number.)"""
    lines = [
        tr(
            "Pushed {pushed} (applied {applied}, merged {merged}, unchanged {unchanged}, conflicts {conflicts},"
            " rejected {rejected}); pulled {pulled}. Server revision {rev}.",
            pushed=result.pushed, applied=result.applied, merged=result.merged, unchanged=result.unchanged,
            conflicts=result.conflicts, rejected=result.rejected, pulled=result.pulled, rev=result.server_rev,
        )
    ]  # fmt: skip
    if result.rejected:
        lines.append(tr(
            "{count} edit(s) refused by the server; see why: baytak conflicts {store}",
            count=result.rejected, store=store,
        ))  # fmt: skip
    if result.held:
        lines.append(tr(
            "{count} edit(s) not sent: the server would refuse their values; see why: baytak conflicts {store}",
            count=result.held, store=store,
        ))  # fmt: skip
    if result.open_conflicts:
        lines.append(tr("{count} open conflict(s): baytak conflicts {store}", count=result.open_conflicts, store=store))
    if result.pending:
        lines.append(tr(
            "{count} edit(s) still waiting (made during this sync, or refused: see baytak conflicts {store}).",
            count=result.pending, store=store,
        ))  # fmt: skip
    if result.demo_withheld:
        lines.append(tr(
            "{count} demo feature(s) were not sent: demo data is illustrative and never goes to the server."
            " Delete them from this store.",
            count=result.demo_withheld,
        ))  # fmt: skip
    return lines


@_mapped
def cmd_conflicts(args: argparse.Namespace) -> int:
    from baytak_desktop.store import Store

    with Store.open(args.store, readonly=True) as store:
        found = records.conflicts(store.conn, open_only=not args.all)
        refused = records.rejections(store.conn)
    lines = [
        f"{c.id:>5}  {c.layer} {c.uuid} {c.field}: "
        + tr("theirs {theirs} | mine {mine} ({author})", theirs=wire.as_text(c.theirs), mine=wire.as_text(c.mine),
             author=c.author)
        + ("  " + tr("[resolved: {resolution}]", resolution=c.resolution) if c.resolved else "")
        for c in found
    ]  # fmt: skip
    lines += [
        tr("refused  {layer} {uuid}: {message} ({code})", layer=r["layer"], uuid=r["uuid"], code=r["code"],
           message=records.rejection_text(r, lambda template, params: tr(template, **params), problem_text))
        for r in refused
    ]  # fmt: skip
    _emit(
        args,
        {"conflicts": [c.as_json() for c in found], "rejections": refused},
        "\n".join(lines) or tr("No open conflicts."),
    )
    return EXIT_OK


@_mapped
def cmd_resolve(args: argparse.Namespace) -> int:
    from baytak_desktop.sync.resolve import resolve

    record = resolve(args.store, args.id, args.keep, progress=_progress(args, tr("resolve")))
    kept = wire.as_text(record.mine if args.keep == "mine" else record.theirs)
    text = (
        tr("Conflict {id} resolved: kept mine ({value}).", id=record.id, value=kept)
        if args.keep == "mine"
        else tr("Conflict {id} resolved: kept theirs ({value}).", id=record.id, value=kept)
    )
    _emit(args, record.model_dump(mode="json"), text)
    return EXIT_OK
