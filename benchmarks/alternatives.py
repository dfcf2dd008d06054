"""What a user would pick instead of sskb, timed on the same generated Markdown.

Builds one language's Markdown tree (e.g. build/docs/en/) as a plain MkDocs + Material
project and as a minimal Hugo site, each in a subprocess whose own wall and processor time
are measured; the Markdown is prepared before the clock starts.

    python benchmarks/alternatives.py DOCS_ROOT [--lang en fr ...]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from importlib.util import find_spec
from pathlib import Path

# Material ships a lunr stemmer per language it can search; others search as English.
LUNR = Path(find_spec("material").origin).parent / "templates/assets/javascripts/lunr/min"

HUGO_LAYOUT = """<!DOCTYPE html>
<html lang="{{ .Site.LanguageCode }}"><head><meta charset="utf-8">
<title>{{ .Title }}</title></head>
<body><h1>{{ .Title }}</h1>{{ .Content }}</body></html>
"""


@dataclass
class Result:
    """One or more builds: wall and processor seconds, and HTML pages written."""
    wall: float = 0.0
    cpu: float = 0.0
    pages: int = 0

    def __add__(self, other: Result) -> Result:
        return Result(self.wall + other.wall, self.cpu + other.cpu, self.pages + other.pages)


def run(command: list[str], site: Path, expected: int) -> Result:
    """Run one build; its own times (os.wait4 gives this child's rusage alone)."""
    start = time.perf_counter()
    child = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    output = child.stdout.read()  # read before waiting: a full pipe would block the child
    _, status, usage = os.wait4(child.pid, 0)
    wall = time.perf_counter() - start
    child.stdout.close()
    child.returncode = os.waitstatus_to_exitcode(status)
    if child.returncode:
        raise RuntimeError(f"{command[0]} exited with {child.returncode}:\n"
                           + output.decode(errors="replace"))
    # MkDocs adds a 404 page that no Markdown file stands for
    pages = sum(1 for page in site.rglob("*.html") if page.name != "404.html")
    if pages != expected:
        raise RuntimeError(f"{' '.join(command)} wrote {pages} pages for {expected} Markdown "
                           f"files:\n" + output.decode(errors="replace"))
    return Result(wall, usage.ru_utime + usage.ru_stime, pages)


def markdown_files(docs: Path) -> int:
    return sum(1 for _ in docs.rglob("*.md"))


def plain_mkdocs(docs: Path, work: Path, language: str, pages: dict | None = None) -> Result:
    """Build `docs` as a plain MkDocs + Material project, with Material's search. `pages`
    holds `nav` and `not_in_nav` settings: without them MkDocs puts every page in every
    page's navigation (347 KB a practice page and five times the time, measured)."""
    work.mkdir(parents=True, exist_ok=True)
    search = language if (LUNR / f"lunr.{language}.min.js").exists() else "en"
    # Material derives no search language for ar or zh from the theme's: name it
    config = work / "mkdocs.yml"
    config.write_text(f"""site_name: Knowledge base
docs_dir: {json.dumps(str(docs.resolve()))}
site_dir: {json.dumps(str((work / "site").resolve()))}
theme:
  name: material
  language: {language}
plugins:
  - search:
      lang: [{search}]
{"".join(f"{key}: {json.dumps(value)}{chr(10)}" for key, value in (pages or {}).items())}markdown_extensions:   # beside MkDocs' defaults, what the pages' syntax needs
  - attr_list
  - admonition
  - tables
  - toc:
      permalink: true
""", encoding="utf-8")
    return run([sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(config)],
               work / "site", markdown_files(docs))


def link_page(source: str, target: str) -> None:
    """Hard-link one Markdown file; index.md becomes Hugo's _index.md of its section."""
    path = Path(target)
    if path.name == "index.md":
        path = path.with_name("_index.md")  # Hugo's index.md is a leaf bundle: its pages vanish
    try:
        os.link(source, path)
    except OSError:  # another file system: a copy, still made before the clock starts
        shutil.copy2(source, path)


def hugo_site(docs: Path, work: Path, language: str) -> Result:
    """Build `docs` as a minimal Hugo site that prints each page's title and content."""
    for owned in ("content", "public", "layouts"):
        shutil.rmtree(work / owned, ignore_errors=True)
    # Hugo skips symbolic links inside content/: hard links cost no copy
    shutil.copytree(docs, work / "content", copy_function=link_page)
    layouts = work / "layouts" / "_default"
    layouts.mkdir(parents=True)
    for name in ("single.html", "list.html"):
        (layouts / name).write_text(HUGO_LAYOUT, encoding="utf-8")
    (work / "hugo.toml").write_text(f"""baseURL = "http://localhost/"
languageCode = "{language}"
# only pages that have a Markdown source: no taxonomies, feeds, sitemap or 404 page
disableKinds = ["taxonomy", "term", "RSS", "sitemap", "robotsTXT", "404"]
[markup.goldmark.renderer]
unsafe = true   # the pages' raw HTML blocks
[markup.goldmark.parser.attribute]
block = true
""", encoding="utf-8")
    return run(["hugo", "--quiet", "--noBuildLock", "--source", str(work)],
               work / "public", markdown_files(docs))


def compare(docs_root: Path, languages, work: Path, pages: dict | None = None
            ) -> dict[str, Result]:
    """Both tools on each language, one language after another: summed results."""
    totals = {"mkdocs": Result(), "hugo": Result()}
    for language in languages:
        docs = docs_root / language
        totals["mkdocs"] += plain_mkdocs(docs, work / "mkdocs" / language, language, pages)
        totals["hugo"] += hugo_site(docs, work / "hugo" / language, language)
    return totals


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("docs_root", type=Path, help="folder of one Markdown tree per language")
    parser.add_argument("--lang", nargs="+", default=["en"])
    arguments = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        results = compare(arguments.docs_root, arguments.lang, Path(scratch))
    for tool, result in results.items():
        print(f"{tool:7} {result.wall:7.2f} s wall {result.cpu:7.2f} s cpu "
              f"{result.pages:6} pages {result.pages / result.wall:7.0f} pages/s")
