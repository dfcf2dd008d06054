"""The knowledge base as one object: records by kind and id, each with the file it came from."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from .models import Term
from .record_files import Entry


@dataclass
class KnowledgeBase:
    """What `validate` read: records by kind and id, vocabularies and hand-written pages."""

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


# A folder holding either is a knowledge base.
MARKERS = ("practices", "content")


def find_root(start: Path) -> Path | None:
    """The nearest folder at or above `start` that holds a knowledge base."""
    for folder in (start, *start.parents):
        if any((folder / marker).is_dir() for marker in MARKERS):
            return folder
    return None
