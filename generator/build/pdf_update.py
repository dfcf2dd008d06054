"""Chromium's PDF finished by one incremental update: new objects, and new versions of
some, appended after the printed bytes with their cross-reference section (the printed
bytes stay as they are, and two updates of one PDF are the same bytes). pypdf's own
incremental writer read the whole document first: 3 s for 350 pages, against 0.14 s.

- The outline (bookmarks), from the document's headings, shown when the PDF opens:
  Chromium's own joins a heading's lines without their space and reorders right-to-left
  ones by runs ("1الركيزة").
- The text each glyph stands for (ToUnicode maps): Chromium names a glyph by the first
  character the font maps to it. Noto CJK draws a Kangxi radical (⽀, U+2F40) and the
  ideograph it comes from (支, U+652F) with one glyph, so that a reader searching the
  Chinese edition for 非洲 found nothing; and ligatures and Arabic letters' joining forms
  are named by their presentation forms (ﬁ, ﻟ), which some readers do not match with the
  letters either. Each is mapped back to the characters it stands for.
"""

from __future__ import annotations

import io
import re
import unicodedata

import pikepdf
from pypdf import PdfReader
from pypdf.generic import (ArrayObject, DecodedStreamObject, DictionaryObject,
                           IndirectObject, NameObject, NullObject, NumberObject,
                           TextStringObject)

from .tools import BuildError

# Kangxi radicals and the CJK radicals supplement (glyphs Noto CJK shares with
# ideographs), Latin ligatures, and Arabic presentation forms.
PRESENTATION = re.compile("[\u2e80-\u2fdf\ufb00-\ufb06\ufb50-\ufdff\ufe70-\ufefc]")
# The Kangxi radicals decompose to their ideographs (NFKC); those of the supplement do not,
# and are looked up here: the ideograph each shares its glyph with in Debian's Noto Sans and
# Serif CJK (their cmaps, read with fontTools; Unicode's EquivalentUnifiedIdeograph data).
SUPPLEMENT = {
    "\u2e82": "乛", "\u2e83": "乚", "\u2e85": "亻", "\u2e87": "𠘨", "\u2e89": "刂",
    "\u2e8b": "㔾", "\u2e8d": "𭕄", "\u2e8e": "兀", "\u2e8f": "尣", "\u2e90": "尢",
    "\u2e92": "巳", "\u2e93": "幺", "\u2e94": "彑", "\u2e95": "彐", "\u2e96": "忄",
    "\u2e98": "扌", "\u2e99": "攵", "\u2e9b": "旡", "\u2e9e": "歺", "\u2e9f": "母",
    "\u2ea0": "民", "\u2ea1": "氵", "\u2ea3": "灬", "\u2ea4": "爫", "\u2ea6": "丬",
    "\u2ea8": "犭", "\u2ea9": "𤣩", "\u2eab": "罒", "\u2ead": "礻", "\u2eae": "𥫗",
    "\u2eaf": "糹", "\u2eb0": "纟", "\u2eb1": "罓", "\u2eb2": "罒", "\u2eb3": "㓁",
    "\u2eb9": "耂", "\u2eba": "肀", "\u2ebd": "𦥑", "\u2ebe": "艹", "\u2ebf": "艹",
    "\u2ec1": "虎", "\u2ec2": "衤", "\u2ec3": "覀", "\u2ec4": "西", "\u2ec5": "见",
    "\u2ec6": "角", "\u2ec7": "𧢲", "\u2ec8": "讠", "\u2ec9": "贝", "\u2eca": "𧾷",
    "\u2ecb": "车", "\u2ecc": "辶", "\u2ecd": "辶", "\u2ece": "辶", "\u2ed0": "钅",
    "\u2ed1": "長", "\u2ed2": "镸", "\u2ed3": "长", "\u2ed4": "门", "\u2ed5": "𨸏",
    "\u2ed6": "阝", "\u2ed8": "青", "\u2ed9": "韦", "\u2eda": "页", "\u2edb": "风",
    "\u2edc": "飞", "\u2edd": "食", "\u2ede": "𩙿", "\u2edf": "飠", "\u2ee0": "饣",
    "\u2ee1": "𩠐", "\u2ee2": "马", "\u2ee3": "骨", "\u2ee4": "鬼", "\u2ee5": "鱼",
    "\u2ee6": "鸟", "\u2ee7": "卤", "\u2ee8": "麦", "\u2ee9": "黄", "\u2eea": "黾",
    "\u2eeb": "斉", "\u2eec": "齐", "\u2eed": "歯", "\u2eee": "齿", "\u2eef": "竜",
    "\u2ef0": "龙", "\u2ef1": "龜", "\u2ef2": "亀", "\u2ef3": "龟"}

