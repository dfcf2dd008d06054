"""The words a search index in parts needs so that each part answers as one index would.

Pagefind answers a word that no word of an index begins with the longest word the index
holds that begins it (no setting turns this off). A part that lacks a word another part
holds would then add pages that do not hold it. So each part is also given one page, its
vocabulary page, of the words that the other parts' pages hold and its own do not: every
part then holds the language's whole vocabulary, falls back only where one index would,
and otherwise finds only the pages that hold the word. The vocabulary page carries a
filter of its own (VOCABULARY) that the search page leaves out of every search.

The words are read from each page as Pagefind reads it (its fossick/parser.rs): the text
inside data-pagefind-body, without the elements it leaves out, inline elements run
together and a break around the others. A test checks them against Pagefind's own
fragments.
"""

from __future__ import annotations

import html
import re
import unicodedata
from functools import lru_cache

from lxml import etree

VOCABULARY = "sskb-vocabulary"  # the vocabulary page's filter...
VOCABULARY_URL = f"/{VOCABULARY}/"  # ...and its address
# Elements whose text runs on into the next (Pagefind's INLINE_SELECTORS, but for br, which
# it reads as a space)...
INLINE = frozenset({"a", "abbr", "acronym", "b", "bdo", "big", "button", "cite", "code",
                    "dfn", "em", "i", "img", "input", "kbd", "label", "map", "object",
                    "output", "q", "samp", "script", "select", "small", "span", "strong",
                    "sub", "sup", "textarea", "time", "tt", "var"})
# ...and those it does not index (its REMOVE_SELECTORS), besides data-pagefind-ignore and
# the exclude selector Indexer gives it (.headerlink).
LEFT_OUT = frozenset({"head", "style", "script", "noscript", "label", "form", "svg", "footer",
                      "nav", "iframe", "template"})
_PARSER = etree.HTMLParser(remove_comments=True)


def indexed_words(page: str) -> set[str]:
    """The words of what Pagefind indexes of `page` (an HTML page or piece of one with
    data-pagefind-body): the runs of text between spaces, as written."""
    root = etree.fromstring(page, _PARSER)
    if root is None:
        return set()
    text: list[str] = []
    for body in root.iterfind(".//*[@data-pagefind-body]"):
        _read(body, text)
    return set("".join(text).split())


def folded(words: set[str]) -> set[str]:
    """`words` without the punctuation and symbols around them, which Pagefind drops
    before it indexes a word, so that a vocabulary page holds each once: "Charter," and
    "(Charter" are one word. The case stays: Pagefind indexes "YouTube" as "you", "tube"
    and "youtube", a "youtube" as "youtube" alone."""
    around = _around()
    return {around.sub("", word) for word in words} - {""}


@lru_cache(maxsize=1)
def _around() -> re.Pattern:
    """Punctuation, symbols and spaces at either end of a word (not the marks an Arabic
    word may end with)."""
    characters = re.escape("".join(
        chr(c) for c in range(0x10000)
        if unicodedata.category(chr(c))[0] in "PSZ" and not 0xd800 <= c <= 0xdfff))
    return re.compile(f"^[{characters}]+|[{characters}]+$")


def _read(node, text: list[str]) -> None:
    if not _left_out(node):
        block = node.tag not in INLINE
        if block:
            text.append(" ")
        text.append(node.text or "")
        for child in node:
            _read(child, text)
            text.append(child.tail or "")
        if block:
            text.append(" ")


def _left_out(node) -> bool:
    return (node.tag in LEFT_OUT or "data-pagefind-ignore" in node.attrib
            or "headerlink" in node.get("class", "").split())


class Vocabulary:
    """The words of each part's pages, noted as the pages are dealt; then each part's
    vocabulary page."""

    def __init__(self, parts: int):
        self._words: list[set[str]] = [set() for _ in range(parts)]

    def note(self, part: int, page: str) -> None:
        self._words[part] |= indexed_words(page)

    def pages(self) -> list[str]:
        """Each part's vocabulary page (HTML for Pagefind): the words only other parts'
        pages hold, in order (a build gives the same index each time)."""
        # Folded here, once for each distinct word of a part, not for each page's words.
        own = [folded(words) for words in self._words]
        every = set().union(*own)
        return [vocabulary_page(sorted(every - words)) for words in own]


def vocabulary_page(words: list[str]) -> str:
    return (f'<article><div data-pagefind-body data-pagefind-filter="{VOCABULARY}:1">'
            f'<p>{html.escape(" ".join(words))}</p></div></article>')
