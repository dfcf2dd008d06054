"""The one writer of output files: a page is written only when its text changed."""

from __future__ import annotations

import os

import pytest

from generator.build.write import PageWriter, write_files


@pytest.mark.parametrize("remember", [True, False])
def test_a_page_is_written_when_its_text_changed_and_only_then(tmp_path, remember):
    writer, page = PageWriter(remember), tmp_path / "docs" / "a.md"
    assert writer.write(page, "one") is True
    os.utime(page, ns=(1, 1))  # a rewrite would give the file the time of now
    assert writer.write(page, "one") is False
    assert page.stat().st_mtime_ns == 1
    assert writer.write(page, "two") is True
    assert page.read_text() == "two"
    page.write_text("changed by hand")  # not what the writer wrote: compared anew
    assert writer.write(page, "two") is True
    assert page.read_text() == "two"


def test_sskb_build_s_writer_keeps_no_page_in_memory(tmp_path):
    # sskb build writes each page once: what it wrote is not kept (the pages of six
    # languages of 10,000 practices were a gigabyte); sskb serve's writer keeps it.
    kept, let_go = PageWriter(remember=True), PageWriter(remember=False)
    for n in range(3):
        kept.write(tmp_path / "kept" / f"{n}.md", "text")
        let_go.write(tmp_path / "let-go" / f"{n}.md", "text")
    assert len(kept._written) == 3 and not let_go._written


def test_a_text_in_pieces_is_written_when_it_changed_and_only_then(tmp_path):
    def pieces(*texts):
        yield from texts  # read once, as the exports' rows are

    assert write_files(tmp_path, [("data/a.json", pieces("[", "1", "]")), ("b", "x")]) == [
        "data/a.json", "b"]
    assert (tmp_path / "data" / "a.json").read_text() == "[1]"
    os.utime(tmp_path / "data" / "a.json", ns=(1, 1))
    assert write_files(tmp_path, [("data/a.json", pieces("[1", "]"))]) == []
    assert (tmp_path / "data" / "a.json").stat().st_mtime_ns == 1  # not rewritten
    assert sorted(p.name for p in (tmp_path / "data").iterdir()) == ["a.json"]  # nothing aside
    assert write_files(tmp_path, [("data/a.json", pieces("[2", "]", "é"))]) == ["data/a.json"]
    assert (tmp_path / "data" / "a.json").read_text(encoding="utf-8") == "[2]é"


def test_a_text_whose_pieces_fail_to_come_leaves_the_file_as_it_was(tmp_path):
    def failing():
        yield "half"
        raise ValueError("a row could not be made")

    (tmp_path / "a.json").write_text("before")
    with pytest.raises(ValueError):
        write_files(tmp_path, [("a.json", failing())])
    assert [p.name for p in tmp_path.iterdir()] == ["a.json"]
    assert (tmp_path / "a.json").read_text() == "before"
