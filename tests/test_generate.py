"""Generation: write-if-changed trees, and an edit regenerating exactly the pages it touches."""

import json
import os
import threading

from generator.build.generate import generate, load_view
from generator.site.render import Settings
from generator.build.page_pipe import stream_language


def settings(language):
    return Settings()


def test_second_generation_writes_nothing(kb, tmp_path):
    docs = tmp_path / "docs"
    (first,) = generate(kb, settings, ["en"], docs=docs)
    assert first.report.written == first.pages > 20
    (second,) = generate(kb, settings, ["en"], docs=docs)
    assert (second.report.written, second.report.unchanged) == (0, first.pages)


def test_an_edit_rewrites_the_pages_that_show_it(kb, tmp_path):
    docs = tmp_path / "docs"
    generate(kb, settings, ["en"], docs=docs)
    before = {p: p.read_text() for p in docs.rglob("*.md")}
    path = kb / "practices" / "test-border-practice.yaml"
    path.write_text(path.read_text().replace("Fictional border security practice",
                                             "Renamed border practice"))
    (result,) = generate(kb, settings, ["en"], docs=docs)
    changed = {p.relative_to(docs / "en").as_posix() for p in docs.rglob("*.md")
               if p.read_text() != before[p]}
    assert "practices/test-border-practice.md" in changed
    assert "countries/sen.md" in changed and "centres/test-centre.md" in changed
    assert "about.md" not in changed and "themes/victims.md" not in changed
    assert result.report.written == len(changed)
    assert "Renamed border practice" in (docs / "en" / "pillars" / "2.md").read_text()


def test_removed_records_leave_no_page(kb, tmp_path):
    docs = tmp_path / "docs"
    generate(kb, settings, ["en"], docs=docs)
    assert (docs / "en" / "centres" / "test-centre.md").exists()
    (kb / "content/centres/test-centre.yaml").unlink()
    practice = kb / "practices" / "test-border-practice.yaml"
    practice.write_text(practice.read_text().replace("centres: [test-centre]", "centres: []"))
    (result,) = generate(kb, settings, ["en"], docs=docs)
    assert not (docs / "en" / "centres" / "test-centre.md").exists()
    assert result.report.removed == 1


def _tree(folder):
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*.md")}


def test_streamed_pages_are_those_generate_writes(kb, tmp_path):
    """`sskb build` renders each language in a thread that announces every page on
    MkDocs' input: the tree is byte for byte the one `generate` writes, stale files go,
    and every page is announced once, after the list of all of them."""
    generated = generate(kb, settings, ["ar"], docs=tmp_path / "one")
    folder = tmp_path / "streamed" / "ar"
    folder.mkdir(parents=True)
    (folder / "gone.md").write_text("left from an earlier build")
    read, write = os.pipe()
    received = []
    reader = threading.Thread(target=lambda: received.extend(os.fdopen(read, "rb")))
    reader.start()
    with os.fdopen(write, "wb") as mkdocs_input:
        pages, written = stream_language(load_view(kb), "ar", Settings(), folder,
                                         mkdocs_input)
    reader.join()
    assert _tree(folder) == _tree(tmp_path / "one" / "ar")
    assert pages == written == generated[0].pages > 20
    paths = json.loads(received[0])
    assert sorted(paths) == sorted(_tree(folder))
    assert [line.decode().rstrip("\n") for line in received[1:]] == paths
