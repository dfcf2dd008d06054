"""Bad input of the kinds a file system can hold: every one gives a problem that names the
file, and none gives a traceback, waits for ever, or reads and echoes what it must not."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from generator.kb.problems import as_text
from generator.kb.validate import load_knowledge_base

PRACTICE = "practices/test-border-practice.yaml"


def problems_of(kb: Path) -> list[tuple[str, str]]:
    _, problems = load_knowledge_base(kb)
    return [(p.path, p.code) for p in problems]


def test_a_folder_named_like_a_record_is_no_record(kb):
    (kb / "practices" / "folder.yaml").mkdir()
    assert problems_of(kb) == [("practices/folder.yaml", "not-a-file")]


def test_a_pipe_named_like_a_record_is_refused_without_waiting(kb):
    os.mkfifo(kb / "practices" / "pipe.yaml")  # reading it would wait for a writer
    assert problems_of(kb) == [("practices/pipe.yaml", "not-a-file")]


def test_a_broken_link_is_refused(kb):
    (kb / "practices" / "gone.yaml").symlink_to(kb / "nowhere.yaml")
    assert problems_of(kb) == [("practices/gone.yaml", "broken-link")]


def test_a_link_out_of_the_knowledge_base_is_not_read(kb, tmp_path):
    secret = tmp_path / "secret.yaml"
    secret.write_text("id: [the-secret-value]\n")
    (kb / "practices" / "linked.yaml").symlink_to(secret)
    _, problems = load_knowledge_base(kb)
    assert [(p.path, p.code) for p in problems] == [("practices/linked.yaml", "link-outside")]
    assert "secret-value" not in as_text(problems)


def test_a_link_to_a_hand_written_page_outside_is_not_read(kb, tmp_path):
    outside = tmp_path / "about.md"
    outside.write_text("---\ntitle: Secret title\n---\n")
    page = kb / "content" / "pages" / "about" / "en.md"
    page.unlink()
    page.symlink_to(outside)
    assert problems_of(kb) == [("content/pages/about/en.md", "link-outside")]


def test_an_unreadable_folder_is_a_problem(kb, monkeypatch):
    listing = Path.iterdir

    def refused(folder):
        if folder.name == "centres":
            raise PermissionError(13, "Permission denied")
        return listing(folder)

    monkeypatch.setattr(Path, "iterdir", refused)
    found = problems_of(kb)
    assert ("content/centres", "unreadable") in found


def test_names_that_are_not_text_are_shown_escaped(kb):
    folder = os.fsencode(kb / "practices")
    for name in (b"\xff\xfe.yaml", "\u202eevil.yaml".encode()):
        with open(os.path.join(folder, name), "w") as stream:
            stream.write("id: x\n")
    _, problems = load_knowledge_base(kb)
    text = as_text(problems)
    assert "practices/\\xff\\xfe.yaml" in text and "practices/\\u202eevil.yaml" in text
    assert "\u202e" not in text
    text.encode("utf-8")  # printable: no lone surrogate


def test_the_command_line_prints_every_such_problem_without_a_traceback(kb, tmp_path):
    (kb / "practices" / "folder.yaml").mkdir()
    os.mkfifo(kb / "practices" / "pipe.yaml")
    (kb / "practices" / "gone.yaml").symlink_to(kb / "nowhere.yaml")
    with open(os.path.join(os.fsencode(kb / "practices"), b"\xff.yaml"), "w") as stream:
        stream.write("id: x\n")
    result = subprocess.run([sys.executable, "-m", "generator.cli", "validate", str(kb)],
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr + result.stdout
    assert "Found 4 problems in 4 files." in result.stdout
