"""The protocol between `sskb build` and one language's running MkDocs build: both ends.

MkDocs converts and renders pages one after another on one core. `sskb build` starts it
while the records are still being validated, then tells it which pages there will be, and
writes them in the order MkDocs reads them: MkDocs reads each page as soon as it is
written, and the generator, ten times faster than MkDocs' conversion, hides behind it.

On MkDocs' standard input (`Announcer` -> `PageStream`): one JSON line, the paths of the
pages; then one line per page as soon as its file is written (unchanged files are
announced too, since a file left over from the previous build must not be read before it
is confirmed). Input that ends before a page is announced means the generation stopped.

The other way (`WrittenPages` -> `written_pages`), on a file descriptor `sskb build` passes
to MkDocs: one line per HTML page once MkDocs has written it, then an empty line when the
build ends, so that the audit reads the first pages while MkDocs still builds the others.
"""

from __future__ import annotations

import json
import os
import select
import threading
from functools import lru_cache
from pathlib import Path
from types import SimpleNamespace
from typing import IO, Callable, Iterable, Iterator

from mkdocs.structure.files import File, Files, file_sort_key, set_exclusions

from .tools import delimited

ENV = "SSKB_STREAM"
WRITTEN = "SSKB_WRITTEN_FD"  # where MkDocs tells the pages it has written


@lru_cache(maxsize=None)  # the same few thousand paths at every save under `sskb serve`
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
        # Stops once every page is announced, without waiting for the end of input: a
        # process forked by `sskb build` (an audit worker) may hold the pipe open after
        # MkDocs has finished, and a thread still reading standard input then stops
        # Python's shutdown.
        try:
            for raw in lines:
                line = raw.decode("utf-8")
                with self._changed:
                    if self._paths is None:
                        self._paths = json.loads(line)
                    else:
                        self._ready.add(line.rstrip("\n"))
                    self._changed.notify_all()
                    if len(self._ready) == len(self._paths):
                        break
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


class WrittenPages:
    """Tells `sskb build` each page MkDocs has written. MkDocs writes a page's file after
    `on_post_page`, so each page is told at the next one's, and the last at the end."""

    def __init__(self, fd: int):
        self._fd, self._pending = fd, None

    def built(self, path: str) -> None:
        self._tell()
        self._pending = path

    def end(self) -> None:
        self._tell()
        os.write(self._fd, b"\n")
        os.close(self._fd)

    def _tell(self) -> None:
        if self._pending is not None:
            os.write(self._fd, (self._pending + "\n").encode("utf-8"))
            self._pending = None


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

class Announcer:
    """Tells MkDocs, on its standard input, the pages there will be, then each one written."""

    def __init__(self, mkdocs_input: IO[bytes]):
        self._input = mkdocs_input

    def paths(self, paths: list[str]) -> None:
        self._say(json.dumps(paths))

    def written(self, path: str) -> None:
        self._say(path)

    def _say(self, line: str) -> None:
        self._input.write((line + "\n").encode("utf-8"))
        self._input.flush()


def written_pages(pipe: IO[bytes], size: int,
                  running: Callable[[], bool]) -> Iterator[list[str]]:
    """The pages MkDocs tells it has written (on `pipe`, unbuffered), in batches of `size`."""
    batch = []
    for path in _told(pipe, running):
        batch.append(path)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


def _told(pipe: IO[bytes], running: Callable[[], bool]) -> Iterator[str]:
    """Lines until MkDocs says it has ended, or stops (`running` false) without saying so.
    Not until the end of input: that comes only once every process holding the pipe,
    forked ones included, has closed it."""
    for line in delimited(_chunks(pipe, running), b"\n"):
        if not line:  # the end of the build
            return
        yield line.decode("utf-8")


def _chunks(pipe: IO[bytes], running: Callable[[], bool]) -> Iterator[bytes]:
    while True:
        if not select.select([pipe], [], [], 0.2)[0]:
            if running():
                continue
            return
        chunk = pipe.read(65536)
        if not chunk:
            return
        yield chunk
