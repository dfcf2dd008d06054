"""`sskb audit SITE_DIR`: read every built page and report anything that could run code or
expose a person: the last line of defence after escaping and sanitising.

Each page is read twice, by libxml2 (which gives lines) and as a browser builds it
(`browser_tree`), under the same rules (`content_rules`). Reports, with the page and line:
a `<script>` that is not the theme's or Pagefind's, any `on*` event attribute, a
`javascript:`, `vbscript:` or `data:` address, an `<iframe>`, `<object>` or `<embed>`
anywhere, a `<noscript>` (and the like) with more than text in it, an element or attribute
of the content that the allow-list does not hold, anything fetched from another site, and
any email address or phone number that no published expert with consent to show contacts
has.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from lxml import etree

from ..kb.people import PersonalData
from ..kb.problems import Problem
from ..site.urls import dangerous_scheme
from .browser_tree import browser_findings, line_of
from .content_rules import (CSS_FETCH, NEVER, NOT_IN_CONTENT, REPORTED, TEXT_ONLY,
                            URL_ATTRIBUTES, fetched_elsewhere, fetches_elsewhere, forbidden,
                            is_fetched, not_allowed, script_in_content, style_fetches)
from .published_text import INLINE, WORDS, PageText, file_text, is_text_output, text_findings
from .theme_scripts import is_theme_script

# What the theme and Pagefind put outside the content: script files and inline scripts.
ALLOWED_SCRIPT_FILES = re.compile(
    r"(?:(?:\.\./)*|(?:/[\w.-]+)*/)(assets/javascripts/[\w./-]+\.js|pagefind/pagefind[\w.-]*\.js|"
    r"assets/sskb-search\.js|choose-language\.js)\Z")

# Every page a build writes is UTF-8, whether or not it says so in a <meta charset>.
_HTML = etree.HTMLParser(recover=True, encoding="utf-8")
# One walk over the tree in Python: 0.5 ms for an 18 KB page, parsing included, where one
# XPath query per kind of danger took 1.2 ms (comparing attribute names in XPath was most of
# it). Only the content's elements, which depend on an ancestor, are asked of libxml2.
_IN_CONTENT = etree.XPath("//article//*")


class PageAudit:
    """Findings in one page, as (line, code, message). The page is parsed by libxml2 (lxml),
    which decodes entities in attributes and text as a browser does."""

    def __init__(self, people: PersonalData):
        self.people = people
        self.findings: list[tuple[int, str, str]] = []

    def report(self, line, code: str, message: str) -> None:
        self.findings.append((line or 1, code, message))

    def check(self, raw: bytes) -> list[tuple[int, str, str]]:
        # One reading at a time holds the page in memory: the browser's tree first, then
        # libxml2's, then the words. libxml2's many small blocks reuse what Lexbor's tree
        # left; in the other order, Lexbor's tree came on top of what libxml2's had left
        # (the Arabic web handbook of 10,000 practices, 35 MB: 979 MB at most, 640 MB now).
        seen_by_browser = browser_findings(raw)
        document = etree.fromstring(raw, _HTML)
        if document is not None:  # None for a page of comments alone
            text = self._read(document)
            del document
            for finding in text.people(self.people):
                self.report(*finding)
            del text
        self._as_a_browser_reads(raw, seen_by_browser)
        self.findings.sort(key=lambda finding: finding[0])
        return self.findings

    def _read(self, document) -> PageText:
        """Check libxml2's tree of the page; its words, for the people in them."""
        text = self.text = PageText()
        for event, node in etree.iterwalk(document, events=("start", "end", "comment", "pi")):
            if event == "start":
                tag = node.tag
                if tag not in INLINE:
                    text.add("\n", node.sourceline)
                if not self._element(node, tag):
                    text.add(node.text, node.sourceline)
            elif event == "end":
                text.end(node)
            else:  # a comment or an instruction: its text and what follows it
                text.add(node.text, node.sourceline)
                text.add(node.tail, node.sourceline)
        for element in _IN_CONTENT(document):
            self._allowed(element)
        del self.text
        return text

    def _allowed(self, element) -> None:
        """An element of the content, and its attributes, against the allow-list."""
        tag = element.tag
        if tag in NOT_IN_CONTENT:
            self._forbidden(element)
        if tag not in REPORTED:
            for message in not_allowed(tag, element.keys()):
                self.report(element.sourceline, "not-allowed", message)

    def _as_a_browser_reads(self, raw: bytes, browser: list[tuple[str, str, str]]) -> None:
        """What a browser's reading of the page holds (`browser_findings`) and libxml2's
        did not show."""
        seen = {(code, message) for _, code, message in self.findings}
        for code, message, text in browser:
            if (code, message) not in seen:
                seen.add((code, message))
                self.report(line_of(raw, text), code, message)

    def _element(self, element, tag: str) -> bool:
        """Check an element; its words go to the page's text. True when its text is the
        theme's own code (its inline scripts), which holds no one."""
        for name, value in element.items():
            if name in WORDS and value:
                self.text.add(f"\n{value}\n", element.sourceline)
            if name[:2].lower() == "on":
                self.report(element.sourceline, "event-handler",
                            f"<{tag}> has the event attribute {name}")
            elif name in URL_ATTRIBUTES:
                self._address(element, name, value)
                if is_fetched(tag, name, element.get("rel")):
                    self._fetched(element, name, value)
            elif name == "style" and CSS_FETCH.search(value):
                self.report(element.sourceline, "external", style_fetches(tag))
            elif name == "http-equiv" and value.strip().lower() == "refresh":
                self.report(element.sourceline, "element", "a <meta> refresh sends the reader "
                            "elsewhere")
        if tag in NEVER or (tag in TEXT_ONLY and _more_than_text(element)):
            self._forbidden(element)
        elif tag == "script":
            return self._script(element)
        elif tag == "style" and CSS_FETCH.search(element.text or ""):
            self.report(element.sourceline, "external", "a <style> loads a file")
        return False

    def _forbidden(self, element) -> None:
        self.report(element.sourceline, "element", forbidden(element.tag))

    def _script(self, element) -> bool:
        """Check a script; True when it is the theme's own inline script or settings."""
        line, source = element.sourceline, element.get("src")
        # Contributor HTML cannot hold an <article> (nh3 drops it): the page's own is the
        # content, and the theme's scripts are all outside it.
        if any(True for _ in element.iterancestors("article")):
            self.report(line, "script", script_in_content())
        elif source is not None:
            if not ALLOWED_SCRIPT_FILES.match(source):
                self.report(line, "script", f"a script from {source!r}, which is neither "
                            "the theme's nor Pagefind's")
        elif element.get("type") == "application/json" and element.get("id") == "__config":
            return True
        elif element.get("type") == "application/ld+json":
            if not is_linked_data(element.text or ""):
                self.report(line, "script", "a JSON-LD script that is not JSON, or whose "
                            "values could end the element")
            return False  # its values are the page's: people are looked for in them
        else:
            text = (element.text or "").strip()
            if not text or is_theme_script(text):
                return True
            self.report(line, "script", "an inline script that is not the theme's")
        return False

    def _fetched(self, element, name: str, value: str) -> None:
        if fetches_elsewhere(name, value):
            self.report(element.sourceline, "external", fetched_elsewhere(element.tag, name))

    def _address(self, element, name: str, value: str) -> None:
        if ":" not in value:  # most addresses are relative: no scheme at all
            return
        scheme = dangerous_scheme(value)
        if scheme:
            self.report(element.sourceline, "url", f"<{element.tag} {name}> points to a "
                        f"{scheme}: address")


