"""The handbook printed to PDF by Chromium (Debian's, driven by Playwright): tagged, its
language and title in the metadata, fonts embedded and subset. Chromium lays out Arabic
and Chinese with the system's Noto fonts.

A browser cannot write the page a link leads to (CSS `target-counter`), so the handbook is
printed twice: the first PDF says on which page each anchor landed (its named
destinations), the numbers are written into the page, already laid out, where the first
pass held a number as wide, and the second PDF is the handbook. Two prints of one
document differ only in their dates, which are then set from the build's date.

Then the PDF is finished by an incremental update (`pdf_update`): its outline, and the
text its Chinese glyphs stand for; and qpdf packs its objects into compressed object
streams.
"""

from __future__ import annotations

import io
import os
import re
import shutil
from datetime import datetime, timezone
from typing import Callable

from pypdf import PdfReader

from .pdf_update import compacted, finished
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
        return compacted(finished(dated(pdf, epoch), outline)), pages


def destination_pages(pdf: bytes) -> dict[str, int]:
    """Anchor -> page number (from 1) of every named destination of a PDF."""
    reader = PdfReader(io.BytesIO(pdf))
    return {name.lstrip("/"): reader.get_destination_page_number(destination) + 1
            for name, destination in reader.named_destinations.items()}


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
