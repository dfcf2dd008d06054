"""The knowledge base as one object, and the checks that need more than one record."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator

from .codes import UN_LANGUAGES
from .handwritten import load_pages
from .models import Term
from .problems import Problem, sort_problems
from .record_files import (
    KINDS,
    VOCABULARIES,
    Entry,
    read_record,
    read_vocabulary,
    record_files,
)

# Statuses of an expert that a published practice may not name: not (yet) public.
UNPUBLISHED = ("draft", "in_review")


@dataclass
class KnowledgeBase:
    """Records by kind and id; each record keeps the file it came from."""

    root: Path
    records: dict[str, dict[str, Entry]] = field(default_factory=dict)
    vocabularies: dict[str, dict[str, Term] | None] = field(default_factory=dict)
    # Per kind, the file stems of records with problems of their own: naming them is no
    # extra problem, and every entry loaded, valid or not, for checking what it names.
    broken: dict[str, set[str]] = field(default_factory=dict)
    loaded: list[Entry] = field(default_factory=list)
    pages: dict = field(default_factory=dict)  # (name, language) -> handwritten.Page

    def get(self, kind: str, record_id: str):
        entry = self.records.get(kind, {}).get(record_id)
        return entry.record if entry else None

    def entries(self, kind: str) -> list[Entry]:
        return list(self.records.get(kind, {}).values())


def load_knowledge_base(root: Path) -> tuple[KnowledgeBase, list[Problem]]:
    """Read and check every file under `root`; return what is valid and every problem."""
    kb = KnowledgeBase(root)
    problems: list[Problem] = []
    for name in VOCABULARIES:
        entry, found = read_vocabulary(root, name)
        problems += found
        if not (entry and entry.record):
            kb.vocabularies[name] = None  # unreadable: its own problem says so
            continue
        kb.vocabularies[name] = {}
        if entry and entry.record:
            for index, term in enumerate(entry.record.terms):
                if term.id in kb.vocabularies[name]:
                    problems.append(entry.problem(("terms", index, "id"), "duplicate-id",
                                                  f"'{term.id}' is used by another term"))
                missing = [lang for lang in UN_LANGUAGES if lang not in term.label]
                if missing:
                    problems.append(entry.problem(
                        ("terms", index, "label"), "missing-translation",
                        f"has no label in {', '.join(missing)}: every term needs a label in "
                        "the six UN languages"))
                kb.vocabularies[name][term.id] = term
    for kind in KINDS:
        files, found = record_files(root, kind)
        problems += found
        by_id = kb.records.setdefault(kind.name, {})
        broken = kb.broken.setdefault(kind.name, set())
        for path in files:
            entry, found = read_record(root, path, kind.model, kind.personal)
            problems += found
            if entry is not None:
                kb.loaded.append(entry)
            if entry is None or entry.record is None:
                broken.add(path.stem)
                continue
            first = by_id.get(entry.record.id)
            if first is not None:
                if path.stem == entry.record.id:  # the file named for the id keeps it
                    first, entry = entry, first
                    by_id[entry.record.id] = first
                problems.append(entry.problem(("id",), "duplicate-id",
                                              f"another {kind.name} already uses this id "
                                              f"({first.path})"))
                continue
            by_id[entry.record.id] = entry
    problems += check_links(kb)
    kb.pages, found = load_pages(root)
    problems += found
    return kb, sort_problems(problems)


REFERENCE_FIELDS = {"themes": "themes", "regions": "regions", "organizations": "organization",
                    "centres": "centre", "experts": "expert"}


def _references(data: dict) -> Iterator[tuple[tuple, str, str]]:
    """(field path, kind referred to, id) for every id a record's data names.

    Read from the data, not the model, so that a record with other problems still has
    the ids it names checked; values of the wrong type are the model's to report.
    """
    for name, target in REFERENCE_FIELDS.items():
        values = data.get(name)
        if isinstance(values, list):
            for index, ref in enumerate(values):
                if isinstance(ref, str):
                    yield (name, index), target, ref
    if isinstance(data.get("region"), str):
        yield ("region",), "regions", data["region"]


def check_links(kb: KnowledgeBase) -> list[Problem]:
    """Every referenced id exists, and published practices name only public experts."""
    problems = []
    for entry in kb.loaded:
        for loc, target, ref in _references(entry.data):
            problems += _check_reference(kb, entry, loc, target, ref)
    return problems


def _check_reference(kb: KnowledgeBase, entry: Entry, loc, target: str, ref: str):
    if target in kb.vocabularies:
        terms = kb.vocabularies[target]
        if terms is not None and ref not in terms:
            return [entry.problem(loc, "unknown-term",
                                  f"'{ref}' is not a term of {VOCABULARIES[target]}")]
        return []
    if ref in kb.broken.get(target, ()):
        return []
    found = kb.get(target, ref)
    if found is None:
        folder = next(k.folder for k in KINDS if k.name == target)
        return [entry.problem(loc, "unknown-reference",
                              f"'{ref}' is not the id of any {target} in {folder}/")]
    if (target == "expert" and entry.data.get("status") == "published"
            and found.status in UNPUBLISHED):
        return [entry.problem(loc, "unpublished-expert",
                              f"names an expert whose profile is {found.status}; a published "
                              "practice may name only published experts")]
    return []
