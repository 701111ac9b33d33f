"""``baytak server``: run the central server, and manage its accounts, tokens and audit log.

``baytak server [--data DIR] [--database-url URL] [--host H] [--port P]`` serves; ``baytak server user
add|list|disable|enable``, ``token revoke`` and ``audit`` work on the same database directly (no
running server needed). ``python -m baytak_desktop.server`` takes the same arguments.
"""

from __future__ import annotations

import argparse
import gc
import getpass
import json
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from baytak_desktop.arguments import Parser, add_language_option
from baytak_desktop.console import fail
from baytak_desktop.errors import BaytakError
from baytak_desktop.i18n import (
    Sentence,
    error_text,
    naming_layers,
    problem_text,
    requested_language,
    speaking,
    tr,
)
from baytak_desktop.library_failures import library_reason

if TYPE_CHECKING:  # imported when a command runs: the desktop program carries this module, not the server
    from baytak_desktop.layers import Catalog
    from baytak_desktop.server.db import Database

DEFAULT_HOST, DEFAULT_PORT = "127.0.0.1", 8765
EXIT_OK, EXIT_USER_ERROR = 0, 1
ROLES = ("viewer", "reporter", "editor", "coordinator", "admin")


def _database_options(parser: argparse.ArgumentParser, suppress: bool) -> None:
    """--data/--database-url on ``server`` and again on every subcommand (SUPPRESS keeps a subcommand
    from overwriting a value given before it)."""
    default = argparse.SUPPRESS if suppress else None
    parser.add_argument(
        "--data",
        type=Path,
        default=default,
        metavar="DIR",
        help=tr("data directory (default: the user data dir + /baytak-server); holds server.sqlite"),
    )
    parser.add_argument(
        "--database-url",
        default=default,
        metavar="URL",
        help=tr("postgresql://user:pass@host/db for PostgreSQL + PostGIS (default: SQLite in --data)"),
    )
    parser.add_argument(
        "--json",
        action="store_true",
        default=argparse.SUPPRESS if suppress else False,
        help=tr("print machine-readable JSON"),
    )


def add_server_command(sub: Any) -> argparse.ArgumentParser:
    """Register ``server`` on the ``baytak`` command's subparsers."""
    parser: argparse.ArgumentParser = sub.add_parser(
        "server",
        help=tr("run the central sync server, manage its accounts"),
        description=tr("Run the central sync server (no subcommand), or manage it."),
    )
    configure_parser(parser)
    return parser


def configure_parser(parser: argparse.ArgumentParser) -> None:
    _database_options(parser, suppress=False)
    parser.add_argument(
        "--host", default=DEFAULT_HOST, help=tr("address to listen on (default {host})", host=DEFAULT_HOST)
    )
    parser.add_argument("--port", type=int, default=DEFAULT_PORT, help=tr("port (default {port})", port=DEFAULT_PORT))
    parser.set_defaults(function=cmd_serve)
    sub = parser.add_subparsers(dest="server_command", metavar="SUBCOMMAND")

    def command(
        name: str, function: Callable[[argparse.Namespace], int], text: str, where: Any = sub
    ) -> argparse.ArgumentParser:
        p: argparse.ArgumentParser = where.add_parser(name, help=text, description=text)
        _database_options(p, suppress=True)
        p.set_defaults(function=function)
        return p

    user = sub.add_parser("user", help=tr("add, list, disable or enable accounts")).add_subparsers(
        dest="user_command", metavar="ACTION", required=True
    )
    p = command("add", cmd_user_add, tr("add an account"), user)
    p.add_argument("name", metavar="NAME")
    p.add_argument("--role", required=True, choices=ROLES)
    p.add_argument("--branch", metavar="CODE", help=tr("the branch code (required for reporter, editor, coordinator)"))
    p.add_argument("--password-stdin", action="store_true", help=tr("read the password from the first line of stdin"))
    command("list", cmd_user_list, tr("list the accounts"), user)
    p = command("disable", cmd_user_disable, tr("disable an account: its tokens stop working at once"), user)
    p.add_argument("name", metavar="NAME")
    p = command("enable", cmd_user_enable, tr("enable a disabled account again"), user)
    p.add_argument("name", metavar="NAME")
    token = sub.add_parser("token", help=tr("revoke tokens")).add_subparsers(
        dest="token_command", metavar="ACTION", required=True
    )
    p = command("revoke", cmd_token_revoke, tr("revoke the tokens of one user, or all tokens"), token)
    who = p.add_mutually_exclusive_group(required=True)
    who.add_argument("--user", metavar="NAME")
    who.add_argument("--all", action="store_true")
    p = command(
        "audit",
        cmd_audit,
        tr("what changed data, newest first: pushes, resolutions, reviews, account commands, publications"),
    )
    p.add_argument("--limit", type=int, default=100)
    layers = sub.add_parser("layers", help=tr("publish layer definitions; list the server's layers")).add_subparsers(
        dest="layers_command", metavar="ACTION", required=True
    )
    p = command(
        "publish",
        cmd_layers_publish,
        tr("publish a layer definition (a new layer, or additions to one); every device gets it at its next sync"),
        layers,
    )
    p.add_argument("file", type=Path, metavar="FILE.json", help=tr("the layer definition (docs/layer-definitions.md)"))
    p.add_argument("--by", metavar="NAME", help=tr("the administrator publishing it (default: who runs the command)"))
    p.add_argument("--check", action="store_true", help=tr("only check the file against the server's layers"))
    command("list", cmd_layers_list, tr("the server's layers and the schema revisions published"), layers)
    p = command("show", cmd_layers_show, tr("print a layer's definition as the server has it (JSON)"), layers)
    p.add_argument("layer", metavar="LAYER")


