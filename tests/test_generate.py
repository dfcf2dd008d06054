"""Generation: write-if-changed trees, and an edit regenerating exactly the pages it touches."""

import json
import os
import threading

from generator.build.generate import Generator, generate, load_view
from generator.build.page_pipe import Announcer
from generator.site.settings import Settings


def settings(language):
    return Settings()


def generate_kb(kb, docs, languages=("en",), generator=None):
    """Validate the knowledge base under `kb`, then write its trees into `docs`."""
    view, problems = load_view(kb)
    assert not problems
    return generate(view, settings, docs, languages, generator)


def test_second_generation_writes_nothing(kb, tmp_path):
    docs = tmp_path / "docs"
    (first,) = generate_kb(kb, docs)
    assert first.report.written == first.pages > 20
    (second,) = generate_kb(kb, docs)
    assert (second.report.written, second.report.unchanged) == (0, first.pages)


def test_an_edit_rewrites_the_pages_that_show_it(kb, tmp_path):
    docs = tmp_path / "docs"
    generate_kb(kb, docs)
    before = {p: p.read_text() for p in docs.rglob("*.md")}
    path = kb / "practices" / "test-border-practice.yaml"
    path.write_text(path.read_text().replace("Fictional border security practice",
                                             "Renamed border practice"))
    (result,) = generate_kb(kb, docs)
    changed = {p.relative_to(docs / "en").as_posix() for p in docs.rglob("*.md")
               if p.read_text() != before[p]}
    assert "practices/test-border-practice.md" in changed
    assert "countries/sen.md" in changed and "centres/test-centre.md" in changed
    assert "about.md" not in changed and "themes/victims.md" not in changed
    assert result.report.written == len(changed)
    assert "Renamed border practice" in (docs / "en" / "pillars" / "2.md").read_text()


def test_removed_records_leave_no_page(kb, tmp_path):
    docs = tmp_path / "docs"
    generate_kb(kb, docs)
    assert (docs / "en" / "centres" / "test-centre.md").exists()
    (kb / "content/centres/test-centre.yaml").unlink()
    practice = kb / "practices" / "test-border-practice.yaml"
    practice.write_text(practice.read_text().replace("centres: [test-centre]", "centres: []"))
    (result,) = generate_kb(kb, docs)
    assert not (docs / "en" / "centres" / "test-centre.md").exists()
    assert result.report.removed == 1


def _tree(folder):
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*.md")}


def test_streamed_pages_are_those_generate_writes(kb, tmp_path):
    """`sskb build` writes each language's pages announcing every one on MkDocs' input:
    the tree is byte for byte the one `generate` writes, stale files go,
    and every page is announced once, after the list of all of them."""
    generated = generate_kb(kb, tmp_path / "one", ["ar"])
    folder = tmp_path / "streamed" / "ar"
    folder.mkdir(parents=True)
    (folder / "gone.md").write_text("left from an earlier build")
    read, write = os.pipe()
    received = []
    reader = threading.Thread(target=lambda: received.extend(os.fdopen(read, "rb")))
    reader.start()
    with os.fdopen(write, "wb") as mkdocs_input:
        streamed = Generator().write_language(load_view(kb)[0], "ar", Settings(), folder,
                                              Announcer(mkdocs_input))
    reader.join()
    assert _tree(folder) == _tree(tmp_path / "one" / "ar")
    assert streamed.pages == streamed.report.written == generated[0].pages > 20
    assert streamed.report.removed == 1
    paths = json.loads(received[0])
    assert sorted(paths) == sorted(_tree(folder))
    assert [line.decode().rstrip("\n") for line in received[1:]] == paths


def test_a_kept_generator_renders_again_only_the_pages_an_edit_touches(kb, tmp_path,
                                                                       monkeypatch):
    """`sskb serve` keeps one generator between rebuilds: an unchanged page is not
    rendered again."""
    from generator.site.render import LanguageRenderer

    generator = Generator(keep=True)
    generate_kb(kb, tmp_path / "docs", generator=generator)
    rendered = []
    render = LanguageRenderer.render
    monkeypatch.setattr(LanguageRenderer, "render",
                        lambda self, template, here, **values: rendered.append(here)
                        or render(self, template, here, **values))
    path = kb / "content" / "centres" / "test-centre.yaml"
    path.write_text(path.read_text().replace("city: Dakar", "city: Thiès"))
    generate_kb(kb, tmp_path / "docs", generator=generator)
    assert "centres/test-centre.md" in rendered
    assert "about.md" not in rendered and "pillars/2.md" not in rendered
    assert "Thiès" in (tmp_path / "docs" / "en" / "centres" / "test-centre.md").read_text()
