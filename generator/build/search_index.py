"""Pagefind: one language's search index, fed page by page while MkDocs builds.

Under `sskb build`, MkDocs sends each page's content to the language's Pagefind service
(pagefind_service) as soon as it has converted it, and asks for the index once it has
converted the last one: Pagefind indexes while MkDocs converts, and compresses the index
while MkDocs renders the pages, on a core MkDocs leaves idle. The index is written into
site/<language>/pagefind as soon as it comes (MkDocs empties the site folder only when it
starts).

What Pagefind reads is what the page's data-pagefind-body holds (overrides/main.html): the
page's content. A test checks that this gives the same fragments as Pagefind's reading of
the built pages.
"""

from __future__ import annotations

import os
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from .pagefind_service import PagefindService, add_file, get_files
from .write import write_files

FEED = "SSKB_PAGEFIND_FD"  # where MkDocs sends the pages: the service's input

# Only pages of these sections carry data-pagefind-body (overrides/main.html); the others
# need not be read when a built site is indexed.
SECTIONS = frozenset({"practices", "experts", "centres", "organizations", "about",
                      "contribute"})

# Pagefind's extended binary segments Chinese (and Japanese) words; for the other languages
# the standard binary indexes the same pages about a third faster (measured here: 0.74 s
# against 1.13 s for 1,000 practice pages).
SEGMENTED = frozenset({"zh"})


class Indexer:
    """One language's index, in a Pagefind service: MkDocs feeds it (`environment`), or
    pages are sent with `add`, then `ask`. The index is written into
    site/<language>/pagefind as soon as Pagefind gives it, by a thread that reads its
    answers meanwhile; `publish` waits for that. A context manager."""

    def __init__(self, site: Path, language: str):
        self.site, self.language = site, language
        self._service = PagefindService(executable(language), {
            "root_selector": "article", "exclude_selectors": [".headerlink"],
            "force_language": language})
        self._writer = ThreadPoolExecutor(max_workers=1)
        self._written = self._writer.submit(self._write)

    def environment(self) -> dict:
        """What MkDocs' environment needs to feed the index (with `pass_fds=(input,)`)."""
        return {FEED: str(self.input)}

    @property
    def input(self) -> int:
        return self._service.input

    def add(self, path: str, html: str) -> None:
        """Send one page: its path in the language's site, and its HTML."""
        self._service.request(add_file, page_url(path), html)

    def ask(self) -> None:
        """Every page is sent: ask for the index."""
        self._service.request(get_files)

    def publish(self) -> None:
        """Wait until the index is written into the site (BuildError if it could not be)."""
        self._written.result()

    def _write(self) -> None:
        write_files(self.site / self.language / "pagefind", self._service.files())

    def __enter__(self) -> Indexer:
        return self

    def __exit__(self, *exc) -> None:
        self._service.stop()  # the thread then stops reading, if it has not ended
        self._writer.shutdown()
        self._service.close()


def index_language(site: Path, language: str) -> None:
    """Index the pages of site/<language> already written, into site/<language>/pagefind."""
    pages = site / language
    paths = sorted(p.relative_to(pages).as_posix() for p in pages.rglob("*.html"))
    index_pages(site, language, {path: (pages / path).read_text(encoding="utf-8")
                                 for path in paths if indexed(path)})


def index_pages(site: Path, language: str, pages: dict[str, str]) -> None:
    """Index `pages` (path in the language's site: HTML) into site/<language>/pagefind."""
    with Indexer(site, language) as index:
        for path, html in pages.items():
            index.add(path, html)
        index.ask()
        index.publish()


class SearchFeed:
    """In MkDocs' process, under `sskb build`: sends each indexed page's content to the
    language's Pagefind service once converted, then asks for the index."""

    def __init__(self, fd: int):
        self._service = os.fdopen(fd, "wb")
        self._sent = 0

    @classmethod
    def from_environment(cls) -> SearchFeed | None:
        fd = os.environ.get(FEED)
        return cls(int(fd)) if fd else None

    def page(self, page, content: str) -> None:
        # The pages whose content the theme marks data-pagefind-body (overrides/main.html),
        # marked as it does: Pagefind reads only what is inside.
        if page.meta.get("sskb_kind"):
            self._sent += 1
            self._service.write(add_file(
                self._sent, page_url(page.file.dest_uri),
                f"<article><div data-pagefind-body>{content}</div></article>"))
            self._service.flush()

    def converted(self) -> None:
        """Every page is converted: ask for the index, which Pagefind builds while MkDocs
        renders the pages."""
        self._service.write(get_files(self._sent + 1))
        self._service.close()


def indexed(path: str) -> bool:
    section, _, rest = path.partition("/")
    return section in SECTIONS and rest.endswith(".html")


def page_url(path: str) -> str:
    """The URL Pagefind's command line gives a page, from its path in the language site."""
    return "/" + path.removesuffix("index.html")


def executable(language: str) -> Path:
    if language in SEGMENTED:
        from pagefind_bin_extended import get_executable
    else:
        from pagefind_bin import get_executable
    return Path(get_executable())
