"""Units as a gettext PO file and back, through polib: the context names the record and the
field, extracted comments carry the instructions and the glossary, an outdated translation
comes back fuzzy (gettext's own mark for a translation to check)."""

from __future__ import annotations

from datetime import date

import polib

from .glossary import Entry, entries_in
from .units import OUTDATED, Incoming, Reading, Unit, instructions, unit_name

SOURCE_LANGUAGE = "X-Source-Language"


class FormatError(ValueError):
    """A file that is not one this workflow reads."""


def po_text(units: list[Unit], glossary: list[Entry], day: date) -> str:
    first = units[0]
    po = polib.POFile(wrapwidth=0)
    po.header = (f"Texts of the South-South knowledge base to translate from "
                 f"{first.source_language} into {first.target_language}.")
    stamp = f"{day.isoformat()} 00:00+0000"
    po.metadata = {
        "Project-Id-Version": "South-South knowledge base",
        "POT-Creation-Date": stamp,
        "PO-Revision-Date": stamp,
        "Last-Translator": "",
        "Language-Team": "",
        "Language": first.target_language,
        "MIME-Version": "1.0",
        "Content-Type": "text/plain; charset=UTF-8",
        "Content-Transfer-Encoding": "8bit",
        SOURCE_LANGUAGE: first.source_language,
    }
    for unit in units:
        terms = entries_in(glossary, unit.source, unit.source_language, unit.target_language)
        comments = instructions(unit) + [
            f"Glossary: {entry.terms[unit.source_language]} = "
            f"{entry.terms[unit.target_language]}" for entry in terms]
        po.append(polib.POEntry(
            msgctxt=unit_name(unit.kind, unit.record_id, unit.field),
            msgid=unit.source.strip(), msgstr=(unit.target or "").strip(),
            comment="\n".join(comments), occurrences=[(unit.path, str(unit.line))],
            flags=["fuzzy"] if unit.state == OUTDATED and unit.target else []))
    return str(po) + "\n"


def read_po(text: str, where: str, reviewed: bool) -> Reading:
    """The translations of a PO file; a fuzzy or empty entry is left out."""
    try:
        po = polib.pofile(text, wrapwidth=0)
    except (OSError, ValueError) as error:
        raise FormatError(f"{where}: not a PO file that can be read: {error}") from None
    language = po.metadata.get("Language", "")
    reading = Reading(language, [], [], [])
    for entry in po:
        if entry.obsolete:
            continue
        name = entry.msgctxt or ""
        parts = name.split("/")
        if len(parts) != 3:
            reading.refused.append(f"{where}:{entry.linenum}: the context {name!r} names no "
                                   "record field (kind/id/field)")
        elif "fuzzy" in entry.flags:
            reading.left.append(f"{name}: marked fuzzy, not imported")
        elif not entry.msgstr.strip():
            reading.left.append(f"{name}: not translated")
        else:
            reading.incoming.append(Incoming(*parts, entry.msgid, entry.msgstr, reviewed,
                                             f"{name} ({where}:{entry.linenum})"))
    return reading
