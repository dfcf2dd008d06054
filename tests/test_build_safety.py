"""`sskb build` never destroys what is not its own, builds one at a time, fails in one line,
and, killed at any moment, leaves no process behind and the previous site whole."""

from __future__ import annotations

import fcntl
import hashlib
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import build_site, make_project

from generator.build.pipeline import build
from generator.build.tools import BuildError
from generator.cli import main


def tree(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture
def project(tmp_path) -> Path:
    return make_project(tmp_path / "kb")


@pytest.mark.parametrize("where", [".", "practices/site", ".git/site", "content"])
def test_a_site_is_never_built_over_the_sources(project, where, capsys):
    (project / ".git").mkdir()
    before = tree(project)
    assert main(["build", str(project), "--lang", "en", "--site", str(project / where)]) == 1
    error = capsys.readouterr().err
    assert "sskb will not build the site into" in error and "Traceback" not in error
    assert tree(project) == before


def test_a_folder_of_other_files_is_not_replaced(project, tmp_path):
    other = tmp_path / "documents"
    other.mkdir()
    (other / "report.pdf").write_bytes(b"%PDF")
    with pytest.raises(BuildError, match="holds files that sskb did not build"):
        build(project, ("en",), site=other, say=lambda line: None)
    assert tree(other) == {"report.pdf": hashlib.sha256(b"%PDF").hexdigest()}


def test_a_site_sskb_built_is_replaced_and_marked(project):
    build_site(project, languages=("en",))
    assert (project / "site" / ".sskb-site").is_file()
    build_site(project, languages=("en",))  # the marked site is replaced


def test_one_build_at_a_time_per_site(project):
    with open(project / ".site.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        with pytest.raises(BuildError, match="another sskb build is writing"):
            build(project, ("en",), say=lambda line: None)


def test_an_unwritable_site_folder_is_one_line(project, tmp_path, capsys):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    assert main(["build", str(project), "--lang", "en", "--site",
                 str(blocker / "site")]) == 1
    error = capsys.readouterr().err.strip()
    assert error.count("\n") == 0 and str(tmp_path) in error and "Traceback" not in error


def session_processes(session: int) -> list[str]:
    """The processes still alive in a session (the killed build's, and its helpers')."""
    left = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rpartition(")")[2].split()
        except OSError:
            continue
        if int(fields[3]) == session and fields[0] != "Z":
            left.append(stat.parent.name)
    return left


@pytest.mark.parametrize("moment", ["started", "validated", "printed the en handbook",
                                    "MkDocs built"])
def test_a_killed_build_leaves_no_process_and_the_previous_site(project, moment):
    build_site(project, languages=("en", "fr"))
    before = tree(project / "site")
    command = [sys.executable, "-m", "generator.cli", "build", str(project), "--lang", "en",
               "--lang", "fr"]
    child = subprocess.Popen(command, stdout=subprocess.PIPE, text=True,
                             start_new_session=True, env={**os.environ, "PYTHONUNBUFFERED": "1"})
    if moment == "started":
        time.sleep(0.5)
    else:
        for line in child.stdout:
            if moment in line:
                break
    child.send_signal(signal.SIGKILL)
    child.wait()
    deadline = time.monotonic() + 10
    while session_processes(child.pid) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert session_processes(child.pid) == []
    assert tree(project / "site") == before
    build_site(project, languages=("en",))  # the lock went with the killed build


def test_a_full_disk_under_mkdocs_is_one_line():
    from generator.build.mkdocs_process import unwritable

    output = ("INFO    -  Building documentation...\nTraceback (most recent call last):\n"
              '  File "mkdocs/commands/build.py", line 255, in _build_page\n'
              "OSError: [Errno 28] No space left on device: '/srv/site/en/practices/x/index.html'\n")
    assert unwritable(output) == ("cannot write /srv/site/en/practices/x/index.html: "
                                  "No space left on device")
    assert unwritable("ERROR   -  Config value 'nav': a broken link\n") is None
