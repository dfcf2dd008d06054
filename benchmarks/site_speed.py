"""Site build per stage on synthetic knowledge bases, with the issue "site" targets as ratios.

Prints, per size and language count: time and pages per second of load, validate, render,
write, MkDocs (one language after another, and in parallel), Pagefind and the audit; the average
practice page's bytes; whether a second generation rewrites anything; and, for one
language, the time to rebuild after editing one practice (`mkdocs build --dirty`, what
`sskb serve` runs) against a full build.

Render and write are first timed on their own, in one process, for the ratio of each stage
to MkDocs (stages one after another). `sskb build` instead
streams each language's pages into its running MkDocs build (generator/streaming.py): the
benchmark also times that, and for one language gives the ratio as a user meets it, the
time the streamed build adds to MkDocs alone plus Pagefind's, over MkDocs'.

Pagefind, and `sskb build` as a whole, are timed twice: a first build (no search cache),
and a rebuild after one practice changed, which reuses the last index's files for the
pages that did not change (generator/search_index.py).

    python benchmarks/site_speed.py [--sizes 100 1000 5000] [--languages 1 6]
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
import time
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from synthetic import REPO, make_knowledge_base  # noqa: E402

from generator import building, loading  # noqa: E402
from generator.audit import audit_site  # noqa: E402
from generator.linking import load_knowledge_base  # noqa: E402
from generator.generate import generate as generate_trees, load_view  # noqa: E402
from generator.rendering import Settings  # noqa: E402
from generator.search_index import CACHE, index_language  # noqa: E402
from generator.view import make_view  # noqa: E402


def timed(function, *args):
    start = time.perf_counter()
    result = function(*args)
    return result, time.perf_counter() - start


def project(root: Path, size: int) -> Path:
    make_knowledge_base(root, size)
    for name in ("mkdocs.yml", "overrides", "hooks"):
        source = REPO / name
        (shutil.copytree if source.is_dir() else shutil.copyfile)(source, root / name)
    return root


def parse_all(root: Path) -> None:
    for path in root.rglob("*.yaml"):
        loading.read_file(path)


def generate(root: Path, languages) -> tuple[dict, int]:
    """Load, validate, render and write, one stage after another: their times, and the
    page count."""
    stages = {}
    _, stages["load"] = timed(parse_all, root)
    (kb, problems), total = timed(load_knowledge_base, root)
    assert not problems, problems[:3]
    stages["validate"] = max(total - stages["load"], 0.0)
    generated = write_languages(root, make_view(kb), languages)
    stages["render"] = sum(g.render_seconds for g in generated)
    stages["write"] = sum(g.write_seconds for g in generated)
    return stages, sum(g.pages for g in generated)


def write_languages(root: Path, view, languages):
    return generate_trees(root, lambda language: Settings(), languages, view=view)


def mkdocs(root: Path, languages, site: Path, jobs: int) -> float:
    def one(language):
        building.mkdocs_build(root, language, site, drafts=False)
    start = time.perf_counter()
    with ThreadPoolExecutor(max_workers=jobs) as pool:
        list(pool.map(one, languages))
    return time.perf_counter() - start


def streamed(root: Path, languages, site: Path, jobs: int) -> float:
    """Wall time of validation and of each language's pages rendered into its running
    MkDocs build, as `sskb build` runs them before Pagefind (every page written anew)."""
    shutil.rmtree(root / "build", ignore_errors=True)
    start = time.perf_counter()
    validated = Future()
    with ThreadPoolExecutor(max_workers=jobs) as pool:
        builds = [pool.submit(building._generate_and_build, root, language, site, False,
                              None, validated, Settings(), lambda pages: None)
                  for language in languages]
        validated.set_result(load_view(root))
        for language in builds:
            language.result()
    return time.perf_counter() - start


def pagefind(site: Path, languages, cache: Path) -> float:
    start = time.perf_counter()
    for language in languages:
        index_language(site, language, cache)
    return time.perf_counter() - start


def pagefind_twice(site: Path, languages, cache: Path) -> tuple[float, float]:
    """Pagefind with an empty cache (a first build), then once one practice's page changed
    (a rebuild, which reuses the unchanged pages' files: generator/search_index.py)."""
    first = pagefind(site, languages, cache)
    for language in languages:
        page = site / language / "practices" / "practice-00007" / "index.html"
        page.write_text(page.read_text(encoding="utf-8").replace("</h1>", " edited</h1>", 1),
                        encoding="utf-8")
    return first, pagefind(site, languages, cache)


def audit(site: Path, languages) -> None:
    for language in languages:
        assert not audit_site(site / language, frozenset(), frozenset())


def practice_page_bytes(site: Path, language: str) -> float:
    pages = [p for p in (site / language / "practices").glob("*/index.html")]
    return sum(p.stat().st_size for p in pages) / len(pages)


EDITS = {
    # a typical save: the description changes; only the practice's own page changes
    "description": ("First paragraph of description 7", "First paragraph of the edited text 7"),
    # the worst case: the title changes, and so does every list that names the practice
    "title": ("Regional training of investigators number 7", "Edited title 7"),
}


def edit_one(root: Path, site: Path) -> tuple[float, dict]:
    """Full build, then one practice edited and rebuilt as `sskb serve` does.

    In one warm process, like the server: MkDocs with the hook, which regenerates the pages
    from the YAML before each build (only changed files are written), and `dirty=True`,
    which rebuilds only pages whose Markdown changed. Returns the full build's seconds and
    the seconds after each kind of edit.
    """
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config

    env = building.language_env(root, "en", site, False)
    env.pop("SSKB_GENERATED")
    saved = dict(os.environ)
    os.environ.update(env)
    try:
        start = time.perf_counter()
        mkdocs_build(load_config(str(root / "mkdocs.yml")))
        full = time.perf_counter() - start
        path = root / "practices" / "practice-00007.yaml"
        edited = {}
        for name, (old, new) in EDITS.items():
            path.write_text(path.read_text(encoding="utf-8").replace(old, new),
                            encoding="utf-8")
            start = time.perf_counter()
            mkdocs_build(load_config(str(root / "mkdocs.yml")), dirty=True)
            edited[name] = time.perf_counter() - start
            page = site / "en" / "practices" / "practice-00007" / "index.html"
            assert new in page.read_text(encoding="utf-8"), name
    finally:
        os.environ.clear()
        os.environ.update(saved)
    return full, edited


def run(size: int, count: int, jobs: int) -> None:
    languages = ("en", "fr", "ar", "es", "ru", "zh")[:count] if count > 1 else ("en",)
    with tempfile.TemporaryDirectory() as tmp:
        root = project(Path(tmp) / "kb", size)
        stages, pages = generate(root, languages)
        site = root / "site"
        sequential = mkdocs(root, languages, site, jobs=1)
        parallel = mkdocs(root, languages, site, jobs=jobs) if count > 1 else sequential
        stages["search"], search_again = pagefind_twice(site, languages, Path(tmp) / "cache")
        together = streamed(root, languages, site, jobs)
        _, audited = timed(audit, site, languages)
        print(f"\n== {size} practices, {count} language(s), {pages} pages ==")
        for stage, seconds in stages.items():
            print(f"{stage:<12} {seconds:8.2f} s  {pages / max(seconds, 1e-9):10,.0f} pages/s")
        print(f"{'search again':<12} {search_again:8.2f} s  {pages / search_again:10,.0f} "
              "pages/s (a rebuild, one practice changed: the cache from the first)")
        print(f"{'mkdocs':<12} {sequential:8.2f} s  {pages / sequential:10,.0f} pages/s"
              " (languages one after another)")
        if count > 1:
            print(f"{'mkdocs ||':<12} {parallel:8.2f} s  {pages / parallel:10,.0f} pages/s"
                  f" ({jobs} at once)")
            print(f"parallel / sequential MkDocs: {parallel / sequential:.2f} (target <= 0.60)")
        print(f"{'audit':<12} {audited:8.2f} s  {pages / audited:10,.0f} pages/s (outside the "
              "ratio; `sskb build` audits each page while MkDocs builds the next)")
        ours = sum(stages.values())  # load, validate, render, write, search
        rebuilt = ours - stages["search"] + search_again
        print(f"ours (load+validate+render+write+search) / MkDocs, search and MkDocs one "
              f"language after another: first build {ours / sequential:.2f}, rebuild "
              f"{rebuilt / sequential:.2f} (target < 0.20)")
        mkdocs_alone = parallel if count > 1 else sequential
        print(f"validate, render and write streamed into MkDocs (as `sskb build` does): "
              f"{together:.2f} s, {together - mkdocs_alone:+.2f} s on MkDocs alone "
              f"({'in parallel' if count > 1 else 'one language'})")
        if count == 1:
            streamed_in = together - sequential
            print(f"ours as `sskb build` runs it (streamed generation, then search) / MkDocs: "
                  f"first build {(streamed_in + stages['search']) / sequential:.2f}, rebuild "
                  f"{(streamed_in + search_again) / sequential:.2f} (target < 0.20)")
        print(f"average practice page: {practice_page_bytes(site, 'en') / 1024:.1f} KB "
              "(target < 40 KB)")
        print(f"second generation: files rewritten: {rewritten_count(root, languages)}")
        first, again = build_twice(root, languages)
        print(f"sskb build, everything as a user runs it (audit included), added to MkDocs "
              f"alone ({'in parallel' if count > 1 else 'one language'}): first build "
              f"{first:.2f} s, {first / parallel - 1:.2f}; rebuild after one edit {again:.2f} s, "
              f"{again / parallel - 1:.2f}")
        if count == 1:
            full, edited = edit_one(root, site)
            for name, seconds in edited.items():
                print(f"serve: full build {full:.2f} s; after editing one practice's {name} "
                      f"{seconds:.2f} s; ratio {seconds / full:.2f} (target < 0.10)")


def build_twice(root: Path, languages) -> tuple[float, float]:
    """`sskb build` with no search cache, then again after one practice was edited."""
    shutil.rmtree(root / CACHE, ignore_errors=True)
    _, first = timed(lambda: building.build(root, languages, say=lambda line: None))
    path = root / "practices" / "practice-00007.yaml"
    old = EDITS["description"][0]
    path.write_text(path.read_text(encoding="utf-8").replace(old, f"{old}, revised"),
                    encoding="utf-8")
    _, again = timed(lambda: building.build(root, languages, say=lambda line: None))
    return first, again


def rewritten_count(root: Path, languages) -> int:
    """Generate once more, as a second `sskb build` does, and count the files written."""
    kb, _ = load_knowledge_base(root)
    return sum(g.report.written for g in write_languages(root, make_view(kb), languages))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 1000])
    parser.add_argument("--languages", type=int, nargs="+", default=[1, 6],
                        choices=[1, 2, 3, 4, 5, 6])
    parser.add_argument("--jobs", type=int, default=2)
    args = parser.parse_args()
    for size in args.sizes:
        for count in args.languages:
            run(size, count, args.jobs)


if __name__ == "__main__":
    main()
