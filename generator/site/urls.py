"""The one place where page paths and links between pages are decided.

Paths are Markdown source paths relative to a language's docs folder, the same in every
language; MkDocs turns `practices/x.md` into the URL `practices/x/`.
"""

from __future__ import annotations

import re

from mkdocs.utils import get_relative_url

from ..kb.kinds import KINDS

FOLDERS = {kind.name: kind.plural for kind in KINDS}
FACETS = ("pillars", "regions", "countries", "themes", "cooperation")

HOME = "index.md"
SEARCH = "search.md"
ABOUT = "about.md"
CONTRIBUTE = "contribute.md"
TRANSLATIONS = "translations.md"
WHATS_NEW = "whats-new.md"
INSIGHT = "insight.md"  # its charts are written beside it, in insight/
DATA = "data.md"  # the Data page; the export files are written beside it, in data/
# The pages that show a hand-written text (content/pages), cleaned once MkDocs converted them.
HANDWRITTEN = frozenset({HOME, ABOUT, CONTRIBUTE, "pillars/index.md"})


def record_page(kind: str, record_id: str) -> str:
    return f"{FOLDERS[kind]}/{record_id}.md"


def kind_index(kind: str) -> str:
    return f"{FOLDERS[kind]}/index.md"


def facet_index(facet: str) -> str:
    return f"{facet}/index.md"


def facet_page(facet: str, value) -> str:
    return f"{facet}/{str(value).lower()}.md"


def link(from_page: str, to_page: str) -> str:
    """A relative Markdown link target, which MkDocs checks and rewrites."""
    # Up to the docs root, then down: simpler and much faster than posixpath.relpath.
    return "../" * from_page.count("/") + to_page


def page_url(page: str) -> str:
    """The URL path of a page within its language's site (directory URLs)."""
    if page == HOME:
        return ""
    stem = page[: -len(".md")]
    return stem[: -len("index")] if stem.endswith("/index") else stem + "/"


# What browsers drop from an address before reading it (and a little more: any space).
_IGNORED = re.compile(r"[\x00-\x20]+")
# A scheme, or another host: `//host`, `\\host`, `/\host` (browsers read `\` as `/`).
_ELSEWHERE = re.compile(r"(?:[a-z][a-z0-9+.-]*:|[/\\]{2}|/\\)")
DANGEROUS_SCHEMES = ("javascript:", "vbscript:", "data:")


def as_read(address: str) -> str:
    """A contributor's or a page's address as a browser reads it, in lower case."""
    return _IGNORED.sub("", address).lower()


def off_site(address: str) -> bool:
    """Whether a browser would fetch `address` from anywhere but the site itself."""
    return _ELSEWHERE.match(as_read(address)) is not None


def dangerous_scheme(address: str) -> str | None:
    """`javascript`, `vbscript` or `data` when `address` would run or hold code."""
    read = as_read(address)
    return read.split(":", 1)[0] if read.startswith(DANGEROUS_SCHEMES) else None


def to_root(from_page: str) -> str:
    """From a built page up to its language's root folder ("" from the home page), for
    raw HTML links to pages or to files written beside them (directory URLs)."""
    return "../" * page_url(from_page).count("/")


def href(from_page: str, to_page: str) -> str:
    """A relative URL for raw HTML, between the built pages (directory URLs)."""
    return to_root(from_page) + page_url(to_page)


def relative_url(from_page: str, to_page: str) -> str:
    """The URL of a page relative to another's, as MkDocs writes a Markdown link between
    them (for HTML the generator writes whole, the same to the byte)."""
    return get_relative_url(page_url(to_page), page_url(from_page))
