"""The attack corpus built into a site and opened in Chromium: no injected script runs, and
no page asks another site for anything. The same attacks, in a page the generator did not
clean, do run: the test would see them."""

from __future__ import annotations

import functools
import http.server
import shutil
import threading

import pytest
from conftest import TESTS, build_site, make_project
from playwright import sync_api as playwright

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
ATTACK_PAGE = TESTS / "fixtures" / "attacks" / "content" / "pages" / "about" / "fr.md"
PAGES = ["fr/about/", "fr/practices/test-border-practice/", "ar/practices/test-border-practice/",
         "fr/centres/test-centre/", "fr/organizations/test-body/"]


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    assert CHROMIUM, "Chromium is needed (apt-get install chromium)"
    root = make_project(tmp_path_factory.mktemp("attacks") / "kb")
    shutil.copytree(TESTS / "fixtures" / "attacks", root, dirs_exist_ok=True)
    build_site(root, languages=("fr", "ar"))
    site = root / "site"
    # The hand-written attacks as raw HTML, as a browser would get them uncleaned.
    body = ATTACK_PAGE.read_text(encoding="utf-8").split("---\n", 2)[2]
    (site / "raw.html").write_text(f"<!doctype html><html><body>{body}</body></html>",
                                   encoding="utf-8")
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(site))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()


@pytest.fixture(scope="module")
def browser():
    with playwright.sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=CHROMIUM, args=[
            "--no-sandbox", "--disable-gpu", "--disable-background-networking",
            "--disable-component-update", "--disable-sync"])
        yield chromium
        chromium.close()


def opened(browser, url: str) -> tuple[list[str], list[str]]:
    """The dialogs a page opened and the other sites it asked for, once loaded and each of
    its links and SVG texts clicked (an injected href runs on click)."""
    page = browser.new_page()
    dialogs, elsewhere = [], []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.route("**/*", lambda route: (
        route.continue_() if route.request.url.startswith(url.split("/", 3)[0] + "//127.0.0.1")
        else (elsewhere.append(route.request.url), route.abort())))
    try:
        page.goto(url, wait_until="load")
        for target in page.query_selector_all("article svg text, article svg a"):
            target.click(no_wait_after=True, timeout=2000)
        page.wait_for_timeout(300)
    finally:
        page.close()
    return dialogs, elsewhere


@pytest.mark.parametrize("path", PAGES)
def test_no_injected_script_runs_and_nothing_is_fetched_elsewhere(served, browser, path):
    dialogs, elsewhere = opened(browser, f"{served}/{path}")
    assert dialogs == [] and elsewhere == []


def test_the_same_attacks_uncleaned_do_run(served, browser):
    dialogs, elsewhere = opened(browser, f"{served}/raw.html")
    assert "1" in dialogs and "4" in dialogs
    assert any("other.example" in url for url in elsewhere)
