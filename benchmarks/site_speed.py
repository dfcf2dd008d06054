"""Site build per stage on synthetic knowledge bases, with the issue "site" targets as ratios.

Prints, per size and language count: time and pages per second of load, validate, render,
write, MkDocs (one language after another, and in parallel), Pagefind and the audit; the average
practice page's bytes; whether a second generation rewrites anything; and, for one
language, the time to rebuild after editing one practice (`mkdocs build --dirty`, what
`sskb serve` runs) against a full build.

Each stage is first timed on its own, one after another, for the ratio of their sum to
MkDocs. `sskb build` instead runs them beside MkDocs: it streams each language's pages into
its running MkDocs build (generator/build/language.py), MkDocs feeds Pagefind each page as it
converts it (generator/build/search_index.py), and the audit reads each page MkDocs writes. So
`sskb build` as a whole, audit included, is also timed against MkDocs alone, as a user
meets it: a first build, then a rebuild after one practice was edited; and against what a
user would pick instead, built from the same Markdown (benchmarks/alternatives.py): a plain
MkDocs + Material project and a minimal Hugo site (Debian's `hugo`).

    python benchmarks/site_speed.py [--sizes 100 1000 5000] [--languages 1 6]
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from alternatives import compare  # noqa: E402
from mkdocs.utils.yaml import yaml_load  # noqa: E402
from synthetic import REPO, make_knowledge_base  # noqa: E402

from generator.build import mkdocs_process, pipeline  # noqa: E402
from generator.build.audit import audit_site  # noqa: E402
from generator.build.generate import DOCS  # noqa: E402
from generator.build.generate import generate as generate_trees  # noqa: E402
from generator.build.search_index import index_pages, indexed  # noqa: E402
from generator.kb import load  # noqa: E402
from generator.kb.people import PersonalData  # noqa: E402
from generator.kb.validate import load_knowledge_base  # noqa: E402
from generator.site.settings import Settings  # noqa: E402
from generator.site.view import make_view  # noqa: E402


def timed(function, *args):
    start = time.perf_counter()
    result = function(*args)
    return result, time.perf_counter() - start


def processor_seconds() -> float:
    """CPU time of this process (which renders the pages) and of the children it has
    waited for (MkDocs, Pagefind, the audit's processes)."""
    return sum(resource.getrusage(who).ru_utime + resource.getrusage(who).ru_stime
               for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN))


def project(root: Path, size: int) -> Path:
    make_knowledge_base(root, size)
    for name in ("mkdocs.yml", "overrides", "hooks"):
        source = REPO / name
        (shutil.copytree if source.is_dir() else shutil.copyfile)(source, root / name)
    return root


def parse_all(root: Path) -> None:
    for path in root.rglob("*.yaml"):
        load.read_file(path)


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
    return generate_trees(view, lambda language: Settings(), root / DOCS, languages)


def mkdocs(root: Path, languages, site: Path, jobs: int) -> float:
    def one(language):
        mkdocs_process.mkdocs_build(root, language, site, drafts=False)
    start = time.perf_counter()
    with ThreadPoolExecutor(max_workers=jobs) as pool:
        list(pool.map(one, languages))
    return time.perf_counter() - start


def pagefind(site: Path, languages) -> float:
    """Pagefind as `sskb build` runs it, one language after another: fed each indexed
    page's content (here its <article>, which holds only that), then asked for the index,
    which is written into the site."""
    seconds = 0.0
    for language in languages:
        pages = site / language
        contents = {}
        for page in sorted(pages.rglob("*.html")):
            path = page.relative_to(pages).as_posix()
            html = page.read_text(encoding="utf-8")
            if indexed(path) and "data-pagefind-body" in html:
                contents[path] = html[html.index("<article"):html.rindex("</article>") + 10]
        _, took = timed(index_pages, site, language, contents)
        seconds += took
    return seconds


