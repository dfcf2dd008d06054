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

A language of more than PART pages is indexed in parts, each by a Pagefind process of its
own, the pages dealt to them in turn; the search page merges them (Pagefind's
`mergeIndex`). Each part builds its index once the one before has written its own and
ended, so that one index at a time is built in memory. Each part also gets a page of the
words only the others hold (search_vocabulary), so that it finds what one index would.
"""

from __future__ import annotations

import os
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from .pagefind_service import PagefindService, add_file, get_files
from .search_vocabulary import VOCABULARY_URL, Vocabulary
from .write import write_files

FEED = "SSKB_PAGEFIND_FD"  # where MkDocs sends the pages: the services' inputs
# Pages per index, about, at most. Pagefind holds about 70 KB per page while it builds an
# index (715 MB for 10,000 practice pages; 330 MB for 3,400), and one index of about
# 30,000 pages runs out of memory (upstream issue 842). Dealt in turn, the parts' pages are
# alike, and so are the parts' word statistics, which give each result's score.
PART = 4000
# What the search page reads of a part other than the first, whose bundle it loads: the
# part's entry, metadata, word index, filters and fragments (not its scripts, styles or
# WebAssembly).
MERGED = ("pagefind-entry.json", "index/", "filter/", "fragment/")

# Only pages of these sections carry data-pagefind-body (overrides/main.html); the others
# need not be read when a built site is indexed.
SECTIONS = frozenset({"practices", "experts", "centres", "organizations", "about",
                      "contribute"})

# Pagefind's extended binary segments Chinese (and Japanese) words; for the other languages
# the standard binary indexes the same pages about a third faster (measured here: 0.74 s
# against 1.13 s for 1,000 practice pages).
SEGMENTED = frozenset({"zh"})


class Deal:
    """Deals an index's pages to its parts in turn; when there are several, notes each
    part's words, for the vocabulary pages given last."""

    def __init__(self, parts: int):
        self.parts = parts
        self._dealt = 0
        self._vocabulary = Vocabulary(parts) if parts > 1 else None

    def part(self, page: str) -> int:
        """The part that gets `page` (HTML for Pagefind)."""
        part = self._dealt % self.parts
        self._dealt += 1
        if self._vocabulary:
            self._vocabulary.note(part, page)
        return part

    def last_pages(self) -> list[tuple[int, str, str]]:
        """(part, URL, HTML) of the pages each part gets once every page is dealt."""
        if not self._vocabulary:
            return []
        return [(part, VOCABULARY_URL, page)
                for part, page in enumerate(self._vocabulary.pages())]


def parts_for(pages: int) -> int:
    """In how many parts an index of about `pages` pages is built."""
    return max(1, -(-pages // PART))


def part_folder(part: int) -> str:
    """Where a part of a language's index is written, in the language's site."""
    return "pagefind" if part == 0 else f"pagefind/part-{part}"


class Indexer:
    """One language's index, in `parts` Pagefind services: MkDocs feeds them
    (`environment`), or pages are sent with `add`, then `ask`. Each part is written into
    site/<language>/pagefind (the first) or its part-N folder as soon as Pagefind gives
    it, by a thread that reads the answers meanwhile, then asks the next part for its
    index; `publish` waits for that. A context manager."""

    def __init__(self, site: Path, language: str, parts: int = 1):
        self.site, self.language = site, language
        self._services = [PagefindService(executable(language), {
            "root_selector": "article", "exclude_selectors": [".headerlink"],
            "force_language": language}) for _ in range(parts)]
        self._deal = Deal(parts)
        self._writer = ThreadPoolExecutor(max_workers=1)
        self._written = self._writer.submit(self._write)

    def environment(self) -> dict:
        """What MkDocs' environment needs to feed the index (with `pass_fds=inputs`)."""
        return {FEED: ",".join(map(str, self.inputs))}

    @property
    def inputs(self) -> tuple[int, ...]:
        return tuple(service.input for service in self._services)

    def add(self, path: str, html: str) -> None:
        """Send one page: its path in the language's site, and its HTML."""
        self._services[self._deal.part(html)].request(add_file, page_url(path), html)

    def ask(self) -> None:
        """Every page is sent: ask for the index (its first part; the others follow)."""
        for part, url, html in self._deal.last_pages():
            self._services[part].request(add_file, url, html)
        self._services[0].request(get_files)

    def publish(self) -> None:
        """Wait until the index is written into the site (BuildError if it could not be)."""
        self._written.result()

    def _write(self) -> None:
        # The first part's index is asked for once every page is sent, to every part: the
        # others are asked for here, one after another, each once the last has ended.
        for part, service in enumerate(self._services):
            if part:
                service.request(get_files)
            files = service.files()
            write_files(self.site / self.language / part_folder(part),
                        files if part == 0 else merged_files(files))
            service.stop()  # its memory goes back before the next part builds its index

    def __enter__(self) -> Indexer:
        return self

    def __exit__(self, *exc) -> None:
        for service in self._services:
            service.stop()  # the thread then stops reading, if it has not ended
        self._writer.shutdown()
        for service in self._services:
            service.close()


def merged_files(files):
    """The files of a part's bundle that the search page reads (MERGED)."""
    return ((path, content) for path, content in files
            if path.startswith(MERGED) or path.endswith(".pf_meta"))


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
    language's Pagefind services (in turn, when the index is in parts) once converted,
    then asks for the index."""

    def __init__(self, fds: list[int]):
        self._services = [os.fdopen(fd, "wb") for fd in fds]
        self._sent = [0] * len(fds)
        self._deal = Deal(len(fds))

    @classmethod
    def from_environment(cls) -> SearchFeed | None:
        fds = os.environ.get(FEED)
        return cls([int(fd) for fd in fds.split(",")]) if fds else None

    def page(self, page, content: str) -> None:
        # The pages whose content the theme marks data-pagefind-body (overrides/main.html),
        # marked as it does: Pagefind reads only what is inside.
        if page.meta.get("sskb_kind"):
            html = f"<article><div data-pagefind-body>{content}</div></article>"
            self._send(self._deal.part(html), page_url(page.file.dest_uri), html)

    def _send(self, part: int, url: str, html: str) -> None:
        self._sent[part] += 1
        self._services[part].write(add_file(self._sent[part], url, html))
        self._services[part].flush()

    def converted(self) -> None:
        """Every page is converted: ask for the index, which Pagefind builds while MkDocs
        renders the pages (its first part: `Indexer` asks for the others in turn)."""
        for part, url, html in self._deal.last_pages():
            self._send(part, url, html)
        self._services[0].write(get_files(self._sent[0] + 1))
        for service in self._services:
            service.close()


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
