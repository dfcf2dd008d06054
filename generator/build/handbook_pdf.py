"""The handbook printed to PDF by Chromium (Debian's, driven by Playwright): tagged, its
language and title in the metadata, fonts embedded and subset. Chromium lays out Arabic
and Chinese with the system's Noto fonts.

A browser cannot write the page a link leads to (CSS `target-counter`), so the handbook is
printed twice: the first PDF says on which page each anchor landed (its named
destinations), the numbers are written into the page, already laid out, where the first
pass held a number as wide, and the second PDF is the handbook. Two prints of one
document differ only in their dates, which are then set from the build's date.

The outline (bookmarks) is added afterwards from the document's headings, as an
incremental update: Chromium's own joins a heading's lines without their space and
reorders right-to-left ones by runs ("1الركيزة").
"""

from __future__ import annotations

import io
import os
import re
import shutil
from datetime import datetime, timezone
from typing import Callable

from pypdf import PdfReader
from pypdf.generic import (ArrayObject, DictionaryObject, IndirectObject, NameObject,
                           NullObject, NumberObject, TextStringObject)

from .tools import BuildError

BROWSER_ENV = "SSKB_CHROMIUM"
BROWSERS = ("chromium", "chromium-browser", "google-chrome")
# Chromium's own network and background work stays off: a print needs none of it.
FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--no-first-run"]
PDF_OPTIONS = dict(prefer_css_page_size=True, print_background=True, outline=False,
                   tagged=True, display_header_footer=False)
FILL = """numbers => { for (const element of document.querySelectorAll('[data-page-of]')) {
  const number = numbers[element.dataset.pageOf]; if (number) element.textContent = number; } }"""
_DATES = re.compile(rb"/(CreationDate|ModDate) \(D:\d{14}[^)]*\)")


class PrinterMissing(BuildError):
    """No browser to print with; the message says how to get one."""


def browser_path() -> str:
    found = os.environ.get(BROWSER_ENV) or next(filter(None, map(shutil.which, BROWSERS)), None)
    if not found:
        raise PrinterMissing("the PDF handbook is printed by Chromium, which is not installed: "
                             f"apt-get install chromium (or set {BROWSER_ENV} to a browser)")
    return found


class Printer:
    """One Chromium for the PDFs of a thread (Playwright's objects stay in the thread that
    made them). A context manager."""

    def __enter__(self) -> "Printer":
        from playwright.sync_api import sync_playwright

        self._playwright = sync_playwright().start()
        try:
            self._browser = self._playwright.chromium.launch(executable_path=browser_path(),
                                                             args=FLAGS)
        except BaseException:
            self._playwright.stop()
            raise
        return self

    def __exit__(self, *exc) -> None:
        self._browser.close()
        self._playwright.stop()

    def print(self, html: str, number: Callable[[int], str], epoch: int,
              outline: list[tuple[int, str, str]]) -> tuple[bytes, dict[str, int]]:
        """The PDF of `html` with `outline` ((level, title, anchor) in order), and the page
        of each of its anchors that a link leads to."""
        page = self._browser.new_page()
        try:
            page.set_content(html, wait_until="load")
            # The first print only tells where the anchors are: untagged, it takes a third
            # of the time (tags change no page).
            pages = destination_pages(page.pdf(**{**PDF_OPTIONS, "tagged": False}))
            for _ in range(3):  # numbers as wide as the first pass's move nothing: once
                page.evaluate(FILL, {anchor: number(n) for anchor, n in pages.items()})
                pdf = page.pdf(**PDF_OPTIONS)
                printed = destination_pages(pdf)
                if printed == pages:
                    break
                pages = printed
        finally:
            page.close()
        return with_outline(dated(pdf, epoch), outline), pages


def destination_pages(pdf: bytes) -> dict[str, int]:
    """Anchor -> page number (from 1) of every named destination of a PDF."""
    reader = PdfReader(io.BytesIO(pdf))
    return {name.lstrip("/"): reader.get_destination_page_number(destination) + 1
            for name, destination in reader.named_destinations.items()}


