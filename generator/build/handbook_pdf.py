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

from pypdf import PdfReader, PdfWriter

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
            pdf = page.pdf(**PDF_OPTIONS)
            pages = destination_pages(pdf)
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
    """The PDF with these bookmarks, each leading to its anchor's page, shown when the PDF
    opens (an incremental update: the printed bytes stay as they are)."""
    reader = PdfReader(io.BytesIO(pdf))
    destinations = reader.named_destinations
    writer = PdfWriter(reader, incremental=True)
    parents: dict[int, object] = {}
    for level, title, anchor in outline:
        destination = destinations.get(f"/{anchor}")
        if destination is None:
            raise BuildError(f"the handbook's heading {anchor!r} has no place in the PDF")
        parents[level] = writer.add_outline_item(
            title=title, page_number=reader.get_destination_page_number(destination),
            parent=parents.get(level - 1))
    writer.page_mode = "/UseOutlines"
    out = io.BytesIO()
    writer.write(out)
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
