"""Pagefind's index: fed by MkDocs page by page, the same as Pagefind reading the built
pages, written whole, and a stopped Pagefind is a clean build error."""

import base64
import fcntl
import gzip
import json
import os
import shutil
import stat
from types import SimpleNamespace

import pytest
from conftest import fragments

from generator.build import search_index
from generator.build.search_index import SearchFeed, index_language
from generator.build.tools import BACKGROUND, BuildError


@pytest.mark.parametrize("language", ["fr", "ar", "zh"])
def test_pages_fed_while_mkdocs_converts_them_index_as_the_built_pages(built, tmp_path,
                                                                      language):
    """What `sskb build` indexes (each page's content, sent by MkDocs) gives the very
    fragments that Pagefind makes of the built pages: same text, anchors, filters, title."""
    _, site, _ = built
    again = tmp_path / "site"
    shutil.copytree(site / language, again / language,
                    ignore=shutil.ignore_patterns("pagefind"))
    index_language(again, language)
    fed = site / language / "pagefind" / "fragment"
    read = again / language / "pagefind" / "fragment"
    assert len(list(fed.iterdir())) >= 4
    assert sorted(p.name for p in fed.iterdir()) == sorted(p.name for p in read.iterdir())
    assert fragments(site / language / "pagefind") == fragments(again / language / "pagefind")


def test_an_index_holds_the_record_pages_and_every_file_it_names(built):
    _, site, _ = built
    index = site / "en" / "pagefind"
    urls = set(fragments(index))
    assert {"/practices/test-border-practice/", "/experts/example-test-expert/",
            "/centres/test-centre/", "/organizations/test-body/"} <= urls
    assert not urls & {"/", "/practices/", "/countries/", "/experts/"}  # the lists
    assert "/practices/test-draft-practice/" not in urls
    entry = json.loads((index / "pagefind-entry.json").read_text(encoding="utf-8"))
    meta = index / f"pagefind.{entry['languages']['en']['hash']}.pf_meta"
    assert gzip.decompress(meta.read_bytes()).startswith(b"pagefind_dcd")
    assert entry["languages"]["en"]["page_count"] == len(urls)
    assert {"pagefind.js", "pagefind-ui.js", "pagefind-ui.css"} <= {
        p.name for p in index.iterdir()}


def test_the_index_leaves_out_the_details_every_record_page_repeats(built):
    """The languages, review date, citation and edit and forum links are on every record
    page; indexed, they would make every page match and fill the results' excerpts. The
    submitter is indexed, and the page still shows the rest."""
    _, site, _ = built
    index = fragments(site / "fr" / "pagefind")
    content = index["/practices/test-border-practice/"]["content"]
    page = (site / "fr" / "practices" / "test-border-practice" / "index.html").read_text()
    assert "Test suite" in content
    for shown in ("Disponible en", "Dernier examen", "Pour citer cette fiche"):
        assert shown in page
        assert shown not in content


def read_messages(data: bytes) -> list[dict]:
    return [json.loads(base64.b64decode(part)) for part in data.split(b",") if part]


def test_mkdocs_feeds_only_the_indexed_pages_then_asks_for_the_index():
    reading, writing = os.pipe()
    feed = SearchFeed([writing])

    def page(path: str, kind: str | None):
        return SimpleNamespace(meta={"sskb_kind": kind} if kind else {},
                               file=SimpleNamespace(dest_uri=path))

    feed.page(page("practices/a/index.html", "practice"), "<h1>A</h1><p>water</p>")
    feed.page(page("practices/index.html", None), "<h1>Practices</h1>")  # a list
    feed.converted()
    with os.fdopen(reading, "rb") as pipe:
        messages = read_messages(pipe.read())
    assert [m["payload"]["type"] for m in messages] == ["AddFile", "GetFiles"]
    added = messages[0]["payload"]
    assert added["url"] == "/practices/a/"
    assert added["file_contents"] == ('<article><div data-pagefind-body><h1>A</h1>'
                                      '<p>water</p></div></article>')
    assert len({m["message_id"] for m in messages}) == 2


def test_mkdocs_deals_the_pages_to_the_parts_in_turn_each_with_its_vocabulary_last():
    """An index in parts: each part gets every other page, then a page of the words only
    the other parts hold; the first part alone is asked for its index (Indexer asks the
    others, one after another)."""
    pipes = [os.pipe(), os.pipe()]
    feed = SearchFeed([writing for _, writing in pipes])
    for name, text in (("a", "water wells"), ("b", "border posts"), ("c", "water")):
        feed.page(SimpleNamespace(meta={"sskb_kind": "practice"},
                                  file=SimpleNamespace(dest_uri=f"practices/{name}/index.html")),
                  f"<p>{text}</p>")
    feed.converted()
    parts = []
    for reading, _ in pipes:
        with os.fdopen(reading, "rb") as pipe:
            parts.append([m["payload"] for m in read_messages(pipe.read())])
    assert [m.get("url") for m in parts[0]] == [
        "/practices/a/", "/practices/c/", "/sskb-vocabulary/", None]
    assert [m.get("url") for m in parts[1]] == ["/practices/b/", "/sskb-vocabulary/"]
    assert parts[0][-1]["type"] == "GetFiles"
    # Each part lacks what only the other holds: part 0 "border" and "posts", part 1 the
    # words of a and c.
    assert parts[0][2]["file_contents"].endswith("<p>border posts</p></div></article>")
    assert parts[1][1]["file_contents"].endswith("<p>water wells</p></div></article>")
    assert 'data-pagefind-filter="sskb-vocabulary:1"' in parts[1][1]["file_contents"]


def test_pagefind_stopping_is_a_build_error_with_what_it_said(tmp_path, monkeypatch):
    fake = tmp_path / "pagefind"
    fake.write_text("#!/bin/sh\necho 'pagefind: out of memory' >&2\nexit 3\n",
                    encoding="utf-8")
    fake.chmod(fake.stat().st_mode | stat.S_IEXEC)
    monkeypatch.setattr(search_index, "executable", lambda language: fake)
    page = tmp_path / "site" / "en" / "practices" / "a" / "index.html"
    page.parent.mkdir(parents=True)
    page.write_text('<html lang="en"><body><article data-pagefind-body><h1>A</h1>'
                    '</article></body></html>', encoding="utf-8")
    with pytest.raises(BuildError, match=r"exit code 3\):\npagefind: out of memory"):
        index_language(tmp_path / "site", "en")
    assert not (tmp_path / "site" / "en" / "pagefind").exists()


def test_pagefind_works_at_a_lower_priority_than_mkdocs(tmp_path):
    """Pagefind works beside MkDocs, whose time is the build's: when the cores are busy,
    MkDocs keeps most of its core, and the pipe it writes pages into holds many pages."""
    with search_index.Indexer(tmp_path / "site", "en") as index:
        pid = index._services[0]._process.pid
        assert os.getpriority(os.PRIO_PROCESS, pid) >= os.getpriority(
            os.PRIO_PROCESS, 0) + BACKGROUND
        assert fcntl.fcntl(index.inputs[0], fcntl.F_GETPIPE_SZ) >= 1 << 20