def with_outline(pdf: bytes, outline: list[tuple[int, str, str]]) -> bytes:
    """The PDF with these bookmarks, each leading where its anchor's named destination
    does, shown when the PDF opens. Written as an incremental update (new objects, a new
    catalog, their cross-reference section), so the printed bytes stay as they are:
    pypdf's own incremental writer read the whole document first, 3 s for 350 pages."""
    reader = PdfReader(io.BytesIO(pdf))
    destinations = reader.named_destinations
    trailer = reader.trailer
    size = int(trailer["/Size"])
    root_ref = trailer.raw_get("/Root")
    items = [_Item(level, title, _destination(destinations, anchor))
             for level, title, anchor in outline]
    _link(items, size + 1)
    root = DictionaryObject({NameObject("/Type"): NameObject("/Outlines")})
    top = [item for item in items if item.parent is None]
    if top:
        root[NameObject("/First")], root[NameObject("/Last")] = top[0].ref, top[-1].ref
        root[NameObject("/Count")] = NumberObject(len(items))
    catalog = DictionaryObject(reader.trailer["/Root"].get_object())
    catalog[NameObject("/Outlines")] = IndirectObject(size, 0, None)
    catalog[NameObject("/PageMode")] = NameObject("/UseOutlines")
    objects = [(size, root)] + [(item.number, item.dictionary(size)) for item in items]
    objects.append((root_ref.idnum, catalog))
    return pdf + _update(len(pdf), objects, size + 1 + len(items), root_ref, trailer,
                         _startxref(pdf))


class _Item:
    """A bookmark being written: its place among the others, then its dictionary."""

    def __init__(self, level: int, title: str, destination):
        self.level, self.title, self.destination = level, title, destination
        self.number = 0
        self.parent = self.previous = self.next = None
        self.children: list[_Item] = []

    @property
    def ref(self) -> IndirectObject:
        return IndirectObject(self.number, 0, None)

    def dictionary(self, root: int) -> DictionaryObject:
        entries = {"/Title": TextStringObject(self.title), "/Dest": self.destination,
                   "/Parent": self.parent.ref if self.parent else IndirectObject(root, 0, None)}
        for key, other in (("/Prev", self.previous), ("/Next", self.next)):
            if other is not None:
                entries[key] = other.ref
        if self.children:
            entries["/First"], entries["/Last"] = self.children[0].ref, self.children[-1].ref
            entries["/Count"] = NumberObject(len(self.children))
        return DictionaryObject({NameObject(key): value for key, value in entries.items()})


def _destination(destinations, anchor: str) -> ArrayObject:
    found = destinations.get(f"/{anchor}")
    if found is None:
        raise BuildError(f"the handbook's heading {anchor!r} has no place in the PDF")
    return ArrayObject([found.page, NameObject("/XYZ"), NullObject(), NullObject(),
                        NullObject()])


def _link(items: list[_Item], first_number: int) -> None:
    """Number the bookmarks and tie each to its parent and siblings, by their levels."""
    parents: dict[int, _Item | None] = {0: None}
    last: dict[object, _Item] = {}
    for number, item in enumerate(items, first_number):
        item.number = number
        item.parent = parents.get(item.level - 1)
        sibling = last.get(id(item.parent))
        if sibling is not None:
            sibling.next, item.previous = item, sibling
        last[id(item.parent)] = item
        if item.parent is not None:
            item.parent.children.append(item)
        parents[item.level] = item
        for deeper in [level for level in parents if level > item.level]:
            del parents[deeper]


def _startxref(pdf: bytes) -> int:
    found = re.search(rb"startxref\s+(\d+)\s+%%EOF\s*\Z", pdf)
    if found is None:
        raise BuildError("Chromium's PDF does not end as a PDF does")
    return int(found.group(1))


def _update(offset: int, objects, size: int, root_ref, trailer, previous: int) -> bytes:
    """An incremental update holding `objects` ((number, object)), at `offset`."""
    out, places = io.BytesIO(), {}
    out.write(b"\n")
    for number, value in objects:
        places[number] = offset + out.tell()
        out.write(b"%d 0 obj\n" % number)
        value.write_to_stream(out)
        out.write(b"\nendobj\n")
    xref = offset + out.tell()
    out.write(b"xref\n0 1\n0000000000 65535 f \n")  # the free list's head, as writers do
    for number in sorted(places):
        out.write(b"%d 1\n%010d 00000 n \n" % (number, places[number]))
    tail = DictionaryObject({NameObject("/Size"): NumberObject(size),
                             NameObject("/Root"): root_ref,
                             NameObject("/Prev"): NumberObject(previous)})
    if "/Info" in trailer:
        tail[NameObject("/Info")] = trailer.raw_get("/Info")
    out.write(b"trailer\n")
    tail.write_to_stream(out)
    out.write(b"\nstartxref\n%d\n%%%%EOF\n" % xref)
    return out.getvalue()


def dated(pdf: bytes, epoch: int) -> bytes:
    """The PDF with its creation and modification dates set to `epoch`, in place (the
    dates are as long as Chromium's, so no offset moves)."""
    stamp = datetime.fromtimestamp(epoch, timezone.utc).strftime("%Y%m%d%H%M%S").encode()

    def replace(match: re.Match) -> bytes:
        new = b"/" + match.group(1) + b" (D:" + stamp + b"+00'00')"
        if len(new) != len(match.group(0)):
            raise BuildError("Chromium wrote the PDF's dates in an unexpected form")
        return new

    return _DATES.sub(replace, pdf)
