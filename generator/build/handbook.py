"""One language's handbook: the document printed to PDF, then the web edition that links
it, both written into the language's `handbook/` folder of the site. `sskb build` makes
one per language before the language's pages, which link the PDF with its size and each
practice's page; `sskb handbook` makes them alone."""

from __future__ import annotations

import threading
import time
from concurrent.futures import Future
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Callable

from babel.units import format_unit

from ..site.handbook import Handbook, PdfLink
from ..site.settings import HandbookLink, Settings
from ..site.view import View
from .write import link_files, write_files

if TYPE_CHECKING:
    from .handbook_pdf import Printer

FOLDER = "handbook"


def pdf_name(language: str) -> str:
    return f"south-south-handbook-{language}.pdf"


@dataclass(frozen=True)
class Edition:
    language: str
    web: str                 # the web edition's HTML
    pdf: bytes | None        # None when only the web edition was asked for
    link: HandbookLink | None

    def files(self) -> dict[str, str | bytes]:
        """File name (in the `handbook/` folder) -> content."""
        files: dict[str, str | bytes] = {"index.html": self.web}
        if self.pdf is not None:
            files[pdf_name(self.language)] = self.pdf
        return files


@dataclass(frozen=True)
class Spilled:
    """An edition whose files wait on disk until the language writes them: held in
    memory, a web edition of 10,000 practices was 130 MB, and every language's waited.
    They wait in `site/handbook/`, as in the language's site: the audit reads the web
    edition there while the language's pages are built. `sskb build`'s editions are made
    so (`spill_edition`)."""

    language: str
    link: HandbookLink | None
    site: Path

    @property
    def folder(self) -> Path:
        return self.site / FOLDER

    @property
    def pdf_size(self) -> int | None:
        return None if self.link is None else (self.folder / self.link.name).stat().st_size


def size_text(size: int, language: str) -> str:
    """A file's size as the language writes it: "512 kB", "1,2 Mo"."""
    if size < 1_000_000:
        return format_unit(max(1, round(size / 1000)), "digital-kilobyte", length="short",
                           locale=language)
    return format_unit(size / 1_000_000, "digital-megabyte", length="short", locale=language,
                       format="#,##0.0")


def make_edition(view: View, language: str, settings: Settings, edition: date, epoch: int,
                 printer: Printer | None) -> Edition:
    """The language's handbook, in memory: printed to PDF when a `printer` is given."""
    pdf, link = _printed(view, language, settings, edition, epoch, printer)
    web = _web(view, language, settings, edition, link).render_document()
    return Edition(language, web, pdf, link)


def spill_edition(view: View, language: str, settings: Settings, edition: date, epoch: int,
                  printer: Printer | None, site: Path) -> Spilled:
    """The language's handbook, as `make_edition`, written into `site/handbook/` (the web
    edition as it is rendered, never whole in memory)."""
    pdf, link = _printed(view, language, settings, edition, epoch, printer)
    folder = site / FOLDER
    folder.mkdir(parents=True, exist_ok=True)
    write_files(folder, {pdf_name(language): pdf} if pdf is not None else {})
    with open(folder / "index.html", "w", encoding="utf-8", newline="") as web:
        _web(view, language, settings, edition, link).write_document(web)
    return Spilled(language, link, site)


def _printed(view, language, settings, edition, epoch, printer
             ) -> tuple[bytes | None, HandbookLink | None]:
    if printer is None:
        return None, None
    pdf, pages = printer.print(Handbook(view, language, settings, edition), epoch)
    return pdf, HandbookLink(pdf_name(language), size_text(len(pdf), language), pages)


def _web(view, language, settings, edition, link: HandbookLink | None) -> Handbook:
    return Handbook(view, language, settings, edition, for_print=False,
                    pdf=PdfLink(link.name, link.size) if link else None)


class Handbooks:
    """Every language's handbook of one build, laid out one after another by Typst in a
    thread of its own (Typst lets go of Python's lock while it works), in the order the
    languages are built: while a language's MkDocs builds, the next language's handbook
    is laid out. A language's build waits for its own handbook only (its pages link the
    PDF with its size)."""

    def __init__(self, languages, pdf: bool, on_printed: Callable[[Edition, float], None],
                 spill_into: Path | None = None):
        self.languages, self.pdf, self._on_printed = tuple(languages), pdf, on_printed
        self._editions: dict[str, Future] = {language: Future() for language in languages}
        self._thread: threading.Thread | None = None
        self._spill_into = spill_into  # where editions wait on disk, if anywhere

    def start(self, view: View, settings_for: Callable[[str], Settings], edition: date,
              epoch: int) -> None:
        self._thread = threading.Thread(target=self._print, name="handbooks", daemon=True,
                                        args=(view, settings_for, edition, epoch))
        self._thread.start()

    def __enter__(self) -> "Handbooks":
        return self

    def __exit__(self, *exc) -> None:
        """Wait for the thread: it may still be writing an edition to disk."""
        if self._thread is not None:
            self._thread.join()

    def edition(self, language: str) -> Edition | Spilled:
        return self._editions[language].result()

    def _print(self, view, settings_for, edition, epoch) -> None:
        try:
            printer = _printer() if self.pdf else None
            for language in self.languages:
                begun = time.perf_counter()
                arguments = (view, language, settings_for(language), edition, epoch, printer)
                made = make_edition(*arguments) if self._spill_into is None else \
                    spill_edition(*arguments, self._spill_into / language)
                self._on_printed(made, time.perf_counter() - begun)
                self._editions[language].set_result(made)
        except BaseException as error:  # every language still waiting hears of it
            for future in self._editions.values():
                if not future.done():
                    future.set_exception(error)


def _printer() -> Printer:
    # Imported for the PDFs only: Typst, its converter and qpdf (pikepdf) were 0.05 s of
    # processor time at the start of every command, `--no-pdf` builds included.
    from .handbook_pdf import Printer

    return Printer()


def write_edition(site_language: Path, edition: Edition | Spilled) -> list[str]:
    """Write the edition's files into `site_language/handbook/`; the names written. A
    spilled edition's files are linked (or copied) from where they waited, not read back."""
    if isinstance(edition, Spilled):
        names = sorted(path.name for path in edition.folder.iterdir())
        link_files(edition.folder, site_language / FOLDER, names)
        return names
    return write_files(site_language / FOLDER, edition.files())
