"""`sskb validate`: read and check every file of a knowledge base, and report every problem.

The one way into the knowledge base: the files are read strictly (`load`), each checked
against its model and rules (`record_files`), then against each other (`link`).
"""

from __future__ import annotations

from pathlib import Path

from .codes import UN_LANGUAGES
from .handwritten import load_pages
from .kinds import KINDS, VOCABULARIES, Kind
from .knowledge_base import KnowledgeBase
from .link import check_links
from .load import Editors, read_editors
from .mentions import consented, mentions
from .problems import Problem, sort_problems
from .record_files import RecordReader, record_files


def load_knowledge_base(root: Path, reader: RecordReader | None = None,
                        editors: Editors | None = None) -> tuple[KnowledgeBase, list[Problem]]:
    """Read and check every file under `root`; return what is valid and every problem.
    A `reader` kept between calls reads again only the files that changed; `editors`, if
    given, are mkdocs.yml's as already read."""
    reader = reader or RecordReader()
    kb = KnowledgeBase(root)
    problems: list[Problem] = []
    for name in VOCABULARIES:
        problems += _read_vocabulary(kb, reader, name)
    for kind in KINDS:
        problems += _read_kind(kb, reader, kind)
    problems += check_links(kb)
    kb.pages, found = load_pages(root)
    problems += found
    # The editors' address is the private route, which pages may give.
    editors = editors or read_editors(root)
    problems += mentions(kb, consented(kb, editors.emails), reader.searched)
    return kb, sort_problems(problems)


def _read_vocabulary(kb: KnowledgeBase, reader: RecordReader, name: str) -> list[Problem]:
    entry, problems = reader.vocabulary(kb.root, name)
    if not (entry and entry.record):
        kb.vocabularies[name] = None  # unreadable: its own problem says so
        return problems
    terms = kb.vocabularies[name] = {}
    for index, term in enumerate(entry.record.terms):
        if term.id in terms:
            problems.append(entry.problem(("terms", index, "id"), "duplicate-id",
                                          f"'{term.id}' is used by another term"))
        missing = [lang for lang in UN_LANGUAGES if lang not in term.label]
        if missing:
            problems.append(entry.problem(
                ("terms", index, "label"), "missing-translation",
                f"has no label in {', '.join(missing)}: every term needs a label in "
                "the six UN languages"))
        terms[term.id] = term
    return problems


def _read_kind(kb: KnowledgeBase, reader: RecordReader, kind: Kind) -> list[Problem]:
    files, problems = record_files(kb.root, kind)
    by_id = kb.records.setdefault(kind.name, {})
    broken = kb.broken.setdefault(kind.name, set())
    for path in files:
        entry, found = reader.read(kb.root, path, kind.model, kind.personal)
        problems += found
        if entry is not None:
            kb.loaded.append(entry)
        if entry is None or entry.record is None:
            broken.add(path.stem)
            continue
        first = by_id.get(entry.record.id)
        if first is None:
            by_id[entry.record.id] = entry
            continue
        if path.stem == entry.record.id:  # the file named for the id keeps it
            first, entry = entry, first
            by_id[entry.record.id] = first
        problems.append(entry.problem(("id",), "duplicate-id",
                                      f"another {kind.name} already uses this id "
                                      f"({first.path})"))
    return problems

