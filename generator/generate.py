"""Validated records to one Markdown tree per language: load, select, render, write."""

from __future__ import annotations

import multiprocessing
import time
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from .codes import UN_LANGUAGES
from .linking import load_knowledge_base
from .problems import Problem
from .rendering import Settings, render_language
from .view import View, make_view
from .writing import WriteReport, remove_stale, write_pages

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
    render_seconds: float = 0.0  # summed over the processes that shared the language
    write_seconds: float = 0.0


def load_view(root: Path, drafts: bool = False) -> View:
    """Validate the knowledge base under `root` and select what the site shows."""
    kb, problems = load_knowledge_base(root)
    if problems:
        raise InvalidKnowledgeBase(problems)
    return make_view(kb, drafts=drafts)


def generate(root: Path, settings_for: Callable[[str], Settings], languages=UN_LANGUAGES,
             drafts: bool = False, docs: Path | None = None,
             view: View | None = None, jobs: int = 1) -> list[Generated]:
    """Write `build/docs/<lang>/` trees for the knowledge base under `root` (validated here
    unless the caller passes the view it already has), in `jobs` processes."""
    view = view or load_view(root, drafts)
    docs = docs or root / DOCS
    shares = max(1, jobs // len(languages))  # more processes than languages: split each
    tasks = [(language, settings_for(language), (k, shares), docs / language)
             for language in languages for k in range(shares)]
    forked = (jobs > 1 and len(tasks) > 1
              and "fork" in multiprocessing.get_all_start_methods())
    done = _in_processes(view, tasks, jobs) if forked else \
        [_render_and_write(view, *task) for task in tasks]
    results = []
    for language in languages:
        mine = [share for share in done if share.language == language]
        wanted = [path for share in mine for path in share.paths]
        results.append(Generated(
            language, len(wanted),
            WriteReport(sum(s.written for s in mine), sum(s.unchanged for s in mine),
                        remove_stale(docs / language, wanted)),
            sum(s.render_seconds for s in mine), sum(s.write_seconds for s in mine)))
    return results


@dataclass(frozen=True)
class _Share:
    """What one process rendered and wrote of one language."""

    language: str
    paths: list[str]
    written: int
    unchanged: int
    render_seconds: float
    write_seconds: float


def _render_and_write(view: View, language: str, settings: Settings,
                      share: tuple[int, int], folder: Path) -> _Share:
    started = time.perf_counter()
    pages = render_language(view, language, settings, share)
    rendered = time.perf_counter()
    written, unchanged = write_pages(folder, pages)
    return _Share(language, list(pages), written, unchanged, rendered - started,
                  time.perf_counter() - rendered)


# Rendering is pure Python, bound to one core by the GIL, and MkDocs waits for it. With
# several cores, forked processes render and write the languages (or shares of one
# language's pages) side by side; they inherit the validated view rather than receive it
# pickled.
_VIEW: View | None = None


def _in_forked_process(*task) -> _Share:
    return _render_and_write(_VIEW, *task)


def _in_processes(view: View, tasks: list, jobs: int) -> list[_Share]:
    global _VIEW
    _VIEW = view
    try:
        with ProcessPoolExecutor(min(jobs, len(tasks)),
                                 mp_context=multiprocessing.get_context("fork")) as pool:
            return list(pool.map(_in_forked_process, *zip(*tasks)))
    finally:
        _VIEW = None
