"""`sskb build` streams each language's pages into a running MkDocs build: MkDocs sees the
same files in the same order as if they had been written first, never reads a page
before it is written, and a failure on either side stops the build cleanly."""

from __future__ import annotations

import io
import os
import select
import subprocess
import sys
import threading
import time
from concurrent.futures import Future
from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st
from conftest import make_project
from mkdocs.config import load_config
from mkdocs.structure.files import get_files

from generator.build import page_pipe
from generator.build.generate import Generator
from generator.build.handbook import Handbooks
from generator.build.language import (
    Job,
    Progress,
    Validation,
    build_language,
)
from generator.build.mkdocs_process import language_env
from generator.build.pipeline import build
from generator.build.tools import BuildError, delimited
from generator.site.render import LanguageRenderer


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
    announced = page_pipe.announced_files(walked, config, shuffled)
    assert [f.src_uri for f in announced.documentation_pages()] == pages
    assert [f.inclusion for f in announced.documentation_pages()] == [
        f.inclusion for f in walked.documentation_pages()]
    assert sorted(pages, key=page_pipe.reading_order) == pages


def test_announced_files_drop_leftovers_of_the_docs_folder(built):
    root, _, _ = built
    config, walked = mkdocs_files(root, "en")
    announced = page_pipe.announced_files(walked, config, ["index.md", "about.md"])
    assert [f.src_uri for f in announced.documentation_pages()] == ["index.md", "about.md"]
    theme = [f for f in walked if f.src_uri.startswith("assets/")]
    assert theme and all(announced.get_file_from_path(f.src_uri) for f in theme)


def test_a_page_is_waited_for_until_it_is_announced():
    read, write = os.pipe()
    stream = page_pipe.PageStream(os.fdopen(read, "rb"))
    os.write(write, b'["index.md", "practices/a.md"]\n')
    assert stream.paths() == ["index.md", "practices/a.md"]
    started = time.perf_counter()
    os.write(write, b"index.md\n")
    assert stream.wait("index.md")
    assert time.perf_counter() - started < 5
    os.close(write)  # the generation stopped before practices/a.md
    assert stream.wait("practices/a.md") is False


def test_reading_stops_once_every_page_is_announced():
    """Not at the end of input, which a process forked by `sskb build` may delay past
    MkDocs' own end: a thread still reading standard input stops Python's shutdown."""
    read, write = os.pipe()
    stdin = os.fdopen(read, "rb")  # kept open, as sys.stdin is
    stream = page_pipe.PageStream(stdin)
    os.write(write, b'["index.md"]\nindex.md\n')
    assert stream.wait("index.md")
    os.write(write, b"more\n")
    time.sleep(0.3)
    assert select.select([read], [], [], 0)[0], "the stream went on reading"
    os.close(write)
    stdin.close()


def test_no_announcement_at_all_gives_no_paths():
    read, write = os.pipe()
    stream = page_pipe.PageStream(os.fdopen(read, "rb"))
    os.close(write)
    assert stream.paths() is None


def test_invalid_records_stop_the_started_mkdocs_builds_and_keep_the_site(tmp_path):
    root = make_project(tmp_path / "kb")
    (root / "site").mkdir()
    (root / "site" / ".sskb-site").write_text("")  # a site sskb built
    (root / "site" / "previous.html").write_text("the previous build")
    path = root / "practices" / "test-border-practice.yaml"
    path.write_text(path.read_text().replace("[MLI, NER]", "[MLI, XYZ]"))
    started = time.perf_counter()
    report = build(root, say=lambda line: None)
    assert [p.code for p in report.problems] == ["country-code"]
    assert time.perf_counter() - started < 60  # nothing waited for pages that never came
    assert (root / "site" / "previous.html").read_text() == "the previous build"
    assert not (root / ".site.building").exists()


def test_a_failing_renderer_stops_the_build_with_a_clear_error(tmp_path, monkeypatch):
    root = make_project(tmp_path / "kb")

    def broken_render(self, template, here, **values):
        raise OSError("disk full")

    monkeypatch.setattr(LanguageRenderer, "render", broken_render)
    with pytest.raises(BuildError) as caught:
        build(root, languages=("en",), say=lambda line: None)
    assert "rendering the en pages stopped at index.md: disk full" in str(caught.value)
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


def read_in_thread(pipe, running):
    """written_pages' batches, read in a thread that must end within seconds."""
    batches = []
    reader = threading.Thread(target=lambda: batches.extend(
        page_pipe.written_pages(pipe, 2, running)), daemon=True)
    reader.start()
    reader.join(timeout=10)
    assert not reader.is_alive(), "still waiting for the end of input"
    return batches


def test_written_pages_are_told_in_batches_until_mkdocs_says_it_ended():
    read, write = os.pipe()
    holder = os.dup(write)  # a forked process holding the pipe: no end of input comes
    told = page_pipe.WrittenPages(write)
    told.built("index.html")
    # MkDocs writes the file after on_post_page: a page is told at the next one's
    assert not select.select([read], [], [], 0)[0]
    for page in ("practices/a/index.html", "practices/b/index.html"):
        told.built(page)
    told.end()
    try:
        batches = read_in_thread(os.fdopen(read, "rb", buffering=0), lambda: True)
    finally:
        os.close(holder)
    assert batches == [["index.html", "practices/a/index.html"], ["practices/b/index.html"]]