def audit(site: Path, languages) -> None:
    for language in languages:
        assert not audit_site(site / language, PersonalData())


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

    env = mkdocs_process.language_env(root, "en", site, False)
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
        stages["search"] = pagefind(site, languages)
        _, audited = timed(audit, site, languages)
        print(f"\n== {size} practices, {count} language(s), {pages} pages ==")
        for stage, seconds in stages.items():
            print(f"{stage:<12} {seconds:8.2f} s  {pages / max(seconds, 1e-9):10,.0f} pages/s")
        print(f"{'mkdocs':<12} {sequential:8.2f} s  {pages / sequential:10,.0f} pages/s"
              " (languages one after another)")
        if count > 1:
            print(f"{'mkdocs ||':<12} {parallel:8.2f} s  {pages / parallel:10,.0f} pages/s"
                  f" ({jobs} at once)")
            print(f"parallel / sequential MkDocs: {parallel / sequential:.2f} (target <= 0.60)")
        print(f"{'audit':<12} {audited:8.2f} s  {pages / audited:10,.0f} pages/s (not in the "
              "stages' sum; `sskb build` audits each page while MkDocs builds the next)")
        ours = sum(stages.values())  # load, validate, render, write, search
        print(f"stages one after another, (load+validate+render+write+search) / MkDocs "
              f"(languages one after another): {ours / sequential:.2f}")
        print(f"average practice page: {practice_page_bytes(site, 'en') / 1024:.1f} KB "
              "(target < 40 KB)")
        print(f"second generation: files rewritten: {rewritten_count(root, languages)}")
        used = processor_seconds()
        first, again = build_twice(root, languages)
        used = (processor_seconds() - used) / 2
        # MkDocs alone once more, next to `sskb build`: the mean of the two is the base.
        mkdocs_used = processor_seconds()
        alone = (parallel + mkdocs(root, languages, site, jobs=jobs)) / 2
        mkdocs_used = processor_seconds() - mkdocs_used
        print(f"sskb build as a user runs it (audit included), added to MkDocs alone "
              f"({'in parallel, ' if count > 1 else ''}{alone:.2f} s): build {first:.2f} s, "
              f"{first / alone - 1:.2f}; rebuild after one edit {again:.2f} s, "
              f"{again / alone - 1:.2f} (target < 0.20)")
        print(f"processor time: sskb build {used:.1f} s, MkDocs alone {mkdocs_used:.1f} s "
              f"({used / mkdocs_used - 1:+.2f}): when MkDocs keeps every core busy, the "
              "work beside it shows in the wall time")
        alternatives(root, languages, Path(tmp) / "alternatives", first, used)
        if count == 1:
            full, edited = edit_one(root, site)
            for name, seconds in edited.items():
                print(f"serve: full build {full:.2f} s; after editing one practice's {name} "
                      f"{seconds:.2f} s; ratio {seconds / full:.2f} (target < 0.10)")


def alternatives(root: Path, languages, work: Path, wall: float, cpu: float) -> None:
    """What a user would pick instead, on the same generated Markdown: plain MkDocs +
    Material (its own search, the same nav as sskb's mkdocs.yml, no hook) and Hugo, each
    language after another; `sskb build`'s wall and processor seconds against theirs."""
    with open(REPO / "mkdocs.yml", encoding="utf-8") as stream:
        config = yaml_load(stream)
    pages = {key: config[key] for key in ("nav", "not_in_nav")}
    results = compare(root / DOCS, languages, work, pages)
    for name, label in (("mkdocs", "plain MkDocs + Material"), ("hugo", "Hugo")):
        other = results[name]
        print(f"{label}: {other.wall:.2f} s wall, {other.cpu:.2f} s processor "
              f"({other.pages:,} pages, languages one after another); sskb build / "
              f"{label}: wall {wall / other.wall:.2f}, processor {cpu / other.cpu:.2f}")


def build_twice(root: Path, languages) -> tuple[float, float]:
    """`sskb build`, then again after one practice was edited."""
    _, first = timed(lambda: pipeline.build(root, languages, say=lambda line: None))
    path = root / "practices" / "practice-00007.yaml"
    old = EDITS["description"][0]
    path.write_text(path.read_text(encoding="utf-8").replace(old, f"{old}, revised"),
                    encoding="utf-8")
    _, again = timed(lambda: pipeline.build(root, languages, say=lambda line: None))
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
    runs = [(size, count) for size in args.sizes for count in args.languages]
    if len(runs) == 1:
        run(*runs[0], args.jobs)
        return
    # Each in a process of its own, as each `sskb build` is: the renderer keeps what it
    # rendered (for `sskb serve`), which would make a second run's rendering look free.
    for size, count in runs:
        subprocess.run([sys.executable, __file__, "--sizes", str(size), "--languages",
                        str(count), "--jobs", str(args.jobs)], check=True)


if __name__ == "__main__":
    main()
