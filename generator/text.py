"""Contributor text made safe for a page: plain text escaped, Markdown rendered and sanitised.

Contributor text is untrusted. Markdown fields are rendered here, by a restricted
Python-Markdown (no raw HTML, no attribute lists), and the HTML is cleaned by nh3 with an
allow-list; the page template embeds the result as an HTML block that MkDocs passes through.
Plain one-line texts are escaped so that no Markdown or HTML in them becomes markup.
"""

from __future__ import annotations

from functools import lru_cache

import markdown
import nh3
from markdown.treeprocessors import Treeprocessor
from markupsafe import Markup, escape

ALLOWED_TAGS = {"p", "br", "hr", "a", "em", "strong", "code", "pre", "blockquote", "ul",
                "ol", "li", "h3", "h4", "h5", "h6"}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "ol": {"start"}}
URL_SCHEMES = {"http", "https", "mailto"}
LINK_REL = "noopener noreferrer nofollow ugc"
# Characters that can start Markdown or HTML syntax inside a line, as numeric entities.
_MARKDOWN_ENTITIES = str.maketrans({c: f"&#{ord(c)};" for c in "\\`*_{}[]()#+-.!|<>&\"'~=:^$%@"})


class _DemoteHeadings(Treeprocessor):
    """Contributor headings sit under the page's own: h1 and h2 become h3."""

    def run(self, root):
        for element in root.iter():
            if element.tag in ("h1", "h2"):
                element.tag = "h3"


def _contributor_markdown() -> markdown.Markdown:
    md = markdown.Markdown(extensions=["sane_lists"], output_format="html")
    md.preprocessors.deregister("html_block")
    md.inlinePatterns.deregister("html")
    md.treeprocessors.register(_DemoteHeadings(md), "demote_headings", 1)
    return md


_MD = _contributor_markdown()


@lru_cache(maxsize=20_000)
def markdown_html(text: str) -> Markup:
    """Render contributor Markdown to sanitised HTML (cached: the languages share texts)."""
    _MD.reset()
    html = _MD.convert(text)
    return Markup(nh3.clean(html, tags=ALLOWED_TAGS, attributes=ALLOWED_ATTRIBUTES,
                            url_schemes=URL_SCHEMES, link_rel=LINK_REL))


def inline_text(text) -> Markup:
    """Plain text for a Markdown line: every character that could start syntax is an entity."""
    return Markup(str(text).translate(_MARKDOWN_ENTITIES))


def html_text(text) -> Markup:
    """Plain text inside an HTML block or attribute."""
    return escape(str(text))
