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
