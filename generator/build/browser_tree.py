"""The audit's second reading of a page, as a browser builds it: Lexbor follows the WHATWG
tree-building rules, SVG and MathML included, where libxml2 reads `<svg><title><img
onerror=...>` as text. What it finds that libxml2's reading missed is reported too."""

from __future__ import annotations

from selectolax.lexbor import LexborHTMLParser

from ..site.urls import dangerous_scheme

URL_ATTRIBUTES = frozenset({"href", "xlink:href", "src", "action", "formaction", "data"})
# SVG animation can set an attribute (an href to javascript:) after the page is read.
ANIMATION = frozenset({"animate", "set", "animatemotion", "animatetransform", "discard"})


def browser_findings(raw: bytes) -> list[tuple[str, str, str]]:
    """(code, message, what to look for in the page's text) for each danger in the tree a
    browser builds of `raw`; messages as the first reading words them."""
    findings = []
    for node in LexborHTMLParser(raw.decode("utf-8", "replace")).root.traverse():
        tag = node.tag.lower()
        if tag in ANIMATION:
            findings.append(("element", f"<{tag}> has no place in a page's content", tag))
        for name, value in node.attributes.items():
            lowered = name.lower()
            if lowered.startswith("on"):
                findings.append(("event-handler", f"<{node.tag}> has the event attribute "
                                 f"{name}", name))
            elif lowered in URL_ATTRIBUTES and value and (scheme := dangerous_scheme(value)):
                findings.append(("url", f"<{node.tag} {name}> points to a {scheme}: address",
                                 name))
    return findings


def line_of(raw: bytes, text: str) -> int:
    """The line where `text` first stands in the page (case aside), or 1."""
    at = raw.lower().find(text.lower().encode("utf-8"))
    return raw.count(b"\n", 0, at) + 1 if at >= 0 else 1
