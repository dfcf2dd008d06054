"""The attack corpus (tests/attacks/), each case checked both ways: the project's defence
refuses or removes it, and Chromium, given it without that defence, runs a script or asks
another site for something. The audit's verdict rests on what a browser does."""

from __future__ import annotations

import cmarkgfm
import markdown
import pytest
from attack_cases import audit_cases, ids, opened, text_cases, themed, write_pages
from cmarkgfm.cmark import Options
from conftest import REPO, served
from mkdocs.config import load_config

from generator.build.audit import audit_site
from generator.kb.people import PersonalData
from generator.site.contributor_text import markdown_html, page_html

AUDIT = audit_cases()
PAGES = text_cases("pages")
MARKDOWN = text_cases("markdown")
PEOPLE = PersonalData(frozenset({"allowed@example.org"}), frozenset({"+221338000001"}))


def test_the_corpus_is_whole():
    assert len(AUDIT) >= 50 and len(PAGES) >= 20 and len(MARKDOWN) >= 25
    assert sum(case.runs for case in AUDIT) >= 20


def audited(folder, name: str) -> set[str]:
    return {finding.code for finding in audit_site(folder, PEOPLE,
                                                   pattern=f"en/{name}/index.html")}


@pytest.mark.parametrize("case", AUDIT, ids=ids(AUDIT))
def test_the_audit_finds_what_could_run_or_expose(tmp_path, case):
    write_pages(tmp_path, {"page": case.page})
    findings = audit_site(tmp_path, PEOPLE)
    assert {finding.code for finding in findings} == case.expect
    assert all(f.path == "en/page/index.html" and f.line >= 1 for f in findings)


@pytest.fixture(scope="module")
def page_markdown(tmp_path_factory):
    """Python-Markdown with the extensions and settings of the site's mkdocs.yml."""
    config = load_config(str(REPO / "mkdocs.yml"), docs_dir=str(tmp_path_factory.mktemp("d")))
    return markdown.Markdown(extensions=config.markdown_extensions,
                             extension_configs=config.mdx_configs)


def converted(md: markdown.Markdown, text: str) -> str:
    return md.reset().convert(text)


def uncleaned_markdown(text: str) -> str:
    """Contributor Markdown as cmark renders it when told to keep raw HTML and any link."""
    return cmarkgfm.markdown_to_html(text, options=Options.CMARK_OPT_UNSAFE)


@pytest.fixture(scope="module")
def site(tmp_path_factory, page_markdown):
    """Every case as a page, cleaned and uncleaned, served on this machine."""
    folder = tmp_path_factory.mktemp("corpus")
    pages = {f"audit-{case.name}": case.page for case in AUDIT}
    for case in PAGES:
        html = converted(page_markdown, case.text)
        pages[f"page-{case.name}"] = themed(page_html(html))
        pages[f"page-{case.name}-uncleaned"] = themed(html)
    for case in MARKDOWN:
        pages[f"markdown-{case.name}"] = themed(markdown_html(case.text))
        pages[f"markdown-{case.name}-uncleaned"] = themed(uncleaned_markdown(case.text))
    write_pages(folder, pages)
    with served(folder) as address:
        yield folder, address


RUNS = [case for case in AUDIT if case.runs]


@pytest.mark.parametrize("case", RUNS, ids=ids(RUNS))
def test_what_the_audit_refuses_a_browser_runs(site, browser, case):
    folder, address = site
    assert audited(folder, f"audit-{case.name}"), "the audit let it pass"
    dialogs, elsewhere = opened(browser, f"{address}/en/audit-{case.name}/")
    assert dialogs or elsewhere, "the browser did nothing with it"


TEXTS = [("page", case) for case in PAGES] + [("markdown", case) for case in MARKDOWN]


@pytest.mark.parametrize("kind, case", TEXTS, ids=[f"{k}-{c.name}" for k, c in TEXTS])
def test_untrusted_text_is_made_harmless(site, browser, kind, case):
    """Cleaned, the page passes the audit and runs nothing; uncleaned, the audit refuses it
    (every hand-written case; contributor cases that cmark keeps as markup) and Chromium
    runs it where the case says so."""
    folder, address = site
    name = f"{kind}-{case.name}"
    assert audited(folder, name) == set()
    assert opened(browser, f"{address}/en/{name}/") == ([], [])
    if kind == "page" or case.runs:
        assert audited(folder, f"{name}-uncleaned"), "uncleaned, the audit passes it"
    if case.runs:
        dialogs, elsewhere = opened(browser, f"{address}/en/{name}-uncleaned/")
        assert dialogs or elsewhere, "uncleaned, the browser did nothing with it"


def test_the_browser_reads_a_page_s_bytes_as_utf_8_each_invalid_byte_replaced():
    # The audit gives Lexbor the page's bytes, not a decoded copy (at 10,000 practices the
    # web handbook's copy was 90 MB): the tree must be the one the decoded text makes.
    from selectolax.lexbor import LexborHTMLParser

    from generator.build.browser_tree import browser_findings

    for raw in (b'<p>caf\xe9 \xff\xfe</p><svg><title><img src=x onerror="a()"></title></svg>',
                "<p dir=rtl>عربي 中文</p><a href='java\tscript:x'>\xe9</a>".encode() + b"\xc3",
                b'\xef\xbb\xbf<body><img \x80 src=x onerror=b()>'):
        decoded = raw.decode("utf-8", "replace")
        assert LexborHTMLParser(raw).html == LexborHTMLParser(decoded).html
        assert browser_findings(raw)


def test_a_page_libxml2_reads_no_document_from_is_still_read_as_a_browser_reads(
        monkeypatch):
    from generator.build import audit

    handler = ("event-handler", "<img> has the event attribute onerror", "onerror")
    monkeypatch.setattr(audit, "browser_findings", lambda raw: [handler])
    raw = b"<!-- onerror -->"
    assert audit.etree.fromstring(raw, audit._HTML) is None  # libxml2: no document
    assert audit.PageAudit(PEOPLE).check(raw) == [(1, *handler[:2])]
