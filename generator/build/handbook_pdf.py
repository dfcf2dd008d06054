"""The handbook laid out to PDF by Typst (the `typst` package: its compiler in Rust, no
browser): tagged, its outline made of its headings, its language and title in the
metadata, fonts embedded and subset, Arabic shaped and set right to left. The fonts are
the machine's Noto families, as for the web edition.

The handbook's HTML (`site/handbook.py`) is written as Typst markup
(`handbook_typst.py`); Typst places every page number itself (the contents', the index's,
the footers'), and dates the PDF with the build's date, so that two builds of one commit
give the same bytes. qpdf (pikepdf) then packs its objects. Typst runs in a process of
its own (`typeset.py`).
"""

from __future__ import annotations

import io
import subprocess
import sys

import pikepdf
import typst

from ..site.handbook import Handbook
from . import handbook_typst
from .tools import BuildError

FONTS_PACKAGES = "apt-get install fonts-noto-core fonts-noto-cjk"
# The families of a text, in the order Typst tries them for each character: the
# edition's script first, then the others a fallback text may be in.
SERIF = {"latin": "Noto Serif", "arabic": "Noto Naskh Arabic", "cjk": "Noto Serif CJK SC"}
SANS = {"latin": "Noto Sans", "arabic": "Noto Sans Arabic", "cjk": "Noto Sans CJK SC"}
SCRIPTS = {"ar": ("arabic", "latin", "cjk"), "zh": ("cjk", "latin", "arabic")}


class FontsMissing(BuildError):
    """The fonts the handbook needs are not installed; the message says how to get them."""


def fonts(language: str) -> dict[str, list[str]]:
    order = SCRIPTS.get(language, ("latin", "arabic", "cjk"))
    return {"text": [SERIF[s] for s in order], "heading": [SANS[s] for s in order]}


def edition_settings(document: Handbook) -> dict:
    """What `handbook.typ` reads of the edition: its language, title and numerals."""
    t = document.t
    return {"lang": document.language, "rtl": t.direction == "rtl",
            "title": t("handbook_title"), "site": t("site_name"),
            "digits": [t.number(digit) for digit in range(10)],
            "group": t.number(1000)[1:-3],
            "draft": t("handbook_draft_edition") if document.view.drafts else "",
            "fonts": fonts(document.language)}


class Printer:
    """Lays out editions to PDF; one per build (it checks the fonts once)."""

    def __init__(self):
        missing = sorted({*SERIF.values(), *SANS.values()} - set(typst.Fonts().families()))
        if missing:
            raise FontsMissing(f"the PDF handbook needs the fonts {', '.join(missing)}: "
                               f"{FONTS_PACKAGES}")

    def print(self, document: Handbook, epoch: int) -> tuple[bytes, dict[str, int]]:
        """The edition's PDF, and the page of each of its headings."""
        html = document.render_document()
        source = handbook_typst.document(html, edition_settings(document),
                                         dict(document.running_headers()))
        done = subprocess.run([sys.executable, "-m", "generator.build.typeset", str(epoch)],
                              input=source.encode("utf-8"), capture_output=True)
        if done.returncode < 0:  # killed: the system's memory, most likely
            raise BuildError(
                f"laying out the {document.language} handbook, Typst's process was stopped "
                f"by signal {-done.returncode} (out of memory? it needs about 1 GB for "
                f"1,000 practices); `sskb build --no-pdf` builds the site without the PDFs")
        if done.returncode:  # the converter's fault, not the data's
            raise BuildError(f"Typst could not lay out the {document.language} handbook: "
                             f"{done.stderr.decode(errors='replace').strip()}")
        return done.stdout, destination_pages(done.stdout)


def destination_pages(pdf: bytes) -> dict[str, int]:
    """Anchor -> page number (from 1) of every named destination of a PDF (Typst writes
    them in the catalog's name tree). Read by qpdf: pypdf took 0.4 s for 1,000
    practices' edition, qpdf 0.09 s."""
    with pikepdf.open(io.BytesIO(pdf)) as document:
        numbers = {page.objgen: n for n, page in enumerate(document.pages, 1)}
        names = document.Root.get("/Names")
        tree = names.get("/Dests") if names is not None else None
        found = {}
        for name, destination in pikepdf.NameTree(tree).items() if tree is not None else ():
            if isinstance(destination, pikepdf.Dictionary):
                destination = destination.D
            found[name] = numbers[destination[0].objgen]
        return found
