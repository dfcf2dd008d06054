"""Pages streamed from `sskb build` into a running MkDocs build of one language.

MkDocs converts and renders pages one after another on one core. `sskb build` starts it
while the records are still being validated, then tells it which pages there will be, and
renders them in another process, in the order MkDocs reads them: MkDocs reads each page
as soon as it is written, and the generator's work hides behind MkDocs' own.

On MkDocs' standard input: one JSON line, the paths of the pages; then one line per page
as soon as its file is written (unchanged files are announced too, since a file left over
from the previous build must not be read before it is confirmed). Input that ends before
a page is announced means the generation stopped.
"""

from __future__ import annotations

import json
import multiprocessing
import os
import threading
from pathlib import Path
from types import SimpleNamespace
from typing import IO, Iterable

from mkdocs.structure.files import File, Files, file_sort_key, set_exclusions

from .pages import all_pages
from .rendering import LanguageRenderer, Settings
from .view import View
from .writing import remove_stale, write_page

ENV = "SSKB_STREAM"


class RenderingFailed(Exception):
    """The process that renders a language's pages stopped before the end."""


def reading_order(path: str) -> tuple:
    """The key that sorts page paths as MkDocs reads them (its own sort of the docs dir)."""
    return file_sort_key(SimpleNamespace(src_uri=path, name=Path(path).stem))


# ---- in MkDocs' process (hooks/sskb_hooks.py) ----

class PageStream:
    """What `sskb build` announces on standard input, read in a thread."""

    def __init__(self, lines: Iterable[bytes]):
        self._changed = threading.Condition()
        self._paths: list[str] | None = None
        self._ready: set[str] = set()
        self._ended = False
        threading.Thread(target=self._read, args=(lines,), daemon=True).start()

    def _read(self, lines: Iterable[bytes]) -> None:
        try:
            for raw in lines:
                line = raw.decode("utf-8")
                with self._changed:
                    if self._paths is None:
                        self._paths = json.loads(line)
                    else:
                        self._ready.add(line.rstrip("\n"))
                    self._changed.notify_all()
        finally:
            with self._changed:
                self._ended = True
                self._changed.notify_all()

    def paths(self) -> list[str] | None:
        """The pages there will be; None if the input ended before saying."""
        with self._changed:
            self._changed.wait_for(lambda: self._paths is not None or self._ended)
            return self._paths

    def wait(self, path: str) -> bool:
        """Whether `path` was written (after waiting for it), or the input ended first."""
        with self._changed:
            self._changed.wait_for(lambda: path in self._ready or self._ended)
            return path in self._ready


def announced_files(files: Files, config, paths: list[str]) -> Files:
    """MkDocs' files with the docs dir's replaced by the announced pages, most of which are
    not written yet when MkDocs lists the folder (and some there may be about to go)."""
    docs = config["docs_dir"]
    pages = [File(path, docs, config["site_dir"], config["use_directory_urls"])
             for path in paths]
    set_exclusions(pages, config)
    pages.sort(key=file_sort_key)
    return Files(pages + [f for f in files if f.src_dir != docs])


# ---- in `sskb build` ----

def stream_language(view: View, language: str, settings: Settings, folder: Path,
                    mkdocs_input: IO[bytes]) -> tuple[int, int]:
    """Announce the pages to MkDocs, then render and write them in another process, in
    MkDocs' reading order; return how many pages there are and how many were written."""
    pages = sorted(all_pages(view), key=lambda page: reading_order(page[0]))
    paths = [page[0] for page in pages]
    folder.mkdir(parents=True, exist_ok=True)
    remove_stale(folder, paths)
    mkdocs_input.write((json.dumps(paths) + "\n").encode("utf-8"))
    mkdocs_input.flush()
    receiving, sending = multiprocessing.Pipe(duplex=False)
    # Forked: the process inherits the validated view and MkDocs' input instead of
    # receiving them pickled.
    renderer = multiprocessing.get_context("fork").Process(
        target=_render_and_announce,
        args=(view, language, settings, folder, pages, mkdocs_input.fileno(), sending))
    renderer.start()
    sending.close()
    try:
        written = receiving.recv()
    except EOFError:
        written = None
    renderer.join()
    # Success is the result received, not the exit code: a process forked from a thread
    # can exit with 1 after its work, while Python shuts its threading down.
    if written is None:
        raise RenderingFailed(f"rendering the {language} pages stopped "
                              f"(exit code {renderer.exitcode})")
    return len(paths), written


def _render_and_announce(view: View, language: str, settings: Settings, folder: Path,
                         pages: list, announce: int, result) -> None:
    renderer = LanguageRenderer(view, language, settings)
    written = 0
    try:
        for path, template, values, _ in pages:
            written += write_page(folder / path, renderer.render(template, path, **values))
            os.write(announce, (path + "\n").encode("utf-8"))
    except BrokenPipeError:  # MkDocs stopped; `sskb build` reports what it printed
        return
    result.send(written)
