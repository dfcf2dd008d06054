"""End-to-end: the fixture knowledge base built into a six-language site, as `sskb build` does."""

import gzip
import os
import re
import subprocess
import sys
import time
from html.parser import HTMLParser
from pathlib import Path

import pytest
from conftest import build_site, make_project

from generator.build.pipeline import build
from generator.kb.codes import UN_LANGUAGES


def html(site: Path, lang: str, page: str) -> str:
    return (site / lang / page / "index.html").read_text(encoding="utf-8")


def test_every_language_is_built_with_progress(built):
    root, site, lines = built
    for lang in UN_LANGUAGES:
        assert (site / lang / "index.html").exists()
        assert (site / lang / "pagefind" / "pagefind.js").exists()
        assert (site / lang / "practices" / "test-border-practice" / "index.html").exists()
        assert (site / lang / "handbook" / "index.html").exists()
        assert (site / lang / "handbook" / f"south-south-handbook-{lang}.pdf").exists()
    assert lines[0].startswith("[1/20] validated the knowledge base (published: practices 1,")
    for lang in UN_LANGUAGES:  # each language's pages generated as MkDocs builds them
        assert any(re.match(rf"\[\d+/20\] generated \d+ pages \(\d+ written\) and MkDocs "
                            rf"built {lang} ", line) for line in lines), lang
        assert any(re.match(rf"\[\d+/20\] printed the {lang} handbook \(PDF, ", line)
                   for line in lines), lang
    assert lines[-1].startswith("[20/20] wrote the language chooser; the audit found nothing")
    root_page = (site / "index.html").read_text()
    assert all(f'href="{lang}/"' in root_page for lang in UN_LANGUAGES)


def test_pages_are_in_their_language_and_direction(built):
    _, site, _ = built
    arabic = html(site, "ar", "practices/test-border-practice")
    assert re.search(r'<html dir="rtl" lang="ar"', arabic) and '<body dir="rtl"' in arabic
    french = html(site, "fr", "practices/test-border-practice")
    assert re.search(r'<html[^>]*lang="fr"', french)
    assert "dir=" not in re.search(r"<html[^>]*>", french).group(0)
    assert "Pratique fictive de sécurité des frontières" in french
    assert "Sénégal" in french and "Piliers de la Stratégie" in french


def test_language_switcher_points_to_every_language(built):
    """Each language's link leads to this same page in it, relatively (wherever the site
    is served); the head names no alternate, for which the theme would fetch sitemaps."""
    _, site, _ = built
    page = html(site, "en", "practices/test-border-practice")
    for lang in UN_LANGUAGES:
        assert (f'href="../../../{lang}/practices/test-border-practice/" hreflang="{lang}"'
                in page)
    assert 'href="./../ar/" hreflang="ar"' in html(site, "en", "")
    assert not re.search(r'<link rel="alternate"[^>]*hreflang', page)


def test_no_page_shows_markup_as_text(built):
    """An attribute list ({: lang=... }) is Markdown's, never text on a page: a name in
    another language than the page's followed by an acronym once showed it in the H1."""
    from lxml import html as lxml_html

    _, site, _ = built
    for lang in UN_LANGUAGES:
        for path in sorted((site / lang).rglob("*.html")):
            text = lxml_html.parse(str(path)).getroot().text_content()
            assert "{:" not in text and "dir=" not in text, path
    title = lxml_html.parse(str(site / "ar" / "organizations" / "test-body" / "index.html"))
    heading = title.getroot().xpath("//h1")[0]
    assert heading.get("lang") == "en" and heading.text_content().startswith("Test Regional Body (TRB)")


def test_without_a_base_url_no_page_names_an_address_of_its_own(built):
    """No canonical link and no localhost address for a deployment to publish."""
    _, site, _ = built
    for path in sorted(site.rglob("*")):
        if path.suffix in (".html", ".xml", ".json", ".atom"):
            text = path.read_text(encoding="utf-8")
            assert "127.0.0.1" not in text and "localhost" not in text, path
    assert 'rel="canonical"' not in html(site, "fr", "practices/test-border-practice")


def test_practice_page_links_its_records_and_hides_what_is_not_public(built):
    _, site, _ = built
    page = html(site, "en", "practices/test-border-practice")
    assert 'href="../../centres/test-centre/"' in page
    assert 'href="../../organizations/test-body/"' in page
    assert 'href="../../experts/example-test-expert/"' in page
    assert 'href="https://example.org/source"' in page
    assert not (site / "en" / "practices" / "test-draft-practice").exists()
    assert not (site / "en" / "experts" / "example-draft-expert").exists()
    assert "Draft Expert" not in (site / "en" / "experts" / "index.html").read_text()


def test_back_links_and_facet_pages(built):
    _, site, _ = built
    centre = html(site, "en", "centres/test-centre")
    assert 'href="../../practices/test-border-practice/"' in centre
    assert (site / "en" / "countries" / "sen" / "index.html").exists()
    assert (site / "en" / "pillars" / "2" / "index.html").exists()
    assert (site / "en" / "cooperation" / "regional" / "index.html").exists()