def _url(args: argparse.Namespace) -> str:
    from baytak_desktop.server.settings import database_url

    return database_url(getattr(args, "data", None), getattr(args, "database_url", None))


def _database(args: argparse.Namespace) -> Database:
    from baytak_desktop.server.db import open_database
    from baytak_desktop.server.db.migrations import migrate
    from baytak_desktop.server.settings import ServerSettings

    db = open_database(_url(args))
    migrate(db, ServerSettings().now_text())
    return db


def _emit(args: argparse.Namespace, payload: Any, text: str) -> None:
    print(json.dumps(payload, ensure_ascii=False, indent=2) if getattr(args, "json", False) else text)


def cmd_serve(args: argparse.Namespace) -> int:
    import uvicorn

    from baytak_desktop.server.app import create_app

    url = _url(args)
    app = create_app(url)
    _collect_less_often()
    print(
        tr(
            "baytak server on http://{host}:{port} ({database}); API docs at /docs",
            host=args.host,
            port=args.port,
            database=url.split("@")[-1],
        ),
        file=sys.stderr,
        flush=True,
    )
    uvicorn.run(app, host=args.host, port=args.port, log_level="warning", timeout_graceful_shutdown=5)
    return EXIT_OK


def _collect_less_often() -> None:
    """Python's cyclic collector, by default run every 700 new objects, walks every young object each
    time, and the long-lived ones more and more often while a request builds many: a 10,000-change
    push (some 500,000 objects, nearly none in a cycle) spent a third of its CPU time in it (measured:
    bench/README.md). A young generation of 50,000 makes that a few per cent; the server's memory
    stays bounded by the request size limit."""
    gc.set_threshold(50_000, 20, 20)


def _read_password(args: argparse.Namespace) -> str:
    if args.password_stdin:
        return sys.stdin.readline().rstrip("\r\n")
    first = getpass.getpass(tr("Password for {user}: ", user=args.name))
    if getpass.getpass(tr("Again: ")) != first:
        raise BaytakError("The two passwords differ; nothing was changed.")
    return first


def _account_json(account: Any) -> dict[str, Any]:
    return {
        "username": account.username,
        "role": account.role.value,
        "branch": account.branch,
        "disabled": account.disabled,
    }


