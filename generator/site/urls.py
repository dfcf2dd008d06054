"""The one place where page paths and links between pages are decided.

Paths are Markdown source paths relative to a language's docs folder, the same in every
language; MkDocs turns `practices/x.md` into the URL `practices/x/`.
"""

from __future__ import annotations

from ..kb.kinds import KINDS

FOLDERS = {kind.name: kind.plural for kind in KINDS}
FACETS = ("pillars", "regions", "countries", "themes", "cooperation")

HOME = "index.md"
SEARCH = "search.md"
ABOUT = "about.md"
CONTRIBUTE = "contribute.md"
TRANSLATIONS = "translations.md"
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


def href(from_page: str, to_page: str) -> str:
    """A relative URL for raw HTML, between the built pages (directory URLs)."""
    return "../" * page_url(from_page).count("/") + page_url(to_page)