def test_search_facets_are_marked(built):
    _, site, _ = built
    page = html(site, "en", "practices/test-border-practice")
    filters = set(re.findall(r'data-pagefind-filter="([^"]+)"', page))
    assert filters == {"Pillar", "Theme", "Region", "Country", "Type of cooperation",
                       "Record kind", "Support"}
    assert "data-pagefind-body" in page
    assert "data-pagefind-body" not in html(site, "en", "practices")


class ResourceCollector(HTMLParser):
    """Addresses a browser fetches by itself: scripts, styles, icons, images, frames."""

    def __init__(self):
        super().__init__()
        self.urls = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag in ("script", "img", "iframe", "audio", "video", "source") and attrs.get("src"):
            self.urls.append(attrs["src"])
        if tag == "link" and attrs.get("rel") not in ("canonical", "alternate"):
            self.urls.append(attrs.get("href", ""))


def test_no_third_party_requests(built):
    _, site, _ = built
    pages = list((site / "fr").rglob("*.html"))
    assert len(pages) > 20
    for page in pages:
        collector = ResourceCollector()
        collector.feed(page.read_text(encoding="utf-8"))
        for url in collector.urls:
            assert not re.match(r"(https?:)?//", url), (page, url)


def test_second_build_rewrites_no_markdown(built):
    root, _, _ = built
    lines = []
    build_site(root, languages=("en",), site=root / "site-again", say=lines.append)
    assert any("(0 written) and MkDocs built en" in line for line in lines)


def run_mkdocs(root: Path, env: dict) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict"], cwd=root,
                          env={**os.environ, "SSKB_LANG": "en", **env},
                          capture_output=True, text=True)


def test_mkdocs_build_reports_invalid_records_without_traceback(tmp_path):
    root = make_project(tmp_path / "kb")
    (root / "build" / "docs" / "en").mkdir(parents=True)
    path = root / "practices" / "test-border-practice.yaml"
    path.write_text(path.read_text().replace("[MLI, NER]", "[MLI, XYZ]"))
    result = run_mkdocs(root, {})
    assert result.returncode == 1
    assert "practices/test-border-practice.yaml:19:26: partner_countries[1]" in result.stderr
    assert "Traceback" not in result.stderr


def test_a_broken_internal_link_fails_the_build(built):
    root, _, _ = built
    docs = root / "build" / "docs" / "en"
    (docs / "broken.md").write_text("# Broken\n\n[nowhere](missing-page.md)\n")
    try:
        result = run_mkdocs(root, {"SSKB_GENERATED": "1", "SSKB_SITE_DIR": "site-broken"})
    finally:
        (docs / "broken.md").unlink()
    assert result.returncode == 1
    assert "missing-page.md" in result.stderr


class LinkCollector(HTMLParser):
    def __init__(self):
        super().__init__()
        self.hrefs = []

    def handle_starttag(self, tag, attrs):
        href = dict(attrs).get("href")
        if tag == "a" and href:
            self.hrefs.append(href)


def test_every_internal_link_resolves(built):
    _, site, _ = built
    checked = 0
    for page in site.rglob("*.html"):
        collector = LinkCollector()
        collector.feed(page.read_text(encoding="utf-8"))
        for href in collector.hrefs:
            if re.match(r"([a-z]+:|//|#)", href):
                continue
            path = href.split("#")[0]
            # The 404 pages link from the site's root (MkDocs uses site_url's path there).
            base = site if path.startswith("/") else page.parent
            target = (base / path.lstrip("/")).resolve()
            if href.endswith("/") or target.is_dir():
                target = target / "index.html"
            assert target.exists(), (page.relative_to(site), href)
            checked += 1
    assert checked > 500


def test_a_failed_build_leaves_the_previous_site(tmp_path):
    root = make_project(tmp_path / "kb")
    build_site(root, languages=("en",))
    before = {p: p.read_bytes() for p in (root / "site").rglob("*") if p.is_file()}
    # A theme customisation that loads a script from another site: valid records, and
    # only the audit of the built pages can tell.
    main = root / "overrides" / "main.html"
    main.write_text(main.read_text().replace(
        "{% block scripts %}", '{% block scripts %}<script src="https://cdn.example/x.js">'
        "</script>"))
    assert build(root, languages=("en",), say=lambda line: None).findings
    after = {p: p.read_bytes() for p in (root / "site").rglob("*") if p.is_file()}
    assert after == before
    assert [p.name for p in tmp_path.glob("kb/.site*")] == [".site.lock"]


