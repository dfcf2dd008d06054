"""What a page's content may hold, and how a finding about it is worded: one list for the
audit's two readings of a page (libxml2's, with lines, and a browser's), so that either
reading reports a thing in the same words and the audit's verdict rests on neither alone."""

from __future__ import annotations

import re

from ..site.contributor_text import PAGE_ATTRIBUTES, PAGE_TAGS
from ..site.urls import dangerous_scheme, off_site

# The elements a page's content may hold: what the sanitisers allow contributors and
# hand-written pages, and what the generator and the theme put there themselves.
CONTENT_TAGS = PAGE_TAGS | {"bdi", "noscript"}
CONTENT_ATTRIBUTES = frozenset().union(*PAGE_ATTRIBUTES.values()) | {
    "rel", "data-pagefind-body", "data-pagefind-filter", "data-pagefind-ignore",
    # the search page's strings and its index's parts, for its script (read with dataset)
    "data-strings", "data-parts"}
# Attributes that hold an address (a javascript: one runs when followed or fetched).
URL_ATTRIBUTES = frozenset({"href", "src", "action", "formaction", "xlink:href", "poster",
                            "data", "srcset", "background", "ping"})
# Attributes a browser fetches on its own: on the site itself or not at all (readers'
# addresses stay with the site). <a href> is a link the reader chooses, and may leave.
FETCHED = frozenset({"src", "srcset", "poster", "data", "background", "ping"})
# <link> relations that make the browser fetch or connect on its own, and the SVG elements
# whose href is fetched (an image, a referenced document).
LINKS_FETCHED = frozenset({"stylesheet", "icon", "preload", "prefetch", "modulepreload",
                           "manifest", "apple-touch-icon", "shortcut", "preconnect",
                           "dns-prefetch", "prerender"})
SVG_FETCHING = frozenset({"image", "use", "feimage"})
CSS_FETCH = re.compile(r"url\s*\(|@import|image-set\s*\(", re.I)
# Elements whose every address is checked by their own rule (scripts) or refused whole.
REPORTED_ELSEWHERE = frozenset({"script", "iframe", "object", "embed", "frame", "applet"})
NEVER = frozenset({"iframe", "object", "embed", "frame", "applet", "plaintext", "base"})
# Browsers read these elements' content as text, where libxml2 reads elements:
# `<noscript><p title="</noscript><img onerror=...>">` runs the handler in a browser, while
# libxml2 sees one harmless attribute. Plain text inside reads the same either way (the
# search page's <noscript> says search needs JavaScript); anything else is reported.
TEXT_ONLY = frozenset({"noscript", "noembed", "noframes", "xmp"})
NOT_IN_CONTENT = frozenset({"form", "input", "button", "textarea", "select", "base", "meta",
                            "link", "style"})
# Elements inside the content that other rules report already.
REPORTED = NEVER | TEXT_ONLY | NOT_IN_CONTENT | {"script"}


def forbidden(tag: str) -> str:
    return f"<{tag}> has no place in a page's content"


def script_in_content() -> str:
    return "a <script> inside the page's content"


def element_not_allowed(tag: str) -> str:
    return f"<{tag}> is not among the elements a page's content may hold"


def attribute_not_allowed(tag: str, name: str) -> str:
    return f"<{tag} {name}> is not among the attributes a page's content may hold"


def fetched_elsewhere(tag: str, name: str) -> str:
    return f"<{tag} {name}> loads a file from another site"


def style_fetches(tag: str) -> str:
    return f"<{tag} style> loads a file"


def is_fetched(tag: str, name: str, rel: str | None) -> bool:
    """Whether a browser fetches this attribute's address on its own, unasked (elements
    whose every address has its own rule aside)."""
    if tag in REPORTED_ELSEWHERE:
        return False
    if name in ("href", "xlink:href"):
        return tag in SVG_FETCHING or (tag == "link" and bool(
            LINKS_FETCHED.intersection((rel or "").lower().split())))
    return name in FETCHED


def fetches_elsewhere(name: str, value: str) -> bool:
    """Whether an attribute a browser fetches on its own points off the site (dangerous
    schemes are reported as such)."""
    if ":" not in value and value.count("/") + value.count("\\") < 2:
        return False  # most addresses: relative, with no scheme and no host
    addresses = [part.split()[0] for part in value.split(",") if part.split()] \
        if name == "srcset" else [value]
    return any(off_site(address) and not dangerous_scheme(address) for address in addresses)


def not_allowed(tag: str, attribute_names) -> list[str]:
    """Messages for an element of the content and its attributes that the allow-list does
    not hold (event handlers are reported as such)."""
    messages = [] if tag in CONTENT_TAGS else [element_not_allowed(tag)]
    return messages + [attribute_not_allowed(tag, name) for name in attribute_names
                       if name not in CONTENT_ATTRIBUTES and not name.lower().startswith("on")]
