"""The site as a reader meets it in a browser (Debian's Chromium, driven by Playwright):
the language chooser, what the pages ask of the network, the header on a phone."""

from __future__ import annotations

import shutil

from conftest import served


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