def test_two_builds_of_one_commit_are_byte_identical(tmp_path):
    root = make_project(tmp_path / "kb")
    env = {"SOURCE_DATE_EPOCH": "1700000000"}
    os.environ.update(env)
    try:
        build_site(root, languages=("en", "zh"), site=tmp_path / "one")
        build_site(root, languages=("en", "zh"), site=tmp_path / "two")
    finally:
        os.environ.pop("SOURCE_DATE_EPOCH")
    one = {p.relative_to(tmp_path / "one"): p.read_bytes()
           for p in (tmp_path / "one").rglob("*") if p.is_file()}
    two = {p.relative_to(tmp_path / "two"): p.read_bytes()
           for p in (tmp_path / "two").rglob("*") if p.is_file()}
    # Pagefind writes its filter index in hash-map order, which differs from run to run
    # (Pagefind issue #638: fragments are stable since 1.3, "filter/metadata indexes" not);
    # the files naming them by content hash differ with them. Their content must be equal.
    unstable = re.compile(r"pagefind/(filter/.*|pagefind\.[\w]+\.pf_meta|pagefind-entry\.json)")
    stable_one = {p: b for p, b in one.items() if not unstable.search(p.as_posix())}
    stable_two = {p: b for p, b in two.items() if not unstable.search(p.as_posix())}
    assert sorted(stable_one) == sorted(stable_two) and len(stable_one) > 100
    assert [str(p) for p in stable_one if stable_one[p] != stable_two[p]] == []
    assert filter_values(tmp_path / "one") == filter_values(tmp_path / "two")


def filter_values(site: Path) -> list:
    """Pagefind's filter index, decompressed, with its entries in a fixed order."""
    values = []
    for path in site.rglob("pagefind/filter/*.pf_filter"):
        data = gzip.decompress(path.read_bytes())
        values.append(sorted(re.findall(rb"[\x60-\x7f]([^\x00-\x1f\x80-\x9f]{3,})", data)))
    return sorted(values)


def test_sskb_build_fails_on_a_broken_internal_link(tmp_path):
    """The build runs MkDocs with --strict and shows it warnings (no --quiet)."""
    from generator.build.tools import BuildError

    root = make_project(tmp_path / "kb")
    page = root / "content" / "pages" / "about" / "en.md"
    page.write_text(page.read_text() + "\n[A page that does not exist](nowhere.md)\n")
    with pytest.raises(BuildError) as caught:
        build(root, languages=("en",), say=lambda line: None)
    assert "nowhere.md" in str(caught.value)


def test_a_country_without_practices_is_named_without_a_link(kb):
    from generator.kb.validate import load_knowledge_base
    from generator.site.render import render_language
    from generator.site.settings import Settings
    from generator.site.view import make_view

    centre = kb / "content" / "centres" / "test-centre.yaml"
    centre.write_text(centre.read_text().replace("country: SEN", "country: KAZ"))
    pages = render_language(make_view(load_knowledge_base(kb)[0]), "en", Settings())
    assert "countries/kaz.md" not in pages["centres/test-centre.md"]
    assert "Kazakhstan" in pages["centres/test-centre.md"]


def test_a_pillar_without_practices_is_named_without_a_link(kb):
    from generator.kb.validate import load_knowledge_base
    from generator.site.render import render_language
    from generator.site.settings import Settings
    from generator.site.view import make_view

    expert = kb / "content" / "experts" / "example-test-expert.yaml"
    expert.write_text(expert.read_text() + "pillars: [4]\n")
    pages = render_language(make_view(load_knowledge_base(kb)[0]), "en", Settings())
    page = pages["experts/example-test-expert.md"]
    assert "pillars/4.md" not in page and 'data-pagefind-filter="Pillar">Pillar 4<' in page


def test_the_previous_site_is_removed_once_the_new_one_is_in_place(tmp_path):
    root = make_project(tmp_path / "kb")
    build_site(root, languages=("en",))
    (root / "site" / "en" / "from-the-previous-build.html").write_text("old")
    build_site(root, languages=("en",))
    assert (root / "site" / "en" / "index.html").is_file()
    assert not (root / "site" / "en" / "from-the-previous-build.html").exists()
    # The previous site goes in a process of its own, which the build does not wait for.
    deadline = time.monotonic() + 30
    while (root / ".site.old").exists() and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not (root / ".site.old").exists()


def test_the_home_page_and_each_practice_link_the_handbook(built):
    """The PDF with its size, and for a practice the page it starts on in the PDF."""
    import html as entities

    from pypdf import PdfReader

    from generator.build.handbook import size_text

    _, site, _ = built
    for lang in ("en", "ar", "zh"):
        pdf = site / lang / "handbook" / f"south-south-handbook-{lang}.pdf"
        size = size_text(pdf.stat().st_size, lang)
        home = entities.unescape(html(site, lang, ""))
        assert f'href="handbook/south-south-handbook-{lang}.pdf"' in home and size in home
        assert 'href="handbook/"' in home
        practice = entities.unescape(html(site, lang, "practices/test-border-practice"))
        found = re.search(rf'href="../../handbook/south-south-handbook-{lang}.pdf#page=(\d+)"',
                          practice)
        page = " ".join(PdfReader(pdf).pages[int(found.group(1)) - 1].extract_text().split())
        assert "Fictional border security practice" in page or \
            "Pratique fictive de sécurité des frontières" in page
