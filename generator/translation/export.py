"""The files of one export (pure): the units to translate into one language, one file per
language they are translated from (an XLIFF document has one source language, and so do
the projects of translation tools)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from .glossary import Entry
from .po import po_text
from .units import Unit
from .xliff import xliff_text

WRITERS = {"po": po_text, "xliff": xliff_text}
SUFFIXES = {".po": "po", ".pot": "po", ".xlf": "xliff", ".xliff": "xliff"}


def export_files(units: list[Unit], glossary: list[Entry], fmt: str, output: Path,
                 day: date) -> dict[Path, str]:
    """File -> text: `output` itself when the units share their original language, else
    one file per original language beside it, named `<name>.<from>-<to><suffix>`."""
    groups: dict[str, list[Unit]] = {}
    for unit in units:  # in the order given: by kind, file and field
        groups.setdefault(unit.source_language, []).append(unit)
    write = WRITERS[fmt]
    if len(groups) == 1:
        return {output: write(units, glossary, day)}
    target = units[0].target_language
    return {output.with_name(f"{output.stem}.{source}-{target}{output.suffix}"):
            write(group, glossary, day)
            for source, group in groups.items()}
