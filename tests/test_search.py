"""Pagefind search, run in a real browser (Chromium) over the sample site's language builds.

Needs Chromium (Debian's `chromium` package; `.ci/run` installs it) and Playwright's
Python driver, which drives that browser; no browser is downloaded.
"""

import re

import pytest
from conftest import REPO, build_site, fragments, served

# (language, query, words of the title of the practice it must find)
QUERIES = [
    ("en", "morchidines", "Mohammed VI Institute"),
    ("ru", "имамов", "Мухаммеда VI"),
    ("fr", "imams", "Institut Mohammed VI"),
    ("ar", "الأزهر", "دورات الأزهر الشريف"),
    ("zh", "伊玛目", "穆罕默德六世学院"),
    ("es", "Triple Frontera", "Comando Tripartito"),
]


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    site = tmp_path_factory.mktemp("site")
    build_site(REPO, languages=tuple(sorted({q[0] for q in QUERIES})), site=site,
               say=lambda line: None)
    with served(site) as address:
        yield address


def search(browser, url: str) -> tuple[list[str], str]:
    page = browser.new_page()
    try:
        page.goto(url)
        page.wait_for_selector(".pagefind-ui__result-link", timeout=20000)
        titles = [a.inner_text() for a in page.query_selector_all(".pagefind-ui__result-title")]
        return titles, page.inner_text(".pagefind-ui__drawer")
    finally:
        page.close()


@pytest.mark.parametrize("language, query, title", QUERIES)
def test_search_finds_the_practice_in_its_language(server, browser, language, query, title):
    titles, _ = search(browser, f"{server}/{language}/search/?q={query}")
    assert any(title in found for found in titles), titles


def test_a_result_opens_its_page(server, browser):
    page = browser.new_page()
    try:
        page.goto(f"{server}/fr/search/?q=imams")
        page.wait_for_selector(".pagefind-ui__result-link", timeout=20000)
        page.click(".pagefind-ui__result-link")
        page.wait_for_load_state()
        assert "/fr/practices/" in page.url
        assert "imams" in page.inner_text("h1")
    finally:
        page.close()


FACETS = ["Pilier", "Région", "Pays", "Thème", "Type de coopération", "Type de fiche"]


def test_search_offers_the_facets(server, browser):
    page = browser.new_page()
    try:
        page.goto(f"{server}/fr/search/?q=terrorisme")
        page.wait_for_selector(".pagefind-ui__result-link", timeout=20000)
        # The interface draws each filter group as its index arrives, which can be after
        # the first results: wait for the groups (a timeout fails the test), then check.
        page.wait_for_function(
            "names => names.every(name => (document.querySelector('.pagefind-ui__drawer')"
            "?.innerText || '').includes(name))", arg=FACETS, timeout=20000)
        drawer = page.inner_text(".pagefind-ui__drawer")
    finally:
        page.close()
    for facet in FACETS:
        assert facet in drawer


def test_search_in_one_language_returns_only_that_language(server, browser):
    titles, _ = search(browser, f"{server}/ar/search/?q=الأزهر")
    assert titles and all("Al-Azhar" not in title for title in titles)


def count(message: str) -> int:
    """The number of results a message gives ("Résultats pour « x » : 12")."""
    return int(re.findall(r"\d+", message)[-1])


def result_titles(page) -> list[str]:
    return [a.inner_text() for a in page.query_selector_all(".pagefind-ui__result-title")]


