"""The handbook of one language against the same language's MkDocs build, in the same run,
on a synthetic knowledge base.

Target (issue "handbook"): the handbook (its PDF printed by Chromium, twice for its page
numbers, its outline added, and its web edition) takes at most half of MkDocs' build.
Prints both times (best of --repeat), their ratio, the PDF's pages and size, and where
the handbook's time goes.

    python benchmarks/handbook_speed.py [--practices 1000] [--language en] [--repeat 2]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from site_speed import project, write_languages  # noqa: E402

from generator.build import handbook_pdf, mkdocs_process  # noqa: E402
from generator.build.handbook import make_edition  # noqa: E402
from generator.kb.validate import load_knowledge_base  # noqa: E402
from generator.site.handbook import Handbook  # noqa: E402
from generator.site.settings import Settings  # noqa: E402
from generator.site.view import make_view  # noqa: E402


class TimedPrinter(handbook_pdf.Printer):
    """The printer, with the time of its parts kept."""

    def __init__(self):
        self.parts: dict[str, float] = {}

    def print(self, html, number, epoch, outline):
        start = time.perf_counter()
        original = handbook_pdf.with_outline
        try:
            def timed_outline(pdf, items):
                begun = time.perf_counter()
                result = original(pdf, items)
                self.parts["outline"] = time.perf_counter() - begun
                return result
            handbook_pdf.with_outline = timed_outline
            result = super().print(html, number, epoch, outline)
        finally:
            handbook_pdf.with_outline = original
        self.parts["print"] = time.perf_counter() - start - self.parts["outline"]
        return result


def best(function, repeat: int) -> tuple[float, object]:
    times, result = [], None
    for _ in range(repeat):
        start = time.perf_counter()
        result = function()
        times.append(time.perf_counter() - start)
    return min(times), result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--practices", type=int, default=1000)
    parser.add_argument("--language", default="en")
    parser.add_argument("--repeat", type=int, default=2)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as work:
        root = project(Path(work) / "kb", args.practices)
        kb, problems = load_knowledge_base(root)
        assert not problems, problems[:3]
        view = make_view(kb)
        write_languages(root, view, (args.language,))
        site = Path(work) / "site"
        mkdocs, _ = best(lambda: mkdocs_process.mkdocs_build(root, args.language, site,
                                                             drafts=False), args.repeat)
        settings = Settings()
        render, _ = best(lambda: Handbook(view, args.language, settings,
                                          date.today()).render_document(), args.repeat)
        with TimedPrinter() as printer:
            handbook, edition = best(lambda: make_edition(
                view, args.language, settings, date.today(), 0, printer), args.repeat)
        pages = max(edition.link.pages.values())
        print(f"practices:          {args.practices} ({args.language})")
        print(f"MkDocs build:       {mkdocs:.2f} s")
        print(f"handbook:           {handbook:.2f} s (PDF: {pages:,}+ pages, "
              f"{len(edition.pdf) / 1e6:.1f} MB; web edition "
              f"{len(edition.web.encode()) / 1e6:.1f} MB)")
        print(f"  of which: HTML {render:.2f} s a document (the PDF's and the web edition's), "
              f"Chromium's two prints and page numbers {printer.parts['print']:.2f} s, "
              f"outline {printer.parts['outline']:.2f} s")
        print(f"ratio handbook / MkDocs: {handbook / mkdocs:.2f} (target <= 0.5)")


if __name__ == "__main__":
    main()
