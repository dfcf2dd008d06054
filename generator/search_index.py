"""Pagefind: one language's search index, reusing the files the last build wrote.

Pagefind names its meta, fragment, word-index and filter files after a hash of their
content, and skips a file that already exists: it neither compresses it (gzip at its best
level) nor writes it. On a fresh folder that is half of its time; over the last build's
files, 5,000 pages index in 2.2 s instead of 4.6 s (measured). So each language's index is
written into a cache under build/ that keeps the last build's files; the files the new
index uses are then linked into the site, and the cache keeps only those.

Pagefind's hashes are short (seven hex digits): a changed page's new fragment can take the
name of a file of the last build, which Pagefind then keeps (its own source notes the risk).
Each fragment the index uses is therefore checked to be one page of this site, and only
once; if one is not, the language is indexed again from an empty cache.
"""

from __future__ import annotations

import gzip
import json
import os
import re
import shutil
import zlib
from importlib.metadata import version
from pathlib import Path
from urllib.parse import unquote

import cbor2

from .commands import BuildError, run

CACHE = Path("build") / "pagefind"

# Only these pages carry data-pagefind-body (overrides/main.html): Pagefind need not read
# the listing pages at all, nor, in the others, the theme's header, nav and footer around
# the <article> (a third less work, measured).
INDEXED = "{practices,experts,centres,organizations,about,contribute}/**/*.html"

# Pagefind's extended binary segments Chinese (and Japanese) words; for the other languages
# the standard binary indexes the same pages about a third faster (measured here: 0.74 s
# against 1.13 s for 1,000 practice pages).
SEGMENTED = frozenset({"zh"})

# Pagefind's gzipped files start with this signature once decompressed.
SIGNATURE = b"pagefind_dcd"
FRAGMENT_URL = re.compile(re.escape(SIGNATURE) + rb'\{"url":("(?:[^"\\]|\\.)*")')
HASHED = ("fragment", "index", "filter")


def index_language(site: Path, language: str, cache: Path) -> None:
    """Write site/<language>/pagefind: Pagefind's index of that language's pages."""
    pages, output = site / language, cache / language
    for fresh in (False, True):
        reused = _open_cache(output, fresh)
        run(pagefind_command(pages, language, output), dict(os.environ), site)
        files = bundle(output)
        wrong = wrong_fragments(output, files, pages) if reused else []
        if not wrong:
            break
    else:
        raise BuildError(f"Pagefind's {language} index does not match the pages: "
                         f"{', '.join(wrong[:5])}")
    publish(output, files, pages / "pagefind")
    _marker(output).write_text(version("pagefind"), encoding="utf-8")


def pagefind_command(pages: Path, language: str, output: Path) -> list[str]:
    # The binary itself, not `python -m pagefind_bin`, which starts Python to start it.
    if language in SEGMENTED:
        from pagefind_bin_extended import get_executable
    else:
        from pagefind_bin import get_executable
    return [str(get_executable()), "--site", str(pages), "--output-path", str(output),
            "--glob", INDEXED, "--root-selector", "article", "--exclude-selectors",
            ".headerlink", "--silent"]


def _marker(output: Path) -> Path:
    return output.with_name(f"{output.name}.complete")


def _open_cache(output: Path, fresh: bool) -> bool:
    """Keep the cache only if the last indexing into it completed, with this Pagefind: a
    file cut short by an interrupted run would otherwise be kept, and published, for good.
    Returns whether files were kept."""
    marker = _marker(output)
    complete = marker.is_file() and marker.read_text(encoding="utf-8") == version("pagefind")
    marker.unlink(missing_ok=True)
    if fresh or not complete:
        shutil.rmtree(output, ignore_errors=True)
    return output.is_dir()


def bundle(output: Path) -> set[str]:
    """The files (relative paths) of the index Pagefind last wrote into `output`."""
    entry = json.loads((output / "pagefind-entry.json").read_text(encoding="utf-8"))
    files = {p.name for p in output.iterdir() if p.is_file() and p.suffix != ".pf_meta"}
    for language in entry["languages"].values():
        meta_file = f"pagefind.{language['hash']}.pf_meta"
        files.add(meta_file)
        meta = gzip.decompress((output / meta_file).read_bytes())
        _version, pages, chunks, filters, *_ = cbor2.loads(meta.removeprefix(SIGNATURE))
        files.update(f"fragment/{page[0]}.pf_fragment" for page in pages)
        files.update(f"index/{chunk[2]}.pf_index" for chunk in chunks)
        files.update(f"filter/{found[1]}.pf_filter" for found in filters)
    return files


def wrong_fragments(output: Path, files: set[str], pages: Path) -> list[str]:
    """Fragments that are not one page of `pages`, or that repeat another's page."""
    wrong, seen = [], set()
    for name in sorted(f for f in files if f.startswith("fragment/")):
        url = fragment_url(output / name)
        path = pages / unquote(url or "").lstrip("/")
        if not url or url in seen or not (path / "index.html" if url.endswith("/")
                                          else path).is_file():
            wrong.append(name)
        seen.add(url)
    return wrong


def fragment_url(path: Path) -> str | None:
    """The page a fragment describes: the start of its JSON is enough to read it."""
    with open(path, "rb") as file:
        try:
            head = zlib.decompressobj(wbits=31).decompress(file.read(), 512)
        except zlib.error:
            return None
    found = FRAGMENT_URL.match(head)
    return json.loads(found.group(1)) if found else None


def publish(output: Path, files: set[str], target: Path) -> None:
    """Put `files` of the cache into `target`, and drop the cache's other files.

    Hashed files are linked: Pagefind never writes over a file that exists. The few others
    (its scripts, styles and entry file) it rewrites in place on every run, so they are
    copied, lest the next run change the published site's copy.
    """
    shutil.rmtree(target, ignore_errors=True)  # none in a new site; no stale file in others
    for folder in HASHED:
        (target / folder).mkdir(parents=True)
    for name in files:
        if "/" in name or name.endswith(".pf_meta"):
            _link(output / name, target / name)
        else:
            shutil.copyfile(output / name, target / name)
    for folder in ("", *HASHED):
        if not (output / folder).is_dir():
            continue
        with os.scandir(output / folder) as entries:
            for entry in entries:
                name = f"{folder}/{entry.name}" if folder else entry.name
                if entry.is_file() and name not in files:
                    os.unlink(entry.path)


def _link(source: Path, link: Path) -> None:
    try:
        os.link(source, link)
    except OSError:  # another file system, or one without hard links
        shutil.copyfile(source, link)
