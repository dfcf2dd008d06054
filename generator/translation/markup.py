"""The parts of a text a translator must keep as they are (pure): Markdown's block markers,
link addresses, inline code, addresses and tags. An XLIFF file carries them as inline
codes; a PO file as text, checked on the way back all the same.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from typing import Union

# A link's text is translated; its brackets and address are kept: `[text](address)`.
_LINK = re.compile(r"\[([^\[\]\n]+)\](\([^()\s]+(?:[ \t]+\"[^\"\n]*\")?\))")
_KEPT = re.compile("|".join((
    r"(?:\A|\n)[ \t]*(?:[-*+]|\d{1,9}[.)]|#{1,6}|>)[ \t]+",   # a list item, heading, quote
    r"`[^`\n]+`",                                               # inline code
    r"<https?://[^>\s]+>",                                      # an autolink
    r"</?[A-Za-z][^<>\n]*>",                                    # an HTML tag
    r"https?://[^\s<>()\[\]]*[^\s<>()\[\].,;:!?'\"]",           # an address
)))
# Blocks: paragraphs, lists, headings, separated by blank lines.
_BLANK_LINES = re.compile(r"\n[ \t]*\n\s*")


@dataclass(frozen=True)
class Code:
    """Something kept as it is, standing alone."""

    data: str


@dataclass(frozen=True)
class Pair:
    """Something kept around a translated text: a link's `[` and `](address)`."""

    start: str
    text: str
    end: str


Piece = Union[str, Code, Pair]


def blocks(text: str, markdown: bool) -> tuple[list[str], list[str]]:
    """A Markdown text's blocks and the blank lines between them (a plain text is one
    block). `join_blocks` puts them back together."""
    text = text.strip()
    if not markdown:
        return [text], []
    return _BLANK_LINES.split(text), _BLANK_LINES.findall(text)


def join_blocks(parts: list[str], separators: list[str]) -> str:
    out = [parts[0]]
    for separator, part in zip(separators, parts[1:]):
        out += [separator, part]
    return "".join(out)


def pieces(block: str) -> list[Piece]:
    """A block as text to translate and the codes kept around it, in order."""
    found: list[Piece] = []
    at = 0
    for match in _LINK.finditer(block):
        found += _codes(block[at:match.start()])
        found.append(Pair("[", match.group(1), "]" + match.group(2)))
        at = match.end()
    return found + _codes(block[at:])


def _codes(text: str) -> list[Piece]:
    found: list[Piece] = []
    at = 0
    for match in _KEPT.finditer(text):
        if match.start() > at:
            found.append(text[at:match.start()])
        found.append(Code(match.group(0)))
        at = match.end()
    if at < len(text):
        found.append(text[at:])
    return found


def kept(text: str) -> Counter:
    """The codes of a text, counted (a link's address stands for its pair)."""
    counted = Counter()
    for block in blocks(text, True)[0]:
        for piece in pieces(block):
            if isinstance(piece, Code):
                counted[piece.data.strip()] += 1
            elif isinstance(piece, Pair):
                counted[piece.end] += 1
    return counted


def markup_problems(source: str, target: str, markdown: bool) -> list[str]:
    """What a translation broke of its source's markup: each problem as a sentence."""
    problems = []
    if markdown:
        source_blocks, target_blocks = len(blocks(source, True)[0]), \
            len(blocks(target, True)[0])
        if source_blocks != target_blocks:
            problems.append(f"has {target_blocks} paragraphs or blocks where the original "
                            f"has {source_blocks}: keep the Markdown structure")
    source_codes, target_codes = kept(source), kept(target)
    for code in sorted(source_codes - target_codes):
        problems.append(f"has lost the placeholder {code!r} of the original")
    for code in sorted(target_codes - source_codes):
        problems.append(f"has a placeholder the original does not have: {code!r}")
    return problems
