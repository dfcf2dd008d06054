"""The site as a reader meets it in a browser (Debian's Chromium, driven by Playwright):
the language chooser, what the pages ask of the network, the header on a phone."""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

import pytest
from conftest import REPO, served


def watch(page) -> dict[str, list[str]]:
    """What a page asks and complains of, as it loads."""
    seen = {"requests": [], "failed": [], "errors": []}
    page.on("request", lambda request: seen["requests"].append(request.url))
    # A request the browser itself called off (net::ERR_ABORTED: Chromium, once in a
    # while, drops a stylesheet it is loading for a page it has left) is no failure of
    # the site's; a missing file answers 404, below.
    page.on("requestfailed", lambda request: seen["failed"].append(
        f"{request.url} ({request.failure})") if request.failure != "net::ERR_ABORTED"
        else None)
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
        # a name shown in its original language reads in its own direction
        page.goto(f"{address}/deep/kb/ar/organizations/test-body/")
        heading = page.locator("h1[lang=en]")
        assert heading.evaluate("e => getComputedStyle(e).direction") == "ltr"
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


@pytest.fixture
def sample(sample_site) -> Path:
    """The sample knowledge base's site, in English and Arabic (conftest)."""
    return sample_site[1]


@pytest.mark.parametrize("language", ["en", "ar"])
def test_every_page_kind_fits_the_screen_and_loads_cleanly(sample, browser, language,
                                                          tmp_path):
    """Each kind of page, on a desktop and on a phone: nothing wider than the screen, no
    console error, no failed request, nothing asked of another host. The screenshots are
    kept in $SSKB_SCREENSHOTS when it is set (the workflow keeps them as artifacts)."""
    shots = Path(os.environ.get("SSKB_SCREENSHOTS") or tmp_path)
    shots.mkdir(parents=True, exist_ok=True)
    wide = []
    with served(sample) as address:
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
                if kind == "directory" and page.evaluate(  # its table is not cut off
                        "[...document.querySelectorAll('.md-typeset__table')].some("
                        "t => t.scrollWidth > t.clientWidth)"):
                    wide.append((device, "directory's table"))
                page.screenshot(path=str(shots / f"{language}-{device}-{kind}.png"))
            page.close()
            assert seen["failed"] == [] and seen["errors"] == [], (device, seen)
            assert all(url.startswith(address) for url in seen["requests"])
    assert wide == []


@pytest.mark.parametrize("language", ["en", "ar"])
def test_axe_finds_no_serious_accessibility_problem(sample, browser, language):
    """axe-core (bundled by axe-playwright-python) on each kind of page."""
    from axe_playwright_python.sync_playwright import Axe

    axe, found = Axe(), {}
    with served(sample) as address:
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        for kind, path in PAGE_KINDS.items():
            page.goto(f"{address}/{language}/{path}")
            page.wait_for_load_state("networkidle")
            if kind == "search":
                page.wait_for_selector(".pagefind-ui__result", timeout=20000)
            violations = axe.run(page).response["violations"]
            serious = [(v["id"], [n["target"] for n in v["nodes"]][:3]) for v in violations
                       if v["impact"] in ("serious", "critical")]
            if serious:
                found[kind] = serious
        page.close()
    assert found == {}


def test_the_search_page_works_from_the_keyboard(sample, browser):
    """Tab to the box, type, Tab to a filter group, open it with Enter, tick an option with
    Space: the results narrow and the address keeps the choice."""
    with served(sample) as address:
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        page.goto(f"{address}/en/search/")
        page.wait_for_load_state("networkidle")
        for _ in range(60):  # from the top of the page to the search box
            page.keyboard.press("Tab")
            if page.evaluate("document.activeElement.classList"
                             ".contains('pagefind-ui__search-input')"):
                break
        page.keyboard.type("training")
        page.wait_for_selector(".pagefind-ui__result", timeout=20000)
        page.wait_for_selector("summary.pagefind-ui__filter-name", timeout=20000)
        names = []
        for _ in range(10):  # on to the filter groups (past the Clear button)
            page.keyboard.press("Tab")
            names.append(page.evaluate("document.activeElement.textContent.trim()"))
            if names[-1] == "Pillar":
                break
        assert names[-1] == "Pillar", names
        page.keyboard.press("Enter")
        page.keyboard.press("Tab")
        assert page.evaluate("document.activeElement.type") == "checkbox"
        page.keyboard.press("Space")
        page.wait_for_function("location.search.includes('Pillar=')", timeout=5000)
        assert page.evaluate("document.activeElement.checked")
        page.close()


VNU = REPO / "tools" / "vnu" / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"


def test_the_w3c_validator_finds_no_error_in_any_kind_of_page(sample):
    """The W3C Nu Html Checker (npm's vnu-jar, `npm ci --prefix tools/vnu`; Java) on each
    kind of page, the theme's 404 page included, in English and Arabic."""
    import json
    import subprocess

    assert VNU.exists(), "run: npm ci --prefix tools/vnu"
    pages = [sample / language / path.split("?")[0] / "index.html"
             for language in ("en", "ar") for path in PAGE_KINDS.values()]
    pages += [sample / language / "404.html" for language in ("en", "ar")]
    # (it exits with 1 when it finds errors: they are read from its report)
    run = subprocess.run(["java", "-jar", str(VNU), "--errors-only", "--format", "json",
                          *map(str, pages)], check=False, capture_output=True, text=True,
                         timeout=300)
    messages = json.loads(run.stderr)["messages"]
    assert [(m["url"].rsplit("/site/", 1)[-1], m["message"]) for m in messages] == []
    assert len(pages) == 2 * len(PAGE_KINDS) + 2


def test_a_directory_is_usable_from_the_keyboard(sample, browser):
    """Tab goes through the experts directory's links, each visibly focused, and Enter
    opens the one focused."""
    with served(sample) as address:
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        page.goto(f"{address}/ar/experts/")
        page.wait_for_load_state("networkidle")
        for _ in range(80):
            page.keyboard.press("Tab")
            href = page.evaluate("document.activeElement.closest('table') && "
                                 "document.activeElement.getAttribute('href')")
            if href:
                break
        assert href and "example-" in href
        outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
        assert outline != "none"
        with page.expect_navigation():
            page.keyboard.press("Enter")
        assert "/ar/experts/example-" in page.url
        page.close()


@pytest.mark.parametrize("language", ["en", "ar"])
def test_a_first_visit_and_a_first_search_keep_to_their_budgets(sample, browser,
                                                                  language):
    """What a reader on a slow link downloads, counted as gzip sends it (the figures are
    printed; benchmarks/page_weight.py prints them for any language)."""
    sys.path.insert(0, str(REPO / "benchmarks"))
    from page_weight import BUDGETS, measure

    with served(sample) as address:
        steps = measure(browser, address, language)
    for step, files in steps.items():
        total = sum(size for _, size in files) / 1024
        print(f"{language} {step}: {total:.0f} KB gzip (budget {BUDGETS[step]} KB)")
        assert files and total <= BUDGETS[step], (step, files[:5])