def test_written_pages_end_when_mkdocs_stops_without_saying():
    read, write = os.pipe()
    os.write(write, b"index.html\n")  # MkDocs wrote one page, then stopped
    try:
        batches = read_in_thread(os.fdopen(read, "rb", buffering=0), lambda: False)
    finally:
        os.close(write)
    assert batches == [["index.html"]]


def test_each_page_mkdocs_writes_is_told_once_written(tmp_path):
    """The audit reads each page MkDocs wrote while it builds the next ones: every page is
    told once, after its file is complete; only the theme's own pages are left for later."""
    root = make_project(tmp_path / "kb")
    site = tmp_path / "site"
    validation = Validation()
    assert validation.run(root, False)[1] == []
    told = []

    class Auditors:
        """Audits in this process, checking each page it is given is complete."""

        def submit(self, function, folder, *arguments, **options):
            if function.__name__ == "audit_files":
                pages = arguments[0]
                told.extend(pages)
                for page in pages:  # complete: MkDocs ends every page with </html>
                    assert (folder / page).read_bytes().rstrip().endswith(b"</html>")
            done = Future()
            done.set_result([])
            return done

    handbooks = Handbooks(("en",), False, lambda edition, seconds: None, tmp_path / "waiting")
    job = Job(root, site, False, None, date.today(), {}, Auditors(),
              Progress(lambda line: None, 2), Generator(), handbooks)
    handbooks.start(validation.wait(), job.settings, job.today, job.epoch_seconds)
    assert build_language(job, "en", validation) == []
    written = {p.relative_to(site / "en").as_posix() for p in (site / "en").rglob("*.html")}
    assert len(told) == len(set(told)) > 20
    # the handbook, audited first where it waits; the theme's page and the embeddable
    # lists, written once MkDocs is done, are audited last
    assert told[0] == "handbook/index.html"
    later = written - set(told)
    assert {p for p in later if not p.startswith("embed/")} == {"404.html"}
    assert "embed/regions-africa.html" in later


def test_the_home_page_is_audited_again_once_it_names_the_offline_edition_s_size(
        tmp_path, monkeypatch):
    # The home page is audited as MkDocs writes it, with a placeholder for the size of the
    # offline zip; what the size puts there is audited too before anything is published.
    from generator.build import language, pipeline

    monkeypatch.setattr(language, "size_text", lambda size, lang: "2 MB, some.one@example.net")
    root = make_project(tmp_path / "kb")
    report = pipeline.build(root, ("en",), say=lambda line: None, pdf=False)
    assert [(f.path, f.code) for f in report.findings] == [("en/index.html", "personal-data")]
    assert not (root / "site").exists()


def test_the_handbook_audited_where_it_waits_still_stops_the_build(tmp_path, monkeypatch):
    # The web handbook is audited before it is in the site: what it must not show still
    # fails the build, at its place in the site.
    from generator.build import pipeline
    from generator.site.handbook import Handbook

    written = Handbook.write_document

    def with_an_address(document, out):
        whole = io.StringIO()
        written(document, whole)
        out.write(whole.getvalue().replace(
            "</body>", "<p>write to some.one@example.net</p></body>"))

    monkeypatch.setattr(Handbook, "write_document", with_an_address)
    root = make_project(tmp_path / "kb")
    report = pipeline.build(root, ("en",), say=lambda line: None, pdf=False)
    assert [(f.path, f.code) for f in report.findings] == [
        ("en/handbook/index.html", "personal-data")]
    assert not (root / "site").exists()  # nothing was published


@given(st.lists(st.lists(st.sampled_from([b"a", b",", b"bc"]), max_size=6).map(b"".join)))
def test_records_read_in_chunks_are_the_records_of_the_whole_output(chunks):
    # What follows the last delimiter is a record not yet ended: not given.
    assert list(delimited(iter(chunks), b",")) == b"".join(chunks).split(b",")[:-1]


def _modules_after(statement: str) -> set[str]:
    """The modules a fresh interpreter holds once `statement` has run."""
    done = subprocess.run([sys.executable, "-c", f"{statement}; import sys; "
                           "print(' '.join(sys.modules))"], capture_output=True, text=True,
                          check=True)
    return set(done.stdout.split())


def test_mkdocs_process_imports_no_models_reader_or_renderer():
    # Under sskb build MkDocs' process never reads a record: the models (pydantic), the
    # reader and the generator's renderer would be a tenth of a second of each language.
    loaded = _modules_after("import generator.build.in_mkdocs")
    assert "generator.build.in_mkdocs" in loaded
    assert not loaded & {"pydantic", "generator.kb.models", "generator.kb.record_files",
                         "generator.site.render", "generator.build.generate"}


def test_the_command_imports_the_pdf_tools_only_to_lay_out_pdfs():
    loaded = _modules_after("import generator.cli")
    assert "generator.build.pipeline" in loaded
    assert not loaded & {"pikepdf", "typst", "generator.build.handbook_pdf"}
