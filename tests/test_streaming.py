"""`sskb build` streams each language's pages into a running MkDocs build: MkDocs sees the
same files in the same order as if they had been written first, never reads a page
before it is written, and a failure on either side stops the build cleanly."""

from __future__ import annotations

import os
import time

import pytest
from mkdocs.config import load_config
from mkdocs.structure.files import get_files

from conftest import make_project
from generator import streaming
from generator.building import BuildError, build, language_env
from generator.generate import InvalidKnowledgeBase


def mkdocs_files(root, language: str):
    """MkDocs' configuration for one language and its files, as `mkdocs build` lists them
    from the written tree (the theme's included)."""
    saved = dict(os.environ)
    os.environ.update(language_env(root, language, root / "site-streamed", False))
    try:
        config = load_config(str(root / "mkdocs.yml"))
    finally:
        os.environ.clear()
        os.environ.update(saved)
    files = get_files(config)
    files.add_files_from_theme(config.theme.get_env(), config)
    return config, files


def test_pages_are_announced_as_mkdocs_would_list_them(built):
    """Files, order and nav inclusion equal those of MkDocs' own walk of the written tree."""
    root, _, _ = built
    config, walked = mkdocs_files(root, "fr")
    pages = [f.src_uri for f in walked.documentation_pages()]
    shuffled = list(reversed(pages))
    announced = streaming.announced_files(walked, config, shuffled)
    assert [f.src_uri for f in announced.documentation_pages()] == pages
    assert [f.inclusion for f in announced.documentation_pages()] == [
        f.inclusion for f in walked.documentation_pages()]
    assert sorted(pages, key=streaming.reading_order) == pages


def test_announced_files_drop_leftovers_of_the_docs_folder(built):
    root, _, _ = built
    config, walked = mkdocs_files(root, "en")
    announced = streaming.announced_files(walked, config, ["index.md", "about.md"])
    assert [f.src_uri for f in announced.documentation_pages()] == ["index.md", "about.md"]
    theme = [f for f in walked if f.src_uri.startswith("assets/")]
    assert theme and all(announced.get_file_from_path(f.src_uri) for f in theme)


def test_a_page_is_waited_for_until_it_is_announced():
    read, write = os.pipe()
    stream = streaming.PageStream(os.fdopen(read, "rb"))
    os.write(write, b'["index.md", "practices/a.md"]\n')
    assert stream.paths() == ["index.md", "practices/a.md"]
    started = time.perf_counter()
    os.write(write, b"index.md\n")
    assert stream.wait("index.md")
    assert time.perf_counter() - started < 5
    os.close(write)  # the generation stopped before practices/a.md
    assert stream.wait("practices/a.md") is False


def test_no_announcement_at_all_gives_no_paths():
    read, write = os.pipe()
    stream = streaming.PageStream(os.fdopen(read, "rb"))
    os.close(write)
    assert stream.paths() is None


def test_invalid_records_stop_the_started_mkdocs_builds_and_keep_the_site(tmp_path):
    root = make_project(tmp_path / "kb")
    (root / "site").mkdir()
    (root / "site" / "previous.html").write_text("the previous build")
    path = root / "practices" / "test-border-practice.yaml"
    path.write_text(path.read_text().replace("[MLI, NER]", "[MLI, XYZ]"))
    started = time.perf_counter()
    with pytest.raises(InvalidKnowledgeBase):
        build(root, say=lambda line: None)
    assert time.perf_counter() - started < 60  # nothing waited for pages that never came
    assert (root / "site" / "previous.html").read_text() == "the previous build"
    assert not (root / ".site.building").exists()


def test_a_failing_renderer_stops_the_build_with_a_clear_error(tmp_path, monkeypatch):
    root = make_project(tmp_path / "kb")

    def broken_render(self, template, here, **values):
        raise OSError("disk full")

    monkeypatch.setattr(streaming.LanguageRenderer, "render", broken_render)
    with pytest.raises(BuildError) as caught:
        build(root, languages=("en",), say=lambda line: None)
    assert "rendering the en pages stopped" in str(caught.value)
    assert not (root / "site").exists()


def test_mkdocs_stopping_early_is_reported_with_its_output(tmp_path):
    root = make_project(tmp_path / "kb")
    config = root / "mkdocs.yml"
    config.write_text(config.read_text() + "\nno_such_setting_anywhere: 1\n")  # --strict
    started = time.perf_counter()
    with pytest.raises(BuildError) as caught:
        build(root, languages=("en",), say=lambda line: None)
    assert "no_such_setting_anywhere" in str(caught.value)
    assert time.perf_counter() - started < 60
