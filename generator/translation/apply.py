"""Translations into the record files: each text checked (length, one line, invisible
characters, the original's markup kept), written in place with its note (the fingerprint
of the original it was made from, and whether it was reviewed), every other byte of the
file kept. A record file is written whole once its new text passes validation, or not at
all; a refused unit is reported, not written."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from pydantic import ValidationError

from ..authoring.yaml_edit import EditError, set_entries, set_field
from ..build.write import write_whole
from ..kb.codes import UN_LANGUAGES
from ..kb.kinds import BY_NAME, Kind
from ..kb.knowledge_base import KnowledgeBase
from ..kb.load import first_invisible
from ..kb.messages import problem_from_error
from ..kb.models import MARKDOWN_FIELDS
from ..kb.record_files import Entry, RecordReader
from ..kb.translations import fingerprint, translatable_fields
from .markup import markup_problems
from .units import Incoming


@dataclass
class Report:
    """What an import did, unit by unit."""

    changed: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    refused: list[str] = field(default_factory=list)
    left: list[str] = field(default_factory=list)       # not translated, or fuzzy
    outdated: list[str] = field(default_factory=list)   # made from an earlier original
    written: list[str] = field(default_factory=list)    # record files


def import_translations(kb: KnowledgeBase, language: str, incoming: list[Incoming],
                        today: date | None = None) -> Report:
    report = Report()
    if language not in UN_LANGUAGES:
        report.refused.append(f"the file's target language {language!r} is not one of the "
                              f"six UN languages ({', '.join(UN_LANGUAGES)})")
        return report
    by_record: dict[tuple[str, str], list[Incoming]] = {}
    for item in incoming:
        by_record.setdefault((item.kind, item.record_id), []).append(item)
    reader = RecordReader(today=today)
    for (kind, record_id), items in by_record.items():
        entry = kb.records.get(kind, {}).get(record_id)
        if kind not in BY_NAME or entry is None or entry.record is None:
            report.refused += [f"{item.where}: no valid {kind} record {record_id!r} in "
                               "the knowledge base" for item in items]
            continue
        _import_record(kb.root, BY_NAME[kind], entry, language, items, reader, report)
    return report


def _import_record(root: Path, kind: Kind, entry: Entry, language: str,
                   items: list[Incoming], reader: RecordReader, report: Report) -> None:
    record = entry.record
    originals = translatable_fields(record)
    notes = {lang: {name: note.model_dump() for name, note in fields.items()}
             for lang, fields in record.translations.items()}
    texts: dict[str, str] = {}
    changed, outdated = [], []
    for item in items:
        problems = _problems(entry, kind.model, language, item, originals)
        if problems:
            report.refused += [f"{item.where}: {problem}" for problem in problems]
            continue
        text = _as_written(item.field, item.target)
        note = {"source": fingerprint(item.source), "reviewed": item.reviewed}
        current = getattr(record, item.field).get(language)
        if current is not None and current.strip() == text.strip() \
                and notes.get(language, {}).get(item.field) == note:
            report.unchanged.append(item.where)
            continue
        texts[item.field] = text
        notes.setdefault(language, {})[item.field] = note
        changed.append(item.where)
        if note["source"] != fingerprint(originals[item.field]):
            outdated.append(item.where)
    if not texts:
        return
    try:
        new = set_entries(entry.text, {name: {language: text} for name, text in texts.items()})
        new = set_field(new, "translations", _ordered(notes, type(record)), flow_leaves=True)
    except EditError as error:
        report.refused.append(f"{entry.path}: not written: {error}")
        return
    checked, problems = reader.check(entry.path, new.encode("utf-8"), kind.model,
                                     kind.personal)
    if problems or checked is None:
        reasons = "; ".join(f"{p.field}: {p.message}" for p in problems)
        report.refused.append(f"{entry.path}: not written: {reasons or 'invalid'}")
        return
    write_whole(root / entry.path, new)
    report.written.append(entry.path)
    report.changed += changed
    report.outdated += outdated


def _problems(entry: Entry, model, language: str, item: Incoming,
              originals: dict[str, str]) -> list[str]:
    """Why a translation cannot go into the record, in contributors' words."""
    if item.field not in originals:
        return [f"{item.field} is not a text of this record that is translated"]
    if language == entry.record.original_language:
        return [f"{language} is the record's original language"]
    text = _as_written(item.field, item.target)
    at = first_invisible(text)
    if at >= 0:
        return [f"holds the invisible character U+{ord(text[at]):04X}, which is not allowed"]
    problems = markup_problems(item.source, text, item.field in MARKDOWN_FIELDS)
    texts = dict(getattr(entry.record, item.field))
    try:
        model.model_validate({**entry.data, item.field: {**texts, language: text}})
    except ValidationError as error:
        for found in error.errors(include_url=False):
            loc, _, message, _ = problem_from_error(found, model, show_values=False)
            if loc[:1] == (item.field,):
                problems.append(message)
    return problems


def _as_written(name: str, text: str) -> str:
    """A Markdown text as a literal block ends with a line break; a plain one is a line."""
    text = text.strip()
    return text + "\n" if name in MARKDOWN_FIELDS else text


def _ordered(notes: dict, model) -> dict:
    """Notes by language in the UN order, then by field in the model's order."""
    order = list(model.model_fields)
    return {language: {name: notes[language][name]
                       for name in sorted(notes[language], key=order.index)}
            for language in UN_LANGUAGES if notes.get(language)}
