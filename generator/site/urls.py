"""The one place where page paths and links between pages are decided.

Paths are Markdown source paths relative to a language's docs folder, the same in every
language; MkDocs turns `practices/x.md` into the URL `practices/x/`.
"""

from __future__ import annotations

FOLDERS = {"practice": "practices", "expert": "experts", "centre": "centres",
           "organization": "organizations"}
SOURCE_FOLDERS = {"practice": "practices", "expert": "content/experts",
                  "centre": "content/centres", "organization": "content/organizations"}
FACETS = ("pillars", "regions", "countries", "themes", "cooperation")

HOME = "index.md"
SEARCH = "search.md"
ABOUT = "about.md"
CONTRIBUTE = "contribute.md"
TRANSLATIONS = "translations.md"


def record_page(kind: str, record_id: str) -> str:
    return f"{FOLDERS[kind]}/{record_id}.md"


def kind_index(kind: str) -> str:
    return f"{FOLDERS[kind]}/index.md"


def facet_index(facet: str) -> str:
    return f"{facet}/index.md"


def facet_page(facet: str, value) -> str:
    return f"{facet}/{str(value).lower()}.md"


def source_file(kind: str, record_id: str) -> str:
    """The YAML file a record comes from, relative to the repository."""
    return f"{SOURCE_FOLDERS[kind]}/{record_id}.yaml"


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
