"""The audit's second reading of a page, as a browser builds it: Lexbor follows the WHATWG
tree-building rules, SVG and MathML included, where libxml2 reads `<svg><title><img
onerror=...>` as text. The same rules as the first reading apply to this tree (the content's
allow-list, what runs, what is fetched from elsewhere), worded the same, so a finding
either reading makes is reported once and no danger rests on one parser's quirks."""

from __future__ import annotations

from selectolax.lexbor import LexborHTMLParser

from ..site.urls import dangerous_scheme
from .content_rules import (CSS_FETCH, NEVER, NOT_IN_CONTENT, REPORTED, URL_ATTRIBUTES,
                            fetched_elsewhere, fetches_elsewhere, forbidden, is_fetched,
                            not_allowed, script_in_content, style_fetches)

# SVG animation can set an attribute (an href to javascript:) after the page is read.
ANIMATION = frozenset({"animate", "set", "animatemotion", "animatetransform", "discard"})


def browser_findings(raw: bytes) -> list[tuple[str, str, str]]:
    """(code, message, what to look for in the page's text) for each danger in the tree a
    browser builds of `raw`; messages as the first reading words them."""
    # Given bytes, Lexbor decodes them as UTF-8, each invalid byte a replacement
    # character, as `raw.decode("utf-8", "replace")` does, without that copy of the page.
    tree = LexborHTMLParser(raw)
    findings = []
    for node in tree.root.traverse():
        findings += _anywhere(node.tag.lower(), node.attributes)
    for node in tree.css("article *"):
        findings += _in_content(node.tag.lower(), node.attributes)
    return findings


def _anywhere(tag: str, attributes: dict) -> list[tuple[str, str, str]]:
    findings = []
    if tag in ANIMATION or tag in NEVER:
        findings.append(("element", forbidden(tag), tag))
    for name, value in attributes.items():
        name = name.lower()
        if name.startswith("on"):
            findings.append(("event-handler", f"<{tag}> has the event attribute {name}", name))
        elif name in URL_ATTRIBUTES and ":" in value and (scheme := dangerous_scheme(value)):
            findings.append(("url", f"<{tag} {name}> points to a {scheme}: address", name))
        elif value and is_fetched(tag, name, attributes.get("rel")) \
                and fetches_elsewhere(name, value):
            findings.append(("external", fetched_elsewhere(tag, name), name))
        elif name == "style" and value and CSS_FETCH.search(value):
            findings.append(("external", style_fetches(tag), name))
    return findings


def _in_content(tag: str, attributes: dict) -> list[tuple[str, str, str]]:
    if tag == "script":
        return [("script", script_in_content(), tag)]
    if tag in NOT_IN_CONTENT:
        return [("element", forbidden(tag), tag)]
    if tag in REPORTED:
        return []
    names = [name.lower() for name in attributes]
    return [("not-allowed", message, tag) for message in not_allowed(tag, names)]


def line_of(raw: bytes, text: str) -> int:
    """The line where `text` first stands in the page (case aside), or 1."""
    at = raw.lower().find(text.lower().encode("utf-8"))
    return raw.count(b"\n", 0, at) + 1 if at >= 0 else 1