def cmd_user_add(args: argparse.Namespace) -> int:
    from baytak_desktop.server import accounts
    from baytak_desktop.server.settings import ServerSettings
    from baytak_desktop.sync.commands import account_words
    from baytak_desktop.sync.protocol import Role

    password = _read_password(args)
    db = _database(args)
    with db.transaction(write=True) as tx:
        account = accounts.add_user(tx, ServerSettings(), args.name, password, Role(args.role), args.branch)
        _audit(tx, "user_add", name=account.username, role=account.role.value, branch=account.branch)
    db.close()
    _emit(
        args,
        _account_json(account),
        tr("Added {user} ({where}).", user=account.username, where=account_words(account.role.value, account.branch)),
    )
    return EXIT_OK


def cmd_user_list(args: argparse.Namespace) -> int:
    from baytak_desktop.server import accounts

    db = _database(args)
    with db.transaction() as tx:
        found = accounts.list_users(tx)
    db.close()
    lines = [
        f"{a.username:<24} {a.role.value:<12} {a.branch or '-':<18} {tr('disabled') if a.disabled else ''}".rstrip()
        for a in found
    ]
    none = tr("No accounts yet: baytak server user add.")
    _emit(args, [_account_json(a) for a in found], "\n".join(lines) or none)
    return EXIT_OK


def _set_disabled(args: argparse.Namespace, disabled: bool) -> int:
    from baytak_desktop.server import accounts
    from baytak_desktop.server.settings import ServerSettings

    db = _database(args)
    with db.transaction(write=True) as tx:
        account = accounts.set_disabled(tx, ServerSettings(), args.name, disabled)
        _audit(tx, "user_disable" if disabled else "user_enable", name=account.username)
    db.close()
    text = (
        tr("{user} is disabled.", user=account.username)
        if disabled
        else tr("{user} is enabled.", user=account.username)
    )
    _emit(args, _account_json(account), text)
    return EXIT_OK


def cmd_user_disable(args: argparse.Namespace) -> int:
    return _set_disabled(args, True)


def cmd_user_enable(args: argparse.Namespace) -> int:
    return _set_disabled(args, False)


def cmd_token_revoke(args: argparse.Namespace) -> int:
    from baytak_desktop.server import accounts
    from baytak_desktop.server.settings import ServerSettings

    db = _database(args)
    with db.transaction(write=True) as tx:
        count = accounts.revoke_tokens(tx, ServerSettings(), None if args.all else args.user)
        _audit(tx, "token_revoke", who="everyone" if args.all else args.user, revoked=count)
    db.close()
    _emit(args, {"revoked": count}, tr("Revoked {count} token(s).", count=count))
    return EXIT_OK


def _audit(tx: Any, action: str, **details: Any) -> None:
    """A console command in the audit log, in the transaction that made the change."""
    from baytak_desktop.server import audit
    from baytak_desktop.server.settings import ServerSettings

    audit.record(tx, audit.Event(audit.AuditAction(action), None, ServerSettings().now_text(), details=details))


def cmd_audit(args: argparse.Namespace) -> int:
    from baytak_desktop.server import audit

    db = _database(args)
    entries = audit.recent(db, args.limit)
    db.close()
    lines = [audit.line(e) for e in entries]
    _emit(args, [e.model_dump(mode="json") for e in entries], "\n".join(lines) or tr("Nothing audited yet."))
    return EXIT_OK


def cmd_layers_publish(args: argparse.Namespace) -> int:
    from baytak_desktop.layers.definition import parse_text
    from baytak_desktop.layers.evolution import evolution
    from baytak_desktop.server.catalog import catalog_of
    from baytak_desktop.server.publish import publish
    from baytak_desktop.server.settings import ServerSettings

    definition = parse_text(_read_text(args.file), str(args.file))
    db = _database(args)
    try:
        if args.check:
            with db.transaction() as tx:
                change = evolution(catalog_of(tx), definition)
            _emit(
                args, {"layer": definition.name, "summary": change.summary()}, f"{definition.name}: {change.summary()}"
            )
            return EXIT_OK
        done = publish(db, definition, args.by or getpass.getuser(), ServerSettings().now_text())
    finally:
        db.close()
    text = (
        tr(
            "Published {layer} as schema revision {revision} (server revision {rev}): {summary}.",
            layer=done.layer,
            revision=done.revision,
            rev=done.rev,
            summary=done.summary,
        )
        if done.revision is not None
        else f"{done.layer}: {done.summary}."
    )
    _emit(args, done.as_json(), text)
    return EXIT_OK


