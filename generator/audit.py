"""`sskb audit SITE_DIR`: read every built page and report anything that could run code or
expose a person: the last line of defence after escaping and sanitising.

Reports, with the page and line: a `<script>` that is not the theme's or Pagefind's, any
`on*` event attribute, a `javascript:`, `vbscript:` or `data:` address, an `<iframe>`,
`<object>` or `<embed>` anywhere or a `<form>` in the content, and any email address or phone
number that no published expert with consent to show contacts has.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import phonenumbers

from .problems import Problem

# What the theme and Pagefind put outside the content: script files and inline scripts.
ALLOWED_SCRIPT_FILES = re.compile(
    r"(?:(?:\.\./)*|(?:/[\w.-]+)*/)(assets/javascripts/[\w./-]+\.js|pagefind/pagefind[\w.-]*\.js|"
    r"assets/sskb-search\.js|choose-language\.js)\Z")
THEME_INLINE_SCRIPTS = ("__md_scope=", "var target=document.getElementById(location.hash")
URL_ATTRIBUTES = frozenset({"href", "src", "action", "formaction", "xlink:href", "poster",
                            "data", "srcset", "background"})
DANGEROUS_SCHEMES = ("javascript:", "vbscript:", "data:")
NEVER = frozenset({"iframe", "object", "embed", "frame", "applet"})
NOT_IN_CONTENT = frozenset({"form", "input", "button", "textarea", "select", "base", "meta",
                            "link", "style"})
EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_CONTROL = re.compile(r"[\x00-\x20]+")


def normalise_phone(text: str) -> str | None:
    try:
        number = phonenumbers.parse(text, None)
    except phonenumbers.NumberParseException:
        return None
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


class PageAudit(HTMLParser):
    """Findings in one page, as (line, code, message)."""

    def __init__(self, emails: frozenset[str], phones: frozenset[str]):
        super().__init__(convert_charrefs=True)
        self.emails, self.phones = emails, phones
        self.findings: list[tuple[int, str, str]] = []
        # > 0 inside the page's <article>; contributor HTML cannot hold one (nh3 drops it)
        self.depth_in_content = 0
        self.script: tuple[int, bool] | None = None  # (line, inline and outside content)
        self.script_text: list[str] = []

    def report(self, code: str, message: str) -> None:
        self.findings.append((self.getpos()[0], code, message))

    def handle_starttag(self, tag, attrs):
        in_content = self.depth_in_content > 0
        if tag == "article":
            self.depth_in_content += 1
        for name, value in attrs:
            self._attribute(tag, name, value or "")
        if tag in NEVER or (in_content and tag in NOT_IN_CONTENT):
            self.report("element", f"<{tag}> has no place in a page's content")
        if tag == "script":
            self._script(dict(attrs), in_content)

    def handle_endtag(self, tag):
        if tag == "article" and self.depth_in_content:
            self.depth_in_content -= 1
        if tag == "script" and self.script is not None:
            line, inline = self.script
            text = "".join(self.script_text).strip()
            if inline and text and not text.startswith(THEME_INLINE_SCRIPTS):
                self.findings.append((line, "script", "an inline script that is not the "
                                      "theme's"))
            self.script, self.script_text = None, []

    def handle_data(self, data):
        if self.script is not None:
            self.script_text.append(data)
            return
        self._contacts(data)

    def _script(self, attrs: dict, in_content: bool) -> None:
        source = attrs.get("src")
        json_config = attrs.get("type") == "application/json" and attrs.get("id") == "__config"
        if in_content:
            self.report("script", "a <script> inside the page's content")
        elif source is not None and not ALLOWED_SCRIPT_FILES.match(source):
            self.report("script", f"a script from {source!r}, which is neither the theme's "
                        "nor Pagefind's")
        self.script = (self.getpos()[0], source is None and not json_config and not in_content)

    def _attribute(self, tag: str, name: str, value: str) -> None:
        if name.startswith("on"):
            self.report("event-handler", f"<{tag}> has the event attribute {name}")
        if name in URL_ATTRIBUTES:
            address = _CONTROL.sub("", value).lower()
            if address.startswith(DANGEROUS_SCHEMES):
                self.report("url", f"<{tag} {name}> points to a {address.split(':')[0]}: "
                            "address")
            if address.startswith("mailto:"):
                self._contacts(value[len("mailto:"):])
            elif address.startswith("tel:"):
                self._contacts(value[len("tel:"):])

    def _contacts(self, text: str) -> None:
        for email in EMAIL.findall(text):
            if email.lower() not in self.emails:
                self.report("personal-data", "an email address that no consenting expert "
                            "has published")
        if "+" in text:
            for match in phonenumbers.PhoneNumberMatcher(text, None):
                number = phonenumbers.format_number(match.number,
                                                    phonenumbers.PhoneNumberFormat.E164)
                if number not in self.phones:
                    self.report("personal-data", "a phone number that no consenting expert "
                                "has published")



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


def audit_site(site: Path, emails: frozenset[str], phones: frozenset[str]) -> list[Problem]:
    """Every finding in every HTML file under `site`, sorted by file and line."""
    problems = []
    for page in sorted(site.rglob("*.html")):
        parser = PageAudit(emails, phones)
        parser.feed(page.read_text(encoding="utf-8", errors="replace"))
        parser.close()
        rel = page.relative_to(site).as_posix()
        problems += [Problem(rel, line, 1, "", code, message)
                     for line, code, message in parser.findings]
    return problems
