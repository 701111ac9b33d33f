"""argparse in the language spoken: the parser of the ``baytak`` command.

Our help texts are translated where they are written (``help=tr(...)``); this adds argparse's own words:
"usage:", the section titles, --help's help, and the few messages a person meets when a command line is
wrong (a required option left out, a word it does not know, a choice not offered). argparse makes those
in English through gettext's global domain, which a library must not take over, so they are matched
here by their English wording; one this does not know (or a Python that words it otherwise) stays
English rather than being lost.
"""

from __future__ import annotations

import argparse
import re
import sys
from typing import Any, NoReturn

from baytak_desktop.i18n import LANGUAGES, language, tr

EXIT_USER_ERROR = 1


class Formatter(argparse.HelpFormatter):
    """argparse's help, with "usage:" in the language spoken."""

    def add_usage(self, usage: Any, actions: Any, groups: Any, prefix: str | None = None) -> None:
        super().add_usage(usage, actions, groups, tr("usage: ") if prefix is None else prefix)


class Parser(argparse.ArgumentParser):
    """argparse, but a usage error is a user error (exit 1): exit 2 means a store that fails validation."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("formatter_class", Formatter)
        super().__init__(*args, **{**kwargs, "add_help": False})
        self._positionals.title = tr("positional arguments")
        self._optionals.title = tr("options")
        if kwargs.get("add_help", True):
            self.add_argument("-h", "--help", action="help", help=tr("show this help message and exit"))

    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        said = tr("{program}: error: {message}", program=self.prog, message=argparse_message(message))
        self.exit(EXIT_USER_ERROR, said + "\n")


def argparse_message(message: str) -> str:
    """One of argparse's own messages in the language spoken, when it is one of those a person meets."""
    if found := re.fullmatch(r"the following arguments are required: (.+)", message):
        return tr("the following arguments are required: {arguments}", arguments=found[1])
    if found := re.fullmatch(r"unrecognized arguments: (.+)", message):
        return tr("unrecognized arguments: {arguments}", arguments=found[1])
    if found := re.fullmatch(r"argument (\S+): invalid choice: (.+) \(choose from (.+)\)", message):
        return tr(
            "argument {argument}: invalid choice: {value} (choose from {choices})",
            argument=found[1],
            value=found[2],
            choices=found[3],
        )
    if found := re.fullmatch(r"argument (\S+): expected one argument", message):
        return tr("argument {argument}: expected one argument", argument=found[1])
    if found := re.fullmatch(r"argument (\S+): (.+)", message, re.DOTALL):  # a value our type refused, in words
        return tr("argument {argument}: {message}", argument=found[1], message=found[2])
    return message


def add_language_option(parser: argparse.ArgumentParser) -> None:
    """``--lang`` before the command: the language of what the program says (``baytak`` and the server's
    command line alike; ``requested_language`` reads it before argparse runs, for the help itself)."""
    parser.add_argument(
        "--lang",
        dest="language",
        choices=LANGUAGES,
        help=tr(
            "the language of what baytak says: kk, ru or en (default: the environment's LANGUAGE, LC_ALL,"
            " LC_MESSAGES or LANG, else en); --json output is the same in every language"
        ),
    )


def account_branch_said(branch: str | None) -> str:
    """The line ``baytak import`` and ``baytak gps add-point``/``save-track`` print when the store gave
    new features naming no branch the signed-in account's (``Store.branch_for``), in the language spoken;
    empty when it gave none."""
    from baytak_desktop.layers.vocabularies import BRANCHES  # the layers load numpy: not at the CLI's start

    if branch is None:
        return ""
    return tr(
        "New features without a branch were given {branch}, the branch of the account signed in"
        " (--set branch=CODE gives another).",
        branch=BRANCHES.label(branch, language()),
    )
