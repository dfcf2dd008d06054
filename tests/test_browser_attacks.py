"""The attack corpus built into a site and opened in Chromium: no injected script runs, and
no page asks another site for anything. The same attacks, in a page the generator did not
clean, do run: the test would see them."""

from __future__ import annotations

import shutil

import pytest
from attack_cases import opened
from conftest import TESTS, build_site, make_project, served

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


@pytest.mark.parametrize("path", PAGES)
def test_no_injected_script_runs_and_nothing_is_fetched_elsewhere(site, browser, path):
    dialogs, elsewhere = opened(browser, f"{site}/{path}")
    assert dialogs == [] and elsewhere == []


def test_the_same_attacks_uncleaned_do_run(site, browser):
    dialogs, elsewhere = opened(browser, f"{site}/raw.html")
    assert "1" in dialogs and "4" in dialogs
    assert any("other.example" in url for url in elsewhere)
