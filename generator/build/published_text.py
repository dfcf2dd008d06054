"""The words a built file publishes, for the audit to look for people in: a page's text in
the order a reader reads it (a break between blocks, none inside a line of text), the
attributes that carry words, and its comments and scripts (a page's source is published
too); the text of the other files a build writes (search fragments, sitemaps, data).
Each piece keeps its line, so that a finding says where it is."""

from __future__ import annotations

import bisect
from array import array
import gzip
import itertools
import html
import json
from pathlib import Path

from ..kb.people import PersonalData, fold
from .search_vocabulary import VOCABULARY_URL

# Elements that do not break a line of text: a name may run across them.
INLINE = frozenset({"a", "abbr", "b", "bdi", "bdo", "cite", "code", "em", "i", "kbd", "mark",
                    "q", "s", "small", "span", "strong", "sub", "sup", "u", "del", "ins"})
# Attributes whose values are words or addresses (not layout or code), read apart.
WORDS = frozenset({"title", "alt", "content", "href", "src", "srcset", "aria-label",
                   "placeholder", "value", "label", "action", "data", "poster",
                   "data-pagefind-filter", "data-pagefind-meta"})
PAGEFIND_SIGNATURE = b"pagefind_dcd"
# The files a build writes from the records, besides pages; the theme's and Pagefind's own
# files (scripts, styles, the binary index that the fragments' words make) hold no one.
TEXT_SUFFIXES = (".xml", ".xml.gz", ".json", ".csv", ".txt", ".atom", ".svg",
                 ".pf_fragment")
SKIPPED_FOLDERS = ("assets/",)


class PageText:
    """A page's words as pieces, each with the line it starts on. Joined, they are folded
    and searched once (not even folded when nothing can be there); only a page where
    something is seen is searched again piece by piece, to find its lines."""

    def __init__(self):
        self.pieces: list[str] = []
        self.lines = array("l")  # a line number takes 8 bytes, not a Python int's 36

    def add(self, text: str | None, line: int | None) -> None:
        if text:
            self.pieces.append(text)
            self.lines.append(line or 1)

    def end(self, node) -> None:
        """An element ends: a break unless it is inline, then what follows it."""
        if node.tag not in INLINE:
            self.add("\n", node.sourceline)
        self.add(node.tail, node.sourceline)

    def people(self, people: PersonalData) -> list[tuple[int, str, str]]:
        """(line, code, message) for each person or contact detail that may not appear."""
        if not people.sightings_in("".join(self.pieces)):
            return []
        # Seldom: folded piece by piece, to tell each sighting's line.
        folded = [fold(piece) for piece in self.pieces]
        starts = list(itertools.accumulate((len(piece) for piece in folded), initial=0))
        return [(self.lines[max(bisect.bisect_right(starts, seen.start) - 1, 0)],
                 seen.code, seen.message) for seen in people.sightings("".join(folded))]


def is_text_output(relative: str) -> bool:
    """Whether the audit reads this built file (relative path) for people, besides pages."""
    return relative.endswith(TEXT_SUFFIXES) and not any(
        folder in relative for folder in SKIPPED_FOLDERS)


def file_text(path: Path) -> str:
    """The text a built file publishes: compressed files opened, JSON's strings, XML's
    entities decoded."""
    data = path.read_bytes()
    if data[:2] == b"\x1f\x8b":
        data = gzip.decompress(data)
    data = data.removeprefix(PAGEFIND_SIGNATURE)
    text = data.decode("utf-8", "replace")
    if path.name.endswith((".json", ".pf_fragment")):
        try:
            value = json.loads(text)
        except ValueError:
            return text
        if isinstance(value, dict) and value.get("url") == VOCABULARY_URL:
            # A search part's vocabulary page (search_vocabulary): the indexed pages' words,
            # each audited with its page; sorted side by side, two may spell what no page
            # says (a name, a phone number's digits).
            value = {key: item for key, item in value.items() if key != "content"}
        return "\n".join(_strings(value))
    return html.unescape(text) if path.name.endswith((".xml", ".xml.gz", ".atom", ".svg")) \
        else text


def _strings(value):
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield str(key)
            yield from _strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)


def text_findings(text: str, people: PersonalData) -> list[tuple[int, str, str]]:
    folded = fold(text)
    return [(folded.count("\n", 0, seen.start) + 1, seen.code, seen.message)
            for seen in people.sightings(folded)]
