"""What the open-data and insight outputs add to a build (issue "open data and insight"):
exports, feeds, charts, related practices and the insight matrices, per language, on a
synthetic knowledge base, next to MkDocs' build of the same languages in the same run.

Target: under 10% of MkDocs' time. Prints each output's time and the ratio.

    python benchmarks/outputs_speed.py [--practices 1000] [--languages 6]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from site_speed import mkdocs, project, write_languages  # noqa: E402

from generator.kb.codes import UN_LANGUAGES  # noqa: E402
from generator.kb.validate import load_knowledge_base  # noqa: E402
from generator.site import insight, related  # noqa: E402
from generator.site.exports import export_files  # noqa: E402
from generator.site.feeds import feed_files  # noqa: E402
from generator.site.render import LanguageRenderer  # noqa: E402
from generator.site.settings import Settings  # noqa: E402
from generator.site.view import make_view  # noqa: E402


def timed(function) -> float:
    start = time.perf_counter()
    function()
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--practices", type=int, default=1000)
    parser.add_argument("--languages", type=int, default=6)
    args = parser.parse_args()
    languages = UN_LANGUAGES[:args.languages]
    with tempfile.TemporaryDirectory() as work:
        root = project(Path(work) / "kb", args.practices)
        kb, problems = load_knowledge_base(root)
        assert not problems, problems[:3]
        view = make_view(kb)
        write_languages(root, view, languages)
        built = mkdocs(root, languages, Path(work) / "site", 1)
        settings = Settings()
        times = {"related practices (once)": timed(lambda: related.related(view.practices))}
        for name, make in (
                ("exports", lambda lang: dict(export_files(view, lang, settings))),
                ("feeds", lambda lang: feed_files(view, lang, settings)),
                ("charts", lambda lang: insight.chart_files(
                    LanguageRenderer(view, lang, settings))),
                ("coverage matrices", lambda lang: (insight.coverage(view, "pillars"),
                                                    insight.coverage(view, "themes")))):
            times[name] = sum(timed(lambda lang=lang: make(lang)) for lang in languages)
        total = sum(times.values())
        print(f"practices x languages: {args.practices} x {len(languages)}")
        print(f"MkDocs (one language after another): {built:.2f} s")
        for name, seconds in times.items():
            print(f"  {name}: {seconds:.2f} s")
        print(f"outputs in all: {total:.2f} s; ratio to MkDocs {total / built:.3f} "
              "(target < 0.10)")


if __name__ == "__main__":
    main()
