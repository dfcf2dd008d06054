"""The site as a reader meets it in a browser (Debian's Chromium, driven by Playwright):
the language chooser, what the pages ask of the network, the header on a phone."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from conftest import REPO, served

from generator.build.pipeline import build


def watch(page) -> dict[str, list[str]]:
    """What a page asks and complains of, as it loads."""
    seen = {"requests": [], "failed": [], "errors": []}
    page.on("request", lambda request: seen["requests"].append(request.url))
    page.on("requestfailed", lambda request: seen["failed"].append(request.url))
    page.on("response", lambda response: seen["failed"].append(response.url)
            if response.status >= 400 else None)
    page.on("console", lambda message: seen["errors"].append(message.text)
            if message.type == "error" else None)
    page.on("pageerror", lambda error: seen["errors"].append(str(error)))
    return seen


def test_the_language_chooser_keeps_the_record_wherever_the_site_is_served(
        built, browser, tmp_path):
    _, site, _ = built
    # served two folders below the address's root, at an address it was not built for
    shutil.copytree(site, tmp_path / "deep" / "kb", symlinks=True)
    with served(tmp_path) as address:
        page = browser.new_page()
        seen = watch(page)
        page.goto(f"{address}/deep/kb/en/practices/test-border-practice/")
        page.wait_for_load_state("networkidle")
        page.hover(".md-select")  # the chooser opens on hover or focus
        page.click("a.md-select__link[hreflang=ar]")
        page.wait_for_load_state("networkidle")
        assert page.url == f"{address}/deep/kb/ar/practices/test-border-practice/"
        assert page.evaluate("getComputedStyle(document.body).direction") == "rtl"
        page.close()
    assert not [url for url in seen["requests"] if "sitemap" in url]
    assert seen["failed"] == [] and seen["errors"] == []
    assert all(url.startswith(address) for url in seen["requests"])


# One page of each kind in the sample knowledge base (its long addresses and names are
# what overflowed a phone's screen).
PAGE_KINDS = {
    "home": "", "practice": "practices/morocco-imam-training-institute/",
    "centre": "centres/acsrt/", "organization": "organizations/african-union/",
    "expert": "experts/example-rashid-al-amin/", "directory": "experts/",
    "index": "regions/africa/", "countries": "countries/", "search": "search/?q=imams",
    "insight": "insight/", "data": "data/", "handbook": "handbook/",
    "whats-new": "whats-new/",
}
VIEWPORTS = {"desktop": (1280, 900), "phone": (390, 844)}


@pytest.fixture(scope="module")
def sample_site(tmp_path_factory):
    """The sample knowledge base built in English and Arabic (no PDF)."""
    root = tmp_path_factory.mktemp("sample") / "kb"
    shutil.copytree(REPO, root, ignore=shutil.ignore_patterns(
        ".git", ".venv", "site", "build", "node_modules", "tools", "tests"))
    report = build(root, languages=("en", "ar"), say=lambda line: None, pdf=False)
    assert not report.problems and not report.findings
    return root / "site"


@pytest.mark.parametrize("language", ["en", "ar"])
def test_every_page_kind_fits_the_screen_and_loads_cleanly(sample_site, browser, language,
                                                          tmp_path):
    """Each kind of page, on a desktop and on a phone: nothing wider than the screen, no
    console error, no failed request, nothing asked of another host. The screenshots are
    kept in $SSKB_SCREENSHOTS when it is set (the workflow keeps them as artifacts)."""
    shots = Path(os.environ.get("SSKB_SCREENSHOTS") or tmp_path)
    shots.mkdir(parents=True, exist_ok=True)
    wide = []
    with served(sample_site) as address:
        for device, (width, height) in VIEWPORTS.items():
            page = browser.new_page(viewport={"width": width, "height": height})
            seen = watch(page)
            for kind, path in PAGE_KINDS.items():
                page.goto(f"{address}/{language}/{path}")
                page.wait_for_load_state("networkidle")
                if kind == "search":
                    page.wait_for_selector(".pagefind-ui__result", timeout=20000)
                if page.evaluate("document.documentElement.scrollWidth") > width:
                    wide.append((device, kind))
                page.screenshot(path=str(shots / f"{language}-{device}-{kind}.png"))
            page.close()
            assert seen["failed"] == [] and seen["errors"] == [], (device, seen)
            assert all(url.startswith(address) for url in seen["requests"])
    assert wide == []
