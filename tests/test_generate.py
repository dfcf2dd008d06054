"""Generation: write-if-changed trees, and an edit regenerating exactly the pages it touches."""

from generator.generate import generate
from generator.rendering import Settings


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


def test_processes_write_the_same_trees_as_one(kb, tmp_path):
    """`sskb build` renders in forked processes: shares of one language's pages, or whole
    languages; the trees are byte for byte those of one process."""
    alone = generate(kb, settings, ["en", "fr", "ar"], docs=tmp_path / "one")
    shared = generate(kb, settings, ["en"], docs=tmp_path / "shares", jobs=2)
    spread = generate(kb, settings, ["en", "fr", "ar"], docs=tmp_path / "spread", jobs=2)
    assert _tree(tmp_path / "shares" / "en") == _tree(tmp_path / "one" / "en")
    assert _tree(tmp_path / "spread") == _tree(tmp_path / "one")
    assert shared[0].pages == alone[0].pages == len(_tree(tmp_path / "one" / "en")) > 20
    assert [g.report.written for g in spread] == [g.pages for g in alone]


def test_processes_remove_stale_pages_once_for_all_shares(kb, tmp_path):
    docs = tmp_path / "docs"
    generate(kb, settings, ["en"], docs=docs, jobs=2)
    stale = docs / "en" / "practices" / "gone.md"
    stale.write_text("left from an earlier build")
    (result,) = generate(kb, settings, ["en"], docs=docs, jobs=2)
    assert not stale.exists()
    assert (result.report.written, result.report.removed) == (0, 1)
    assert result.report.unchanged == result.pages