def test_a_filter_narrows_the_results_and_is_kept_in_the_address(server, browser):
    """A search can be shared: its words and filters are in the address, and opening the
    address gives the same results. Options without results are not offered."""
    page = browser.new_page()
    try:
        page.goto(f"{server}/fr/search/?q=terrorisme")
        page.wait_for_selector(".pagefind-ui__result-link", timeout=20000)
        page.wait_for_function("document.querySelectorAll('.pagefind-ui__filter-label')"
                               ".length > 0", timeout=20000)
        labels = page.evaluate("[...document.querySelectorAll('.pagefind-ui__filter-value"
                               ":not([hidden]) label')].map(label => label.textContent)")
        assert labels and not [label for label in labels if label.endswith("(0)")]
        before = page.inner_text(".pagefind-ui__message")
        page.click("summary:has-text('Région')")
        page.check(".pagefind-ui__filter-checkbox[value='Afrique']")  # not Afrique du Sud
        page.wait_for_function("m => document.querySelector('.pagefind-ui__message')"
                               ".innerText !== m", arg=before, timeout=20000)
        narrowed = result_titles(page)
        assert page.url.endswith("?q=terrorisme&R%C3%A9gion=Afrique")
        assert count(page.inner_text(".pagefind-ui__message")) < count(before)
        shared = page.url
        page.goto("about:blank")
        page.goto(shared)
        page.wait_for_selector(".pagefind-ui__result-link", timeout=20000)
        page.wait_for_function("document.querySelector('.pagefind-ui__filter-checkbox:checked')",
                               timeout=20000)
        assert page.is_checked(".pagefind-ui__filter-checkbox[value='Afrique']")
        page.wait_for_function(f"document.querySelectorAll('.pagefind-ui__result').length "
                               f"== {len(narrowed)}", timeout=20000)
        # no result repeats its own title as its first sub-result
        assert not page.query_selector_all(".pagefind-ui__result-nested")
    finally:
        page.close()


def test_on_a_phone_the_results_come_before_the_filters(server, browser):
    page = browser.new_page(viewport={"width": 390, "height": 844})
    try:
        page.goto(f"{server}/ar/search/?q=الأزهر")
        page.wait_for_selector(".pagefind-ui__result-link", timeout=20000)
        assert not page.is_visible(".pagefind-ui__filter-panel")
        first = page.query_selector(".pagefind-ui__result").bounding_box()
        assert first["y"] < 844  # the first result is on the first screen
        toggle = page.locator(".sskb-filters-toggle")
        assert toggle.get_attribute("aria-expanded") == "false"
        toggle.click()
        assert page.is_visible(".pagefind-ui__filter-panel")
        assert toggle.get_attribute("aria-expanded") == "true"
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= 390  # nothing wider than the screen
    finally:
        page.close()


def test_no_result_says_so_and_suggests_what_to_try(server, browser):
    page = browser.new_page()
    try:
        page.goto(f"{server}/fr/search/?q=xyzzyq")
        page.wait_for_function("document.querySelector('.pagefind-ui__message')"
                               "?.textContent", timeout=20000)
        message = page.inner_text(".pagefind-ui__message")
        assert "xyzzyq" in message and "retirez un filtre" in message
        assert not page.query_selector_all(".pagefind-ui__result")
        assert not page.is_visible(".pagefind-ui__filter-panel")  # no empty filter
    finally:
        page.close()


# An index in parts (search_index.PART pages a part, here a few dozen so that the sample
# is cut into several) finds what one index finds: the same pages, counts and filters, the
# vocabulary pages never shown. Words whole, misspelt (Pagefind then answers with the
# longest prefix the index holds: here "imams" and "youth" had found unrelated pages in
# parts that lack them), several, and with a filter.
IN_PARTS = [
    ("en", "imams"), ("en", "youth"), ("en", "border"), ("en", "terrorism&Region=Africa"),
    ("en", "prosecutionq"), ("en", "targeted follow-up"), ("en", "WACAP understanding"),
    ("en", "xyzzyq"), ("zh", "伊玛目"), ("zh", "边境"), ("zh", "青年"),
    # No Chinese page holds "youth": Pagefind answers with the longest word it holds that
    # begins it, "you", which only "YouTube" gives.
    ("zh", "youth"),
]


@pytest.fixture(scope="module")
def in_parts(tmp_path_factory):
    from generator.build import search_index
    site = tmp_path_factory.mktemp("parts")
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(search_index, "PART", 25)
        build_site(REPO, languages=("en", "zh"), site=site, say=lambda line: None)
    with served(site) as address:
        yield site, address


