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
from ..kb.kinds import BY_NAME
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
        _import_record(kb.root, entry, language, items, reader, report)
    return report


def _import_record(root: Path, entry: Entry, language: str, items: list[Incoming],
                   reader: RecordReader, report: Report) -> None:
    record, kind = entry.record, BY_NAME[_kind_of(entry)]
    originals = translatable_fields(record)
    notes = {lang: {name: note.model_dump() for name, note in fields.items()}
             for lang, fields in record.translations.items()}
    texts: dict[str, str] = {}
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
        report.changed.append(item.where)
        if note["source"] != fingerprint(originals[item.field]):
            report.outdated.append(item.where)
    if not texts:
        return
    try:
        new = entry.text
        for name, text in texts.items():
            new = set_entries(new, name, {language: text})
        new = set_field(new, "translations", _ordered(notes, type(record)), flow_leaves=True)
    except EditError as error:
        _refuse_record(report, texts, entry, str(error))
        return
    checked, problems = reader.check(entry.path, new.encode("utf-8"), kind.model,
                                     kind.personal)
    if problems or checked is None:
        _refuse_record(report, texts, entry, "; ".join(
            f"{p.field}: {p.message}" for p in problems) or "the edited file is invalid")
        return
    write_whole(root / entry.path, new)
    report.written.append(entry.path)


def _kind_of(entry: Entry) -> str:
    return next(kind.name for kind in BY_NAME.values()
                if isinstance(entry.record, kind.model))


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


def _refuse_record(report: Report, texts: dict, entry: Entry, reason: str) -> None:
    report.changed = [where for where in report.changed
                      if f"/{entry.record.id}/" not in where]
    report.refused.append(f"{entry.path}: not written: {reason}")