def _read_text(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise BaytakError("{path} was not found.", path=str(path)) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise BaytakError("{path} cannot be read: {reason}", path=str(path), reason=library_reason(exc)) from None


def cmd_layers_list(args: argparse.Namespace) -> int:
    from baytak_desktop.server.publish import current_layers

    db = _database(args)
    catalog, revisions = current_layers(db)
    db.close()
    last = {r.layer: r for r in revisions}
    layers: list[dict[str, Any]] = [
        {
            "layer": s.name,
            "geometry_type": s.geometry_type,
            "title": s.title,
            "fields": len(s.fields),
            "builtin": s.builtin,
            "revision": last[s.name].revision if s.name in last else None,
        }
        for s in catalog.values()
    ]
    width = max(len(s.name) for s in catalog.values())
    lines = [
        f"{item['layer']:<{width}}  {item['geometry_type']:<15} "
        + tr("{count} fields", count=f"{item['fields']:>3}")
        + "  "
        + (tr("built-in") if item["revision"] is None else tr("revision {revision}", revision=item["revision"]))
        for item in layers
    ]
    lines += [
        tr("revision {revision}: {layer}, by {author}, {when}", revision=r.revision, layer=r.layer,
           author=r.published_by, when=f"{r.published_at:%Y-%m-%d %H:%M}")
        for r in revisions
    ]  # fmt: skip
    payload = {"layers": layers, "revisions": [r.model_dump(mode="json", exclude={"definition"}) for r in revisions]}
    _emit(args, payload, "\n".join(lines))
    return EXIT_OK


def cmd_layers_show(args: argparse.Namespace) -> int:
    from baytak_desktop.server.publish import current_layers

    db = _database(args)
    catalog, _ = current_layers(db)
    db.close()
    print(json.dumps(catalog.definition(args.layer).as_json(), ensure_ascii=False, indent=2))
    return EXIT_OK


def run(args: argparse.Namespace) -> int:
    """Run a parsed ``server`` command; a user error is one line on stderr and exit code 1."""
    try:
        code: int = args.function(args)
        return code
    except BaytakError as exc:
        problems = getattr(exc, "problems", None)
        if problems and not getattr(args, "json", False):  # a definition or a publication: every reason
            headline = tr(exc.template, **{**exc.params, "summary": ""}).rstrip()  # then every problem below
            return fail(args, "\n".join([headline, *(f"  {problem_text(p)}" for p in problems)]))
        if problems:
            print(json.dumps({"error": exc.message, "problems": [str(p) for p in problems]}, ensure_ascii=False))
            return EXIT_USER_ERROR
        return fail(args, exc.message, error_text(exc))
    except Exception as exc:  # a database that cannot be reached or read: one line, not a traceback
        if type(exc).__module__.split(".")[0] not in ("sqlite3", "psycopg"):
            raise
        return fail(args, Sentence("the server database cannot be used: {reason}", reason=library_reason(exc)))


def main(argv: Sequence[str] | None = None) -> int:
    """``python -m baytak_desktop.server``: the same arguments as ``baytak server``."""
    argv = sys.argv[1:] if argv is None else list(argv)
    with speaking(requested_language(argv)):
        args = server_parser().parse_args(argv)
    with speaking(args.language or requested_language(argv)), naming_layers(_builtin_layers):  # --la kk too
        return run(args)


def _builtin_layers() -> Catalog:
    from baytak_desktop.layers import LAYERS

    return LAYERS


def server_parser() -> argparse.ArgumentParser:
    """``python -m baytak_desktop.server``'s parser, in the language spoken like ``baytak``'s (its help,
    argparse's own words, its usage errors); the HTTP API's answers stay English."""
    parser = Parser(
        prog="python -m baytak_desktop.server",
        description=tr("Run the central sync server (no subcommand), or manage it."),
    )
    add_language_option(parser)
    configure_parser(parser)
    return parser