def every_result(browser, url: str) -> tuple[str, set[str], str]:
    """The message, every result's address (more shown until none is left) and the
    filters offered, of a search page's address."""
    page = browser.new_page()
    try:
        page.goto(url)
        page.wait_for_function("document.querySelector('.pagefind-ui__message')"
                               "?.textContent", timeout=20000)
        while page.is_visible(".pagefind-ui__button"):
            shown = len(page.query_selector_all(".pagefind-ui__result-link"))
            page.click(".pagefind-ui__button")
            page.wait_for_function(f"document.querySelectorAll('.pagefind-ui__result-link')"
                                   f".length > {shown}", timeout=20000)
        links = {a.get_attribute("href")
                 for a in page.query_selector_all(".pagefind-ui__result-link")}
        return (page.inner_text(".pagefind-ui__message"), links,
                page.inner_text(".pagefind-ui__filter-panel"))
    finally:
        page.close()


def test_an_index_in_parts_holds_every_page_once(in_parts, server):
    site, _ = in_parts
    for language in ("en", "zh"):
        index = site / language / "pagefind"
        parts = [index] + sorted(index.glob("part-*"))
        assert len(parts) >= 4
        search_page = (site / language / "search" / "index.html").read_text(encoding="utf-8")
        assert f'data-parts="{len(parts)}"' in search_page
        urls = [url for part in parts for url in fragments(part)]
        assert len(urls) == sum(len(list((part / "fragment").iterdir())) for part in parts)
        assert urls.count("/sskb-vocabulary/") == len(parts)
        pages = [url for url in urls if url != "/sskb-vocabulary/"]
        assert len(pages) == len(set(pages)) > 100


@pytest.mark.parametrize("language, query", IN_PARTS)
def test_an_index_in_parts_finds_what_one_index_finds(in_parts, server, browser, language,
                                                     query):
    _, in_parts_address = in_parts
    one = every_result(browser, f"{server}/{language}/search/?q={query}")
    parts = every_result(browser, f"{in_parts_address}/{language}/search/?q={query}")
    assert parts == one
    assert not any("sskb-vocabulary" in link for link in parts[1])
    assert "sskb-vocabulary" not in parts[2]
    if query != "xyzzyq":
        assert count(one[0]) == len(one[1]) > 0


def test_a_part_whose_vocabulary_page_is_empty_still_finds_its_pages(tmp_path, browser):
    """A part that holds every word of the language gets an empty vocabulary page, which
    Pagefind leaves out, and so no vocabulary filter: the search page's `not` on that
    filter must then leave the part's pages in (Pagefind reads an unknown filter as
    matching nothing). Here one page in three parts: the first part holds it, the two
    others only their vocabulary pages."""
    from generator.build.search_index import Indexer
    site = tmp_path / "site"
    with Indexer(site, "en", 3) as index:
        index.add("practices/a/index.html", '<html lang="en"><body><article>'
                  '<div data-pagefind-body><h1>Water wells</h1></div></article></body></html>')
        index.ask()
        index.publish()
    assert not (site / "en" / "pagefind" / "filter").exists()  # no vocabulary filter
    (site / "en" / "blank.html").write_text("<!doctype html><title>t</title>", encoding="utf-8")
    with served(site) as address:
        page = browser.new_page()
        try:
            page.goto(f"{address}/en/blank.html")
            found = page.evaluate("""async () => {
              const pagefind = await import('/en/pagefind/pagefind.js');
              await pagefind.options({noWorker: true});
              await pagefind.init();
              for (const part of [1, 2]) await pagefind.mergeIndex(`/en/pagefind/part-${part}/`);
              const urls = async search => Promise.all(
                (await search).results.map(async result => (await result.data()).url));
              return [await urls(pagefind.search('water')),
                      await urls(pagefind.search('water',
                                                 {filters: {not: {'sskb-vocabulary': '1'}}}))];
            }""")
        finally:
            page.close()
    assert sorted(found[0]) == ["/en/practices/a/", "/en/sskb-vocabulary/",
                                "/en/sskb-vocabulary/"]
    assert found[1] == ["/en/practices/a/"]
