"""`sskb serve`: a saved record is served anew after one rebuild, heard of from the system."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request

from conftest import make_project


def fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8")
    except OSError:
        return ""


def wait_for(condition, seconds: float) -> bool:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        if condition():
            return True
        time.sleep(0.02)
    return False


def test_a_saved_practice_is_served_anew_after_one_rebuild(tmp_path):
    root = make_project(tmp_path / "kb")
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    log = tmp_path / "serve.log"
    with open(log, "wb") as output:
        server = subprocess.Popen(
            [sys.executable, "-m", "generator.cli", "serve", str(root), "--lang", "fr",
             "--dev-addr", f"127.0.0.1:{port}"], stdout=output, stderr=subprocess.STDOUT,
            start_new_session=True)
    page = f"http://127.0.0.1:{port}/practices/test-border-practice/"
    listing = f"http://127.0.0.1:{port}/practices/"
    try:
        assert wait_for(lambda: "Pratique fictive de sécurité" in fetch(page), 120), \
            log.read_text(errors="replace")
        time.sleep(1)  # nothing is rebuilt while nothing changes
        before = log.read_text(errors="replace").count("Building documentation")
        record = root / "practices" / "test-border-practice.yaml"
        record.write_text(record.read_text(encoding="utf-8").replace(
            "Pratique fictive de sécurité", "Pratique modifiée de sécurité"), encoding="utf-8")
        saved = time.monotonic()
        assert wait_for(lambda: "Pratique modifiée de sécurité" in fetch(page)
                        and "Pratique modifiée de sécurité" in fetch(listing), 30)
        # Heard of at once (MkDocs polls twice a second), and rebuilt once: the pages the
        # rebuild writes are not watched, nor the records it reads.
        assert time.monotonic() - saved < 10
        time.sleep(1.5)
        after = log.read_text(errors="replace").count("Building documentation")
        assert after - before == 1, log.read_text(errors="replace")
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)


def test_a_rebuild_takes_over_only_what_it_knows_of_unchanged_records(tmp_path):
    # sskb serve's reader keeps a record whose file is unchanged: what the last view
    # worked out about it is taken over, and a saved record's is worked out anew.
    from generator.build.generate import load_view
    from generator.kb.record_files import RecordReader

    root = make_project(tmp_path / "kb")
    reader = RecordReader()
    first, _ = load_view(root, drafts=True, reader=reader)
    before = {p.id: (p, first.freshness(p, "en"), first.coverage(p)) for p in first.practices}
    record = root / "practices" / "test-border-practice.yaml"
    record.write_text(record.read_text(encoding="utf-8").replace(
        "Pratique fictive de sécurité", "Pratique modifiée de sécurité"), encoding="utf-8")
    second, _ = load_view(root, drafts=True, reader=reader)
    second.keep_from(first)
    for practice in second.practices:
        old, freshness, coverage = before[practice.id]
        kept = practice is old
        assert (second.freshness(practice, "en") is freshness) == kept
        assert (second.coverage(practice) is coverage) == kept
    assert sorted((p.id, p is before[p.id][0]) for p in second.practices) == [
        ("test-border-practice", False), ("test-draft-practice", True)]


def test_the_theme_files_listed_once_are_those_mkdocs_lists(tmp_path, monkeypatch):
    """Listed once for `mkdocs serve`: the same theme files as MkDocs' own listing, and a
    page of the site still takes the place of the theme's file of the same path."""
    from mkdocs.config import load_config
    from mkdocs.structure.files import File, Files

    from generator.build import in_mkdocs

    root = make_project(tmp_path / "kb")
    (root / "build" / "docs" / "en").mkdir(parents=True)
    config = load_config(str(root / "mkdocs.yml"))
    env = config.theme.get_env()

    def listing(page: str | None) -> list[tuple]:
        files = Files([File(page, config.docs_dir, config.site_dir, True)] if page else [])
        files.add_files_from_theme(env, config)
        return sorted((f.src_uri, f.abs_src_path, f.dest_uri) for f in files)

    monkeypatch.setattr(Files, "add_files_from_theme", Files.add_files_from_theme)
    theirs = listing(None)
    taken = next(uri for uri, *_ in theirs if uri.endswith(".js"))  # a page in its place
    expected = [theirs, listing(taken)]
    assert len(theirs) > 10 and expected[1] != theirs
    in_mkdocs.list_theme_files_once()
    assert [listing(None), listing(taken)] == expected
    assert listing(taken) == expected[1]  # the second time, from what was kept
