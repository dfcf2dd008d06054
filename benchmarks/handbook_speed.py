"""The handbook of one language against the same language's MkDocs build, in the same run,
on a synthetic knowledge base.

Target (issue "handbook"): the handbook (its PDF laid out by Typst and its web edition)
takes at most half of MkDocs' build. Prints both times (best of --repeat), their ratio,
the PDF's pages and size, and where the handbook's time goes.

    python benchmarks/handbook_speed.py [--practices 1000] [--language en] [--repeat 2]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

import typst

sys.path.insert(0, str(Path(__file__).resolve().parent))
from site_speed import project, write_languages  # noqa: E402

from generator.build import handbook_typst, mkdocs_process  # noqa: E402
from generator.build.handbook import make_edition  # noqa: E402
from generator.build.handbook_pdf import (Printer, destination_pages,  # noqa: E402
                                          edition_settings)
from generator.build.typeset import compacted  # noqa: E402
from generator.kb.validate import load_knowledge_base  # noqa: E402
from generator.site.handbook import Handbook  # noqa: E402
from generator.site.settings import Settings  # noqa: E402
from generator.site.view import make_view  # noqa: E402


def best(function, repeat: int) -> tuple[float, object]:
    times, result = [], None
    for _ in range(repeat):
        start = time.perf_counter()
        result = function()
        times.append(time.perf_counter() - start)
    return min(times), result


def parts(view, language: str, settings: Settings) -> dict[str, float]:
    """The time of each step of one edition, one after another."""
    took, begun = {}, time.perf_counter()

    def step(name):
        nonlocal begun
        now = time.perf_counter()
        took[name], begun = now - begun, now

    document = Handbook(view, language, settings, date.today())
    html = document.render_document()
    step("HTML")
    source = handbook_typst.document(html, edition_settings(document),
                                     dict(document.running_headers()))
    step("to Typst")
    pdf = typst.compile(source.encode())
    step("Typst")
    destination_pages(pdf)
    step("page numbers read")
    compacted(pdf)
    step("packed")
    Handbook(view, language, settings, date.today(), for_print=False).render_document()
    step("web edition")
    return took


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
        settings, printer = Settings(), Printer()
        handbook, edition = best(lambda: make_edition(
            view, args.language, settings, date.today(), 0, printer), args.repeat)
        mkdocs, _ = best(lambda: mkdocs_process.mkdocs_build(root, args.language, site,
                                                             drafts=False), args.repeat)
        steps = parts(view, args.language, settings)
        pages = max(edition.link.pages.values())
        print(f"practices:          {args.practices} ({args.language})")
        print(f"MkDocs build:       {mkdocs:.2f} s")
        print(f"handbook:           {handbook:.2f} s (PDF: {pages:,}+ pages, "
              f"{len(edition.pdf) / 1e6:.1f} MB; web edition "
              f"{len(edition.web.encode()) / 1e6:.1f} MB)")
        print("  of which: " + ", ".join(f"{name} {seconds:.2f} s"
                                         for name, seconds in steps.items()))
        print(f"ratio handbook / MkDocs: {handbook / mkdocs:.2f} (target <= 0.5)")


if __name__ == "__main__":
    main()
