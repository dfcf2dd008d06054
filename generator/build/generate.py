"""Render and write: the one path from the validated view to a language's Markdown tree.

`sskb build` announces each page to the language's running MkDocs build as soon as it is
written (`page_pipe`); `sskb serve`, the MkDocs hook and `generate` write the tree first.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Protocol

from ..kb.codes import UN_LANGUAGES
from ..kb.load import Editors, read_editors
from .history import first_committed
from ..kb.problems import Problem
from ..kb.record_files import RecordReader
from ..kb.validate import load_knowledge_base
from ..site.page_list import all_pages
from ..site.render import LanguageRenderer, make_environment
from ..site.settings import Settings
from ..site.view import View, make_view
from .page_pipe import reading_order
from .tools import BuildError
from .write import PageWriter, WriteReport, remove_stale

DOCS = Path("build") / "docs"


class RenderingFailed(BuildError):
    """Rendering or writing a language's pages failed; the message names the page."""


@dataclass(frozen=True)
class Generated:
    language: str
    pages: int
    report: WriteReport
    render_seconds: float = 0.0
    write_seconds: float = 0.0


class Announcer(Protocol):
    def paths(self, paths: list[str]) -> None: ...
    def written(self, path: str) -> None: ...


def load_view(root: Path, drafts: bool = False, reader: RecordReader | None = None,
              editors: Editors | None = None) -> tuple[View | None, list[Problem]]:
    """What the site shows, from the validated knowledge base; None and every problem if
    the records have any. `editors`: mkdocs.yml's, if already read."""
    editors = editors or read_editors(root)
    kb, problems = load_knowledge_base(root, reader, editors)
    if problems:
        return None, problems
    return make_view(kb, drafts=drafts, emails=editors.emails,
                     published=first_committed(root, "practices")), []


class Generator:
    """Renders each language's pages and writes those that changed. With `keep`, it keeps
    the pages it rendered, and renders again only those whose inputs changed (`sskb
    serve` regenerates on every save; `sskb build` renders each page once)."""

    def __init__(self, keep: bool = False):
        self.environment = make_environment()
        self.writer = PageWriter(remember=keep)
        self._keep = keep
        self._rendered: dict[tuple, dict] = {}
        self._paths: dict[Path, list[str]] = {}  # each folder's pages at the last build

    def write_language(self, view: View, language: str, settings: Settings, folder: Path,
                       announce: Announcer | None = None) -> Generated:
        """Write every page of `language` into `folder`, in MkDocs' reading order,
        announcing the list first and then each page once its file is written."""
        pages = sorted(all_pages(view), key=lambda page: reading_order(page[0]))
        paths = [page[0] for page in pages]
        folder.mkdir(parents=True, exist_ok=True)
        # Kept between builds, the same pages as last time leave no file behind: the
        # folder's 3,000 files are not looked through again at every save.
        same = self._keep and self._paths.get(folder) == paths
        removed = 0 if same else remove_stale(folder, paths)
        if self._keep:
            self._paths[folder] = paths
        if announce:
            announce.paths(paths)
        renderer = LanguageRenderer(view, language, settings, self.environment)
        common = (language, settings, view.drafts, view.digests["vocabularies"])
        previous, current = self._rendered.get(common, {}), {}
        written, seconds = 0, [0.0, 0.0]
        for path, template, values, inputs in pages:
            try:
                started = time.perf_counter()
                text = previous.get((path, inputs)) or renderer.render(template, path,
                                                                        **values)
                rendered = time.perf_counter()
                written += self.writer.write(folder / path, text)
            except Exception as error:
                raise RenderingFailed(f"rendering the {language} pages stopped at {path}: "
                                      f"{error}") from error
            seconds[0] += rendered - started
            seconds[1] += time.perf_counter() - rendered
            if self._keep:
                current[(path, inputs)] = text
            if announce:
                announce.written(path)
        self._rendered[common] = current
        return Generated(language, len(pages), WriteReport(written, len(pages) - written,
                                                           removed), *seconds)


def generate(view: View, settings_for: Callable[[str], Settings], docs: Path,
             languages=UN_LANGUAGES, generator: Generator | None = None) -> list[Generated]:
    """Write the `docs/<lang>/` trees of `view` (`mkdocs build`, `mkdocs serve`)."""
    generator = generator or Generator()
    return [generator.write_language(view, language, settings_for(language), docs / language)
            for language in languages]