_ENTRY = re.compile(rb"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>")
_RANGE = re.compile(rb"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>")


def finished(pdf: bytes, outline: list[tuple[int, str, str]]) -> bytes:
    """The PDF with `outline` ((level, title, anchor) in order) and its text maps mended."""
    reader = PdfReader(io.BytesIO(pdf))
    trailer = reader.trailer
    size = int(trailer["/Size"])
    objects = _outline(reader, outline, size) + _text_maps(reader)
    return pdf + _update(len(pdf), objects, size + 1 + len(outline), trailer,
                         _startxref(pdf))


def compacted(pdf: bytes) -> bytes:
    """The PDF rewritten by qpdf with its objects packed into compressed object streams.
    Chromium writes each dictionary of the tagged structure (thousands of them) and each
    page's parts uncompressed: packed, a handbook of 200 pages is about 45% smaller. The
    same PDF gives the same bytes (no identifier from the time of writing)."""
    with pikepdf.open(io.BytesIO(pdf)) as document:
        out = io.BytesIO()
        document.save(out, object_stream_mode=pikepdf.ObjectStreamMode.generate,
                      compress_streams=True, recompress_flate=True, deterministic_id=True)
    return out.getvalue()


# --- the outline ------------------------------------------------------------------------

class _Item:
    """A bookmark being written: its place among the others, then its dictionary."""

    def __init__(self, number: int, level: int, title: str, destination):
        self.number, self.level, self.title, self.destination = number, level, title, destination
        self.parent = self.previous = self.next = None
        self.children: list[_Item] = []

    @property
    def ref(self) -> IndirectObject:
        return IndirectObject(self.number, 0, None)

    def dictionary(self, root: IndirectObject) -> DictionaryObject:
        entries = {"/Title": TextStringObject(self.title), "/Dest": self.destination,
                   "/Parent": self.parent.ref if self.parent else root}
        for key, other in (("/Prev", self.previous), ("/Next", self.next)):
            if other is not None:
                entries[key] = other.ref
        if self.children:
            entries["/First"], entries["/Last"] = self.children[0].ref, self.children[-1].ref
            entries["/Count"] = NumberObject(len(self.children))
        return DictionaryObject({NameObject(key): value for key, value in entries.items()})


def _outline(reader: PdfReader, outline, size: int) -> list[tuple[int, object]]:
    """The outline's objects (numbered from `size`) and the catalog that shows it."""
    destinations = reader.named_destinations
    items = [_Item(size + 1 + index, level, title, _destination(destinations, anchor))
             for index, (level, title, anchor) in enumerate(outline)]
    _tie(items)
    root_ref = IndirectObject(size, 0, None)
    root = DictionaryObject({NameObject("/Type"): NameObject("/Outlines")})
    top = [item for item in items if item.parent is None]
    if top:
        root[NameObject("/First")], root[NameObject("/Last")] = top[0].ref, top[-1].ref
        root[NameObject("/Count")] = NumberObject(len(items))
    catalog_ref = reader.trailer.raw_get("/Root")
    catalog = DictionaryObject(reader.trailer["/Root"].get_object())
    catalog[NameObject("/Outlines")] = root_ref
    catalog[NameObject("/PageMode")] = NameObject("/UseOutlines")
    return [(size, root)] + [(item.number, item.dictionary(root_ref)) for item in items] + [
        (catalog_ref.idnum, catalog)]


def _destination(destinations, anchor: str) -> ArrayObject:
    found = destinations.get(f"/{anchor}")
    if found is None:
        raise BuildError(f"the handbook's heading {anchor!r} has no place in the PDF")
    return ArrayObject([found.page, NameObject("/XYZ"), NullObject(), NullObject(),
                        NullObject()])


def _tie(items: list[_Item]) -> None:
    """Tie each bookmark to its parent and siblings, by their levels."""
    parents: dict[int, _Item] = {}
    last: dict[int, _Item] = {}  # by parent's number (0: the top)
    for item in items:
        item.parent = parents.get(item.level - 1)
        key = item.parent.number if item.parent else 0
        if key in last:
            last[key].next, item.previous = item, last[key]
        last[key] = item
        if item.parent is not None:
            item.parent.children.append(item)
        parents = {level: parent for level, parent in parents.items() if level < item.level}
        parents[item.level] = item


