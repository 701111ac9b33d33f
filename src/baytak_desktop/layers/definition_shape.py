"""A layer definition's mistakes in the person's words: pydantic's and the JSON reader's findings turned
into problems with English templates (``Problem.of``), each saying where it is (``fields[2].type``) and
what is wrong, so that the CLI, the window and the server say them in Kazakh or Russian and never pass
on a library's English sentence ("Input should be greater than 0", "Expecting ',' delimiter")."""

from __future__ import annotations

import json
import re
from typing import Any

from pydantic_core import ErrorDetails

from baytak_desktop.errors import Problem, either, phrase
from baytak_desktop.layers.definition import COLOR_PATTERN, NAME_PATTERN
from baytak_desktop.layers.values import BAD_CHARACTER

# The JSON reader's reasons (json.JSONDecodeError.msg), said in the person's words.
JSON_REASONS = {
    "Expecting value": phrase("a value is missing or is not JSON (text goes in double quotes)"),
    "Expecting property name enclosed in double quotes": phrase("a key must be in double quotes (or a comma too many)"),
    "Expecting ',' delimiter": phrase("a comma is missing"),
    "Expecting ':' delimiter": phrase("a colon is missing after a key"),
    "Unterminated string starting at": phrase("a text is not closed with a double quote"),
    "Invalid control character at": phrase("a text holds a line break or a tab; write it as \\n or \\t"),
    "Extra data": phrase("there is more after the end of the definition"),
}


def json_problem(error: json.JSONDecodeError) -> Problem:
    """Where the JSON text breaks, and why in the person's words (else only where)."""
    reason = next((said for msg, said in JSON_REASONS.items() if error.msg.startswith(msg)), None)
    if reason is None:  # rarer: a bad escape, a trailing comma in newer Pythons
        return Problem.of("not JSON: a mistake at line {line}, column {column}", line=error.lineno, column=error.colno)
    return Problem.of(
        "not JSON: {reason} (line {line}, column {column})",
        reason=reason,
        line=error.lineno,
        column=error.colno,
    )


def _bound(kind: str, context: dict[str, Any]) -> dict[str, Any]:
    """The bound a range check found broken, as a phrase of its own: "must be at least 0"."""
    if kind == "greater_than":
        return phrase("must be more than {limit}", limit=_number(context.get("gt")))
    if kind == "greater_than_equal":
        return phrase("must be at least {limit}", limit=_number(context.get("ge")))
    if kind == "less_than":
        return phrase("must be less than {limit}", limit=_number(context.get("lt")))
    return phrase("must be at most {limit}", limit=_number(context.get("le")))


def _number(limit: object) -> object:
    """A float bound that is whole as pydantic keeps it (0.0) written as a person would (0)."""
    return int(limit) if isinstance(limit, float) and limit.is_integer() else limit


def where(location: tuple[int | str, ...]) -> str:
    """``("fields", 2, "type")`` -> ``fields[2].type``: where a person finds it in the file."""
    text = ""
    for part in location:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text


def shape_problem(error: ErrorDetails) -> Problem:
    """One pydantic error as a translatable problem located in the file (``fields[2].type: ...``)."""
    kind = error["type"]
    w = _visible(where(tuple(error["loc"])))
    context = error.get("ctx") or {}
    v = _visible(json.dumps(error.get("input"), ensure_ascii=False, default=str)[:60])
    limit = next((context[k] for k in ("min_length", "max_length") if k in context), None)
    if kind == "missing":
        return Problem.of("{where}: is missing", where=w)
    if kind == "extra_forbidden":
        return Problem.of("{where}: is not a key of a layer definition (a typo?)", where=w)
    if kind == "literal_error":
        expected = either(re.findall(r"'([^']*)'", str(context.get("expected", ""))))
        return Problem.of("{where}: {value} is not one of: {expected}", where=w, value=v, expected=expected)
    if kind == "string_pattern_mismatch":
        return _pattern_problem(w, v, str(context.get("pattern", "")))
    if kind in ("string_type", "bool_type", "int_type", "float_type", "list_type", "dict_type", "model_type"):
        return _type_problem(kind, w, v)
    if kind in ("too_short", "string_too_short"):
        return Problem.of("{where}: must not be empty", where=w)
    if kind in ("too_long", "string_too_long"):
        return Problem.of("{where}: is too long (at most {limit})", where=w, limit=limit)
    if kind in ("greater_than", "greater_than_equal", "less_than", "less_than_equal"):
        bound = _bound(kind, context)
        return Problem.of("{where}: {value} is out of range ({detail})", where=w, value=v, detail=bound)
    return Problem.of("{where}: {value} cannot be used here", where=w, value=v)  # a check not named above


def _visible(text: str) -> str:
    """A value or key from the file as a message may hold it: a character text cannot hold (a lone
    surrogate, which no console or database can write) spelled ``\\uXXXX``."""
    return BAD_CHARACTER.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def _pattern_problem(w: str, v: str, pattern: str) -> Problem:
    if pattern == COLOR_PATTERN:
        return Problem.of("{where}: {value} is not a colour like #d55e00", where=w, value=v)
    if pattern == NAME_PATTERN:
        return Problem.of(
            "{where}: {value} is not a valid name: lower-case Latin letters, digits and _, starting with a letter",
            where=w,
            value=v,
        )
    return Problem.of("{where}: {value} is not a valid code: Latin letters, digits, _ . and -", where=w, value=v)


def _type_problem(kind: str, w: str, v: str) -> Problem:
    if kind == "string_type":
        return Problem.of("{where}: must be text in quotes, not {value}", where=w, value=v)
    if kind == "bool_type":
        return Problem.of("{where}: must be true or false, not {value}", where=w, value=v)
    if kind == "int_type":
        return Problem.of("{where}: must be a whole number, not {value}", where=w, value=v)
    if kind == "float_type":
        return Problem.of("{where}: must be a number, not {value}", where=w, value=v)
    if kind == "list_type":
        return Problem.of("{where}: must be a list [...], not {value}", where=w, value=v)
    return Problem.of("{where}: must be an object {{...}}, not {value}", where=w, value=v)
