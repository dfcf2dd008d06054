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

import re
from pathlib import Path

import phonenumbers
from lxml import etree

from ..kb.problems import Problem
from ..site.urls import as_read, dangerous_scheme
from .browser_tree import browser_findings, line_of
from .content_rules import (CSS_FETCH, NEVER, NOT_IN_CONTENT, REPORTED, TEXT_ONLY,
                            URL_ATTRIBUTES, fetched_elsewhere, fetches_elsewhere, forbidden,
                            is_fetched, not_allowed, script_in_content, style_fetches)
from .theme_scripts import is_theme_script

# What the theme and Pagefind put outside the content: script files and inline scripts.
ALLOWED_SCRIPT_FILES = re.compile(
    r"(?:(?:\.\./)*|(?:/[\w.-]+)*/)(assets/javascripts/[\w./-]+\.js|pagefind/pagefind[\w.-]*\.js|"
    r"assets/sskb-search\.js|choose-language\.js)\Z")
EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")


def normalise_phone(text: str) -> str | None:
    try:
        number = phonenumbers.parse(text, None)
    except phonenumbers.NumberParseException:
        return None
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


_HTML = etree.HTMLParser(recover=True)
# One walk over the tree in Python: 0.5 ms for an 18 KB page, parsing included, where one
# XPath query per kind of danger took 1.2 ms (comparing attribute names in XPath was most of
# it). Only the content's elements, which depend on an ancestor, are asked of libxml2.
_IN_CONTENT = etree.XPath("//article//*")
RAW_TEXT = frozenset({"script", "style"})  # their text is code, not words shown to readers


class PageAudit:
    """Findings in one page, as (line, code, message). The page is parsed by libxml2 (lxml),
    which decodes entities in attributes and text as a browser does."""

    def __init__(self, emails: frozenset[str], phones: frozenset[str]):
        self.emails, self.phones = emails, phones
        self.findings: list[tuple[int, str, str]] = []

    def report(self, line, code: str, message: str) -> None:
        self.findings.append((line or 1, code, message))

    def check(self, raw: bytes) -> list[tuple[int, str, str]]:
        document = etree.fromstring(raw, _HTML)
        if document is None:
            return self.findings
        for node in document.iter():
            tag = node.tag
            if isinstance(tag, str):  # an element, not a comment or processing instruction
                self._element(node, tag)
            tail = node.tail
            if tail and ("@" in tail or "+" in tail):
                self._contacts(tail, node.sourceline)
        for element in _IN_CONTENT(document):
            self._allowed(element)
        self._as_a_browser_reads(raw)
        self.findings.sort(key=lambda finding: finding[0])
        return self.findings

    def _allowed(self, element) -> None:
        """An element of the content, and its attributes, against the allow-list."""
        tag = element.tag
        if tag in NOT_IN_CONTENT:
            self._forbidden(element)
        if tag not in REPORTED:
            for message in not_allowed(tag, element.keys()):
                self.report(element.sourceline, "not-allowed", message)

    def _as_a_browser_reads(self, raw: bytes) -> None:
        """What a browser's reading of the page holds and libxml2's did not show."""
        seen = {(code, message) for _, code, message in self.findings}
        for code, message, text in browser_findings(raw):
            if (code, message) not in seen:
                seen.add((code, message))
                self.report(line_of(raw, text), code, message)

    def _element(self, element, tag: str) -> None:
        for name, value in element.items():
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
            self._script(element)
        elif tag == "style" and CSS_FETCH.search(element.text or ""):
            self.report(element.sourceline, "external", "a <style> loads a file")
        text = element.text
        if text and ("@" in text or "+" in text) and tag not in RAW_TEXT:
            self._contacts(text, element.sourceline)

    def _forbidden(self, element) -> None:
        self.report(element.sourceline, "element", forbidden(element.tag))

    def _script(self, element) -> None:
        line, source = element.sourceline, element.get("src")
        # Contributor HTML cannot hold an <article> (nh3 drops it): the page's own is the
        # content, and the theme's scripts are all outside it.
        if any(True for _ in element.iterancestors("article")):
            self.report(line, "script", script_in_content())
        elif source is not None:
            if not ALLOWED_SCRIPT_FILES.match(source):
                self.report(line, "script", f"a script from {source!r}, which is neither "
                            "the theme's nor Pagefind's")
        elif not (element.get("type") == "application/json"
                  and element.get("id") == "__config"):
            text = (element.text or "").strip()
            if text and not is_theme_script(text):
                self.report(line, "script", "an inline script that is not the theme's")

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
        if as_read(value).startswith(("mailto:", "tel:")):
            self._contacts(value.split(":", 1)[1], element.sourceline)

    def _contacts(self, text: str, line) -> None:
        if "@" in text:
            for email in EMAIL.findall(text):
                if email.lower() not in self.emails:
                    self.report(line, "personal-data", "an email address that no "
                                "consenting expert has published")
        if "+" in text:
            for match in phonenumbers.PhoneNumberMatcher(text, None):
                number = phonenumbers.format_number(match.number,
                                                    phonenumbers.PhoneNumberFormat.E164)
                if number not in self.phones:
                    self.report(line, "personal-data", "a phone number that no consenting "
                                "expert has published")


def _more_than_text(element) -> bool:
    """Whether libxml2 found elements or comments inside, or markup it kept as text."""
    return len(element) > 0 or "<" in (element.text or "")


def published_contacts(view) -> tuple[frozenset[str], frozenset[str]]:
    """Emails and phones the site may show: those of experts it shows with contact consent."""
    emails, phones = set(), set()
    for expert in view.experts.values():
        if expert.consent.contact and expert.contact:
            if expert.contact.email:
                emails.add(expert.contact.email.lower())
            if expert.contact.phone:
                phones.add(normalise_phone(expert.contact.phone))
    return frozenset(emails), frozenset(phones)


def audit_site(site: Path, emails: frozenset[str], phones: frozenset[str],
               pattern: str = "**/*.html", skip: frozenset[str] = frozenset()) -> list[Problem]:
    """Every finding in the HTML files under `site` (those `pattern` matches, but for those
    in `skip`, already audited), sorted by file and line."""
    pages = [page.relative_to(site).as_posix() for page in sorted(site.glob(pattern))]
    return audit_files(site, [page for page in pages if page not in skip], emails, phones)


def audit_files(site: Path, pages: list[str], emails: frozenset[str],
                phones: frozenset[str]) -> list[Problem]:
    """Every finding in these pages (paths relative to `site`), in their order."""
    problems = []
    for page in pages:
        problems += [Problem(page, line, 1, "", code, message) for line, code, message
                     in PageAudit(emails, phones).check((site / page).read_bytes())]
    return problems
