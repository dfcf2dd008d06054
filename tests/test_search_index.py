"""Pagefind's index through its cache: reused files, nothing stale, collisions and cut-off runs."""

import gzip
import json
import shutil
from pathlib import Path

from generator.search_index import bundle, fragment_url, index_language


def write_page(site: Path, slug: str, text: str) -> None:
    page = site / "en" / "practices" / slug / "index.html"
    page.parent.mkdir(parents=True, exist_ok=True)
    page.write_text(f'<!doctype html><html lang="en"><body><article data-pagefind-body>'
                    f'<h1>{slug}</h1><p>{text}</p></article></body></html>', encoding="utf-8")


def make_site(root: Path, texts: dict) -> Path:
    site = root / "site"
    shutil.rmtree(site, ignore_errors=True)
    for slug, text in texts.items():
        write_page(site, slug, text)
    return site


def files(folder: Path) -> set[str]:
    return {p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file()}


def fragments(folder: Path) -> dict:
    """url -> (fragment's relative path, its decompressed JSON) for a published index."""
    found = {}
    for path in (folder / "fragment").iterdir():
        data = json.loads(gzip.decompress(path.read_bytes()).removeprefix(b"pagefind_dcd"))
        found[data["url"]] = (path.relative_to(folder).as_posix(), data)
    return found


def test_the_next_build_reuses_unchanged_files_and_keeps_nothing_stale(tmp_path):
    cache = tmp_path / "cache"
    site = make_site(tmp_path, {"a": "water points", "b": "border posts"})
    index_language(site, "en", cache)
    before = fragments(site / "en" / "pagefind")
    unchanged = cache / "en" / before["/practices/a/"][0]
    changed = cache / "en" / before["/practices/b/"][0]
    inode = unchanged.stat().st_ino

    site = make_site(tmp_path, {"a": "water points", "b": "mobile courts"})
    index_language(site, "en", cache)
    published = site / "en" / "pagefind"
    after = fragments(published)
    assert after["/practices/a/"][0] == before["/practices/a/"][0]
    assert unchanged.stat().st_ino == inode  # kept, not written again
    assert "mobile courts" in after["/practices/b/"][1]["content"]
    assert not changed.exists()  # the old fragment left the cache
    assert files(published) == files(cache / "en") == bundle(cache / "en")
    assert {"pagefind.js", "pagefind-ui.js", "pagefind-entry.json"} <= files(published)


def test_a_fragment_name_taken_by_a_file_of_the_last_build_is_indexed_again(tmp_path):
    cache = tmp_path / "cache"
    site = make_site(tmp_path, {"a": "water points", "b": "border posts"})
    index_language(site, "en", cache)
    a_fragment = cache / "en" / fragments(site / "en" / "pagefind")["/practices/a/"][0]
    # Learn the name b's new fragment will have, and give that name to a's content: this is
    # what a short hash shared with a file of the last build looks like to Pagefind.
    site = make_site(tmp_path, {"a": "water points", "b": "mobile courts"})
    index_language(site, "en", tmp_path / "elsewhere")
    b_name = fragments(site / "en" / "pagefind")["/practices/b/"][0]
    shutil.copyfile(a_fragment, cache / "en" / b_name)

    site = make_site(tmp_path, {"a": "water points", "b": "mobile courts"})
    index_language(site, "en", cache)
    found = fragments(site / "en" / "pagefind")
    assert found["/practices/b/"][0] == b_name
    assert "mobile courts" in found["/practices/b/"][1]["content"]
    assert fragment_url(cache / "en" / b_name) == "/practices/b/"


# Long enough that half of its compressed fragment still names its page.
LONG = "water points " + " ".join(f"well{number}" for number in range(300))


def test_a_cache_left_by_an_interrupted_run_is_not_reused(tmp_path):
    cache = tmp_path / "cache"
    site = make_site(tmp_path, {"a": LONG})
    index_language(site, "en", cache)
    name = fragments(site / "en" / "pagefind")["/practices/a/"][0]
    (cache / "en.complete").unlink()  # a run stopped before it completed...
    cut_in_half(cache / "en" / name)  # ...in the middle of this file

    site = make_site(tmp_path, {"a": LONG})
    index_language(site, "en", cache)
    assert "water points" in fragments(site / "en" / "pagefind")["/practices/a/"][1]["content"]
    assert (cache / "en.complete").is_file()


def test_a_cache_of_another_pagefind_version_is_not_reused(tmp_path):
    cache = tmp_path / "cache"
    site = make_site(tmp_path, {"a": LONG})
    index_language(site, "en", cache)
    name = fragments(site / "en" / "pagefind")["/practices/a/"][0]
    (cache / "en.complete").write_text("0.0.1", encoding="utf-8")
    cut_in_half(cache / "en" / name)

    site = make_site(tmp_path, {"a": LONG})
    index_language(site, "en", cache)
    assert "water points" in fragments(site / "en" / "pagefind")["/practices/a/"][1]["content"]


def cut_in_half(path: Path) -> None:
    """A file cut short: its start, and so the page it names, can still be read."""
    path.write_bytes(path.read_bytes()[:len(path.read_bytes()) // 2])
    assert fragment_url(path) == "/practices/a/"