# --- the text glyphs stand for ----------------------------------------------------------

def _text_maps(reader: PdfReader) -> list[tuple[int, object]]:
    """New versions of the fonts' ToUnicode maps that name a glyph by a radical."""
    mended, seen = [], set()
    for page in reader.pages:
        fonts = page.get("/Resources", {}).get("/Font", {})
        for font in fonts.values():
            ref = font.get_object().raw_get("/ToUnicode") \
                if "/ToUnicode" in font.get_object() else None
            if not isinstance(ref, IndirectObject) or ref.idnum in seen:
                continue
            seen.add(ref.idnum)
            data = ref.get_object().get_data()
            fixed = mended_map(data)
            if fixed is not None:
                stream = DecodedStreamObject()
                stream.set_data(fixed)
                mended.append((ref.idnum, stream.flate_encode()))
    return mended


def mended_map(cmap: bytes) -> bytes | None:
    """A ToUnicode CMap with every radical written as its ideograph, and every ligature
    and presentation form as its letters (None: there was none). Its mappings are written
    anew, one code a line (at most 100 a block, as CMaps allow)."""
    mappings = _mappings(cmap)
    if not any(PRESENTATION.search(text) for _, _, text in mappings):
        return None
    start = cmap.index(b"endcodespacerange") + len(b"endcodespacerange")
    end = max(cmap.rindex(b"endbfchar") + 9 if b"endbfchar" in cmap else 0,
              cmap.rindex(b"endbfrange") + 10 if b"endbfrange" in cmap else 0)
    lines = [b"<%0*X> <%s>" % (width, code, _encode(PRESENTATION.sub(_letters, text)))
             for width, code, text in mappings]
    blocks = [lines[i:i + 100] for i in range(0, len(lines), 100)]
    body = b"".join(b"\n%d beginbfchar\n%s\nendbfchar" % (len(block), b"\n".join(block))
                    for block in blocks)
    return cmap[:start] + body + cmap[end:]


def _letters(form: re.Match) -> str:
    found = form.group()
    return SUPPLEMENT.get(found) or unicodedata.normalize("NFKC", found)


def _mappings(cmap: bytes) -> list[tuple[int, int, str]]:
    """(hex digits of the code, code, text) of every mapping of a ToUnicode CMap."""
    found = []
    for kind, body in re.findall(rb"begin(bfchar|bfrange)(.*?)end\1", cmap, flags=re.S):
        if kind == b"bfchar":
            found += [(len(code), int(code, 16), _decode(text))
                      for code, text in _ENTRY.findall(body)]
            continue
        for low, high, text in _RANGE.findall(body):
            first = _decode(text)
            found += [(len(low), code, first[:-1] + chr(ord(first[-1]) + code - int(low, 16)))
                      for code in range(int(low, 16), int(high, 16) + 1)]
    return found


def _decode(hex_text: bytes) -> str:
    return bytes.fromhex(hex_text.decode("ascii")).decode("utf-16-be", "replace")


def _encode(text: str) -> bytes:
    return text.encode("utf-16-be").hex().upper().encode("ascii")


# --- the update -------------------------------------------------------------------------

def _startxref(pdf: bytes) -> int:
    found = re.search(rb"startxref\s+(\d+)\s+%%EOF\s*\Z", pdf)
    if found is None:
        raise BuildError("Chromium's PDF does not end as a PDF does")
    return int(found.group(1))


def _update(offset: int, objects, size: int, trailer, previous: int) -> bytes:
    """An incremental update holding `objects` ((number, object)), written at `offset`."""
    out, places = io.BytesIO(), {}
    out.write(b"\n")
    for number, value in objects:
        places[number] = offset + out.tell()
        out.write(b"%d 0 obj\n" % number)
        value.write_to_stream(out)
        out.write(b"\nendobj\n")
    xref = offset + out.tell()
    out.write(b"xref\n0 1\n0000000000 65535 f \n")  # the free list's head, as writers do
    for number in sorted(places):
        out.write(b"%d 1\n%010d 00000 n \n" % (number, places[number]))
    tail = DictionaryObject({NameObject("/Size"): NumberObject(size),
                             NameObject("/Root"): trailer.raw_get("/Root"),
                             NameObject("/Prev"): NumberObject(previous)})
    if "/Info" in trailer:
        tail[NameObject("/Info")] = trailer.raw_get("/Info")
    out.write(b"trailer\n")
    tail.write_to_stream(out)
    out.write(b"\nstartxref\n%d\n%%%%EOF\n" % xref)
    return out.getvalue()