def is_linked_data(text: str) -> bool:
    """JSON, with no character that could end its element or start markup (they are
    written escaped)."""
    if "<" in text or ">" in text:
        return False
    try:
        json.loads(text)
    except ValueError:
        return False
    return True


def _more_than_text(element) -> bool:
    """Whether libxml2 found elements or comments inside, or markup it kept as text."""
    return len(element) > 0 or "<" in (element.text or "")


def audit_site(site: Path, people: PersonalData, pattern: str = "**/*",
               skip: frozenset[str] = frozenset(), pages: bool = True) -> list[Problem]:
    """Every finding in the pages (unless not `pages`) and other published files under
    `site` (those `pattern` matches, but for those in `skip`, already audited), sorted by
    file and line."""
    files = [path.relative_to(site).as_posix() for path in sorted(site.glob(pattern))]
    return audit_files(site, [name for name in files if name not in skip and (
        (pages and name.endswith(".html")) or is_text_output(name))], people)


def audit_files(site: Path, files: list[str], people: PersonalData) -> list[Problem]:
    """Every finding in these files (paths relative to `site`), in their order: each page
    whole, and the other files a build writes for the people they name."""
    problems = []
    for name in files:
        path = site / name
        found = PageAudit(people).check(path.read_bytes()) if name.endswith(".html") \
            else text_findings(file_text(path), people)
        problems += [Problem(name, line, 1, "", code, message)
                     for line, code, message in found]
    return problems
