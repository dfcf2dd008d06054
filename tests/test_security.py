"""Untrusted contributions: an attack in every contributor field, built into a site that the
audit finds clean, while trusted pages keep their Markdown extensions."""

import re
import shutil
from html.parser import HTMLParser

import pytest
from conftest import TESTS, build_site, make_project

from generator.build.audit import audit_site
from generator.kb.people import PersonalData
from generator.build.pipeline import build

ATTACKS = TESTS / "fixtures" / "attacks"


@pytest.fixture(scope="module")
def attacked(tmp_path_factory):
    root = make_project(tmp_path_factory.mktemp("attacks") / "kb")
    shutil.copytree(ATTACKS, root, dirs_exist_ok=True)
    build_site(root, languages=("fr", "ar"))
    return root, root / "site"


def pages(site):
    return {p: p.read_text(encoding="utf-8") for p in site.rglob("*.html")}


def test_the_attacks_leave_nothing_the_audit_finds(attacked):
    _, site = attacked
    published = frozenset({"awa.test@example.org", "editors@example.org"})
    assert audit_site(site, PersonalData(published)) == []


def test_no_attack_reaches_a_page_as_markup(attacked):
    _, site = attacked
    for path, html in pages(site).items():
        assert "<script>alert" not in html, path
        assert not re.search(r"<[a-z][^>]*\son\w+\s*=", html, re.I), path
        assert not re.search(r"(href|src|action|formaction)=\"\s*(javascript|vbscript|data):",
                             html, re.I), path
        assert not re.search(r"<(iframe|object|embed|base|meta http-equiv)", html, re.I), path
        assert "evil.example/track.gif" not in html or 'src="https://evil.example' not in html


class Text(HTMLParser):
    def __init__(self):
        super().__init__()
        self.parts = []

    def handle_data(self, data):
        self.parts.append(data)


def visible(html: str) -> str:
    parser = Text()
    parser.feed(html)
    return "".join(parser.parts)


def test_attack_text_is_shown_as_text(attacked):
    _, site = attacked
    text = visible((site / "fr" / "practices" / "test-border-practice" / "index.html")
                   .read_text())
    # One-line fields keep every character; nothing in them became markup.
    assert "<script>alert(1)</script> [x](javascript:alert(1)) {: onclick=alert(1) }" in text
    assert "<svg onload=alert(1)> [y](JaVaScRiPt:alert(1)) </p><script>alert(2)</script>" in text
    # Contributor text is never a template.
    assert '{{ config.extra }} {% include "base.html" %} ${7*7}' in text


def test_links_that_close_early_stay_one_address(attacked):
    _, site = attacked
    html = (site / "fr" / "practices" / "test-border-practice" / "index.html").read_text()
    assert 'href="https://x.org/a)[y](javascript:alert(1)"' in html


def test_trusted_pages_keep_their_extensions(attacked):
    # The attack corpus replaces the English About page, which the fixture above does not
    # build: build English too.
    root, _ = attacked
    build_site(root, languages=("en",), site=root / "site-en")
    html = (root / "site-en" / "en" / "about" / "index.html").read_text()
    assert 'class="admonition note"' in html and "<table>" in html
    assert "<pre" in html and "sskb validate" in visible(html)


def test_an_unconsented_email_in_a_text_stops_the_build_before_it_starts(tmp_path):
    root = make_project(tmp_path / "kb")
    path = root / "practices" / "test-border-practice.yaml"
    path.write_text(path.read_text().replace("Une description en **Markdown**.",
                                             "Write to someone.private@example.org."))
    report = build(root, languages=("en",), say=lambda line: None)
    assert [(p.field, p.code) for p in report.problems] == [("description.fr", "personal-data")]
    assert not (root / "site").exists()
