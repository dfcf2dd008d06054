"""Problems found in the knowledge base, and the three ways `sskb validate` reports them."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from typing import Iterable

from .load import escape_invisible

FieldPath = tuple  # of str keys and int indexes, e.g. ("lead_countries", 1)


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong, at one place in one file (path relative to the knowledge base root)."""

    path: str
    line: int
    column: int
    field: str
    code: str
    message: str


def field_name(loc: Iterable) -> str:
    """Return a field path the way contributors read it: `sources[0].url`, `title.fr`."""
    text = ""
    for part in loc:
        if isinstance(part, int):
            text += f"[{part}]"
        else:
            text += f".{part}" if text else str(part)
    return text


def sort_problems(problems: Iterable[Problem]) -> list[Problem]:
    """Return the problems sorted by file, line and column, each only once."""
    return sorted(set(problems))


def as_text(problems: list[Problem]) -> str:
    """One `path:line:column: field: message` line per problem, then a count."""
    lines = []
    for p in problems:
        where = f"{p.path}:{p.line}:{p.column}:"
        line = f"{where} {p.field}: {p.message}" if p.field else f"{where} {p.message}"
        lines.append(escape_invisible(line))
    files = len({p.path for p in problems})
    if problems:
        noun = "problem" if len(problems) == 1 else "problems"
        lines.append(f"Found {len(problems)} {noun} in {files} file{'s' if files != 1 else ''}.")
    else:
        lines.append("No problems found.")
    return "\n".join(lines)


def as_json(problems: list[Problem], warnings: list[Problem] | None = None) -> str:
    """The problems as a JSON document: `{"problems": [...]}`, and `"warnings"` when given."""
    report = {"problems": [asdict(p) for p in problems]}
    if warnings is not None:
        report["warnings"] = [asdict(p) for p in warnings]
    return json.dumps(report, ensure_ascii=False, indent=2)


def _escape_github(text: str, *, property_value: bool = False) -> str:
    # GitHub workflow commands read %, CR and LF (and , : in properties) as syntax.
    text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    if property_value:
        text = text.replace(":", "%3A").replace(",", "%2C")
    return text


def as_github(problems: list[Problem]) -> str:
    """GitHub Actions `::error` annotations, so a pull request shows each problem on its line."""
    lines = []
    for p in problems:
        props = ",".join(
            [
                f"file={_escape_github(p.path, property_value=True)}",
                f"line={p.line}",
                f"col={p.column}",
                f"title={_escape_github(p.code, property_value=True)}",
            ]
        )
        message = f"{p.field}: {p.message}" if p.field else p.message
        lines.append(escape_invisible(f"::error {props}::{_escape_github(message)}"))
    return "\n".join(lines)


FORMATS = {"text": as_text, "json": as_json, "github": as_github}


def warnings_as_text(warnings: list[Problem]) -> str:
    return "\n".join(escape_invisible(f"{p.path}:{p.line}:{p.column}: warning: {p.field}: "
                                       f"{p.message}") for p in warnings)


def warnings_as_github(warnings: list[Problem]) -> str:
    return as_github(warnings).replace("::error ", "::warning ")


WARNING_FORMATS = {"text": warnings_as_text, "github": warnings_as_github}
