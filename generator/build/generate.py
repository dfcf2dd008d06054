"""Validated records to one Markdown tree per language: load, select, render, write."""

from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from ..kb.codes import UN_LANGUAGES
from ..kb.validate import load_knowledge_base
from ..kb.problems import Problem
from ..site.render import Settings, render_language
from ..site.view import View, make_view
from .write import WriteReport, remove_stale, write_pages

DOCS = Path("build") / "docs"


class InvalidKnowledgeBase(Exception):
    """Raised by `generate` when the records have problems; carries them all."""

    def __init__(self, problems: list[Problem]):
        super().__init__(f"{len(problems)} problem(s) in the knowledge base")
        self.problems = problems


@dataclass(frozen=True)
class Generated:
    language: str
    pages: int
    report: WriteReport
    render_seconds: float = 0.0
    write_seconds: float = 0.0


def load_view(root: Path, drafts: bool = False) -> View:
    """Validate the knowledge base under `root` and select what the site shows."""
    kb, problems = load_knowledge_base(root)
    if problems:
        raise InvalidKnowledgeBase(problems)
    return make_view(kb, drafts=drafts)


def generate(root: Path, settings_for: Callable[[str], Settings], languages=UN_LANGUAGES,
             drafts: bool = False, docs: Path | None = None,
             view: View | None = None) -> list[Generated]:
    """Write `build/docs/<lang>/` trees for the knowledge base under `root` (validated here
    unless the caller passes the view it already has).

    `mkdocs build` and `mkdocs serve` generate through here; `sskb build` streams each
    language's pages into its MkDocs build instead (see `streaming`).
    """
    view = view or load_view(root, drafts)
    docs = docs or root / DOCS
    results = []
    for language in languages:
        started = time.perf_counter()
        pages = render_language(view, language, settings_for(language))
        rendered = time.perf_counter()
        written, unchanged = write_pages(docs / language, pages)
        results.append(Generated(
            language, len(pages),
            WriteReport(written, unchanged, remove_stale(docs / language, pages)),
            rendered - started, time.perf_counter() - rendered))
    return results
