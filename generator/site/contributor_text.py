"""Contributor text made safe for a page: plain text escaped, Markdown rendered and sanitised.

Contributor text is untrusted. Markdown fields are rendered here with cmark-gfm (CommonMark,
as GitHub previews it; raw HTML is omitted and unsafe link schemes dropped), and the HTML is
then cleaned by nh3 with an allow-list; the page template embeds the result as an HTML block
that MkDocs passes through. Plain one-line texts are escaped so that no Markdown or HTML in
them becomes markup.
"""

from __future__ import annotations

import re
from functools import lru_cache

import cmarkgfm
import nh3
from markupsafe import Markup, escape

from .urls import off_site

ALLOWED_TAGS = {"p", "br", "hr", "a", "em", "strong", "code", "pre", "blockquote", "ul",
                "ol", "li", "h3", "h4", "h5", "h6"}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "ol": {"start"}}
URL_SCHEMES = {"http", "https", "mailto"}
LINK_REL = "noopener noreferrer nofollow ugc"
# Contributor headings sit under the page's own: h1 and h2 become h3 (cmark's tags carry no
# attributes, so the tag names are the whole match).
_TOP_HEADINGS = re.compile(r"<(/?)h[12]>")
# Characters that can start Markdown or HTML syntax inside a line, as numeric entities.
_MARKDOWN_ENTITIES = str.maketrans({c: f"&#{ord(c)};" for c in "\\`*_{}[]()#+-.!|<>&\"'~=:^$%@"})


@lru_cache(maxsize=20_000)
def markdown_html(text: str) -> Markup:
    """Render contributor Markdown to sanitised HTML (cached: the languages share texts)."""
    html = _TOP_HEADINGS.sub(r"<\1h3>", cmarkgfm.markdown_to_html(text))
    return Markup(nh3.clean(html, tags=ALLOWED_TAGS, attributes=ALLOWED_ATTRIBUTES,
                            url_schemes=URL_SCHEMES, link_rel=LINK_REL))


# Hand-written pages keep MkDocs' Markdown extensions (admonitions, tables, code blocks,
# attribute lists), and the HTML MkDocs makes of them is cleaned with this wider list: no
# SVG or MathML (browsers and the audit's parser read them apart), no style, no fetching
# attribute, images only from the site itself.
PAGE_TAGS = ALLOWED_TAGS | {"h1", "h2", "table", "thead", "tbody", "tfoot", "tr", "th", "td",
                            "caption", "div", "span", "img", "details", "summary", "dl",
                            "dt", "dd", "sup", "sub", "abbr", "kbd", "del", "ins", "small",
                            "figure", "figcaption"}
PAGE_ATTRIBUTES = {"*": {"class", "id", "title", "lang", "dir"}, "a": {"href"},
                   "img": {"src", "alt", "width", "height", "loading"}, "ol": {"start"},
                   "th": {"colspan", "rowspan"}, "td": {"colspan", "rowspan"}}


def page_html(html: str) -> str:
    """A hand-written page's HTML as MkDocs converted it, cleaned by the page allow-list."""
    return nh3.clean(html, tags=PAGE_TAGS, attributes=PAGE_ATTRIBUTES,
                     url_schemes=URL_SCHEMES, link_rel=None, attribute_filter=_on_site_images)


def _on_site_images(tag: str, attribute: str, value: str) -> str | None:
    return None if tag == "img" and attribute == "src" and off_site(value) else value


def inline_text(text) -> Markup:
    """Plain text for a Markdown line: every character that could start syntax is an entity."""
    return Markup(str(text).translate(_MARKDOWN_ENTITIES))


def html_text(text) -> Markup:
    """Plain text inside an HTML block or attribute (text already escaped is unescaped first)."""
    return escape(text.unescape() if isinstance(text, Markup) else str(text))
