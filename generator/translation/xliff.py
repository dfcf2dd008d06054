"""Units as an XLIFF 2.0 document and back, built and read with lxml.

One `<file>` per record (its `original` is the record's file), one `<unit>` per field.
A Markdown text is cut into its blocks, one `<segment>` each, with the blank lines between
them as `<ignorable>`: a translator cannot merge or drop a paragraph. What must stay as it
is (list markers, link addresses, code) travels as inline codes whose original data the
unit holds, so a tool shows them as tags; the glossary's entries found in a unit travel
with it in the Glossary module.
"""

from __future__ import annotations

from datetime import date

from lxml import etree

from ..kb.codes import RTL
from .glossary import Entry, entries_in
from .markup import Code, blocks, join_blocks, pieces
from .po import FormatError
from .units import CURRENT, OUTDATED, Incoming, Reading, Unit, instructions, unit_name

XLIFF = "urn:oasis:names:tc:xliff:document:2.0"
GLOSSARY = "urn:oasis:names:tc:xliff:glossary:2.0"
XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
NAMESPACES = {None: XLIFF, "gls": GLOSSARY}
# Segment states that say a human translator reviewed the text.
REVIEWED_STATES = frozenset({"reviewed", "final"})


def _x(tag: str) -> str:
    return f"{{{XLIFF}}}{tag}"


def _sub(parent, tag: str, text: str | None = None, namespace: str = XLIFF, **attributes):
    element = etree.SubElement(parent, f"{{{namespace}}}{tag}",
                               {k: v for k, v in attributes.items() if v is not None})
    if text is not None:
        element.text = text
    return element


def xliff_text(units: list[Unit], glossary: list[Entry], day: date) -> str:
    first = units[0]
    root = etree.Element(_x("xliff"), nsmap=NAMESPACES, version="2.0",
                         srcLang=first.source_language, trgLang=first.target_language)
    files = {}
    for unit in units:
        record = files.get((unit.kind, unit.record_id))
        if record is None:
            record = files[(unit.kind, unit.record_id)] = _sub(
                root, "file", id=f"{unit.kind}.{unit.record_id}", original=unit.path)
        _unit(record, unit, glossary)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8",
                          pretty_print=True).decode("utf-8")


def _unit(parent, unit: Unit, glossary: list[Entry]) -> None:
    element = _sub(parent, "unit", id=unit.field, name=unit_name(unit.kind, unit.record_id,
                                                                   unit.field))
    element.set(XML_SPACE, "preserve")
    for attribute, language in (("srcDir", unit.source_language),
                                ("trgDir", unit.target_language)):
        if language in RTL:
            element.set(attribute, "rtl")
    terms = entries_in(glossary, unit.source, unit.source_language, unit.target_language)
    if terms:
        entries = _sub(element, "glossary", namespace=GLOSSARY)
        for entry in terms:
            item = _sub(entries, "glossEntry", namespace=GLOSSARY)
            _sub(item, "term", entry.terms[unit.source_language], GLOSSARY,
                 source="content/taxonomy/glossary.yaml")
            _sub(item, "translation", entry.terms[unit.target_language], GLOSSARY)
            if entry.note:
                _sub(item, "definition", entry.note, GLOSSARY)
    notes = _sub(element, "notes")
    for number, text in enumerate(instructions(unit), start=1):
        _sub(notes, "note", text, id=f"n{number}", category="instructions")
    data = _sub(element, "originalData")
    codes = _Codes(data)
    source_blocks, separators = blocks(unit.source, unit.markdown)
    target_blocks = _target_blocks(unit, len(source_blocks))
    for index, block in enumerate(source_blocks):
        if index:
            ignorable = _sub(element, "ignorable")
            _sub(ignorable, "source", separators[index - 1])
        state = None
        if target_blocks is not None:
            state = ("reviewed" if unit.reviewed else "translated") \
                if unit.state == CURRENT else "initial"
        segment = _sub(element, "segment", id=f"s{index + 1}", state=state)
        marks = {}
        _inline(_sub(segment, "source"), pieces(block), codes, marks)
        if target_blocks is not None:
            _inline(_sub(segment, "target"), pieces(target_blocks[index]), codes, marks)
    if not len(data):
        element.remove(data)


def _target_blocks(unit: Unit, count: int):
    """The present translation's blocks, when it has as many as the original (else the
    translator starts again from the original)."""
    if not unit.target or unit.state not in (OUTDATED, CURRENT):
        return None
    found = blocks(unit.target, unit.markdown)[0]
    return found if len(found) == count else None


class _Codes:
    """The unit's original data, each kept text once."""

    def __init__(self, data):
        self.data = data
        self.ids: dict[str, str] = {}

    def ref(self, text: str) -> str:
        if text not in self.ids:
            self.ids[text] = f"d{len(self.ids) + 1}"
            _sub(self.data, "data", text, id=self.ids[text])
        return self.ids[text]


def _inline(element, parts, codes: _Codes, marks: dict) -> None:
    """Text and inline codes into `element`. A code's id is shared by the source and the
    target of a segment: the n-th occurrence of the same kept text has the same id."""
    last = None
    occurrences: dict = {}
    for part in parts:
        if isinstance(part, str):
            if last is None:
                element.text = (element.text or "") + part
            else:
                last.tail = (last.tail or "") + part
            continue
        key = part.data if isinstance(part, Code) else (part.start, part.end)
        occurrences[key] = occurrences.get(key, 0) + 1
        code_id = marks.setdefault((key, occurrences[key]), f"c{len(marks) + 1}")
        if isinstance(part, Code):
            last = _sub(element, "ph", id=code_id, dataRef=codes.ref(part.data))
        else:
            last = _sub(element, "pc", part.text, id=code_id,
                        dataRefStart=codes.ref(part.start), dataRefEnd=codes.ref(part.end))


def read_xliff(data: bytes, where: str, reviewed: bool) -> Reading:
    """The translations of an XLIFF document; a unit with a segment untranslated is left
    out. A translation is reviewed when every segment's state says so, or `reviewed`."""
    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as error:
        raise FormatError(f"{where}:{error.lineno}: not well-formed XML: {error.msg}") \
            from None
    if root.tag != _x("xliff") or root.get("version") != "2.0":
        raise FormatError(f"{where}: not an XLIFF 2.0 document")
    reading = Reading(root.get("trgLang", ""), [], [], [])
    for file in root.iter(_x("file")):
        kind, _, record_id = (file.get("id") or "").partition(".")
        for unit in file.iter(_x("unit")):
            name = unit_name(kind, record_id, unit.get("id") or "")
            try:
                texts = _texts(unit)
            except FormatError as error:
                reading.refused.append(f"{name} ({where}): {error}")
                continue
            if texts is None:
                reading.left.append(f"{name}: not translated")
                continue
            source, target, states = texts
            reading.incoming.append(Incoming(kind, record_id, unit.get("id"), source, target,
                                  reviewed or states <= REVIEWED_STATES,
                                  f"{name} ({where}:{unit.sourceline})"))
    return reading


def _texts(unit) -> tuple[str, str, set] | None:
    data = {item.get("id"): item.text or "" for item in unit.iter(_x("data"))}
    sources, targets, separators, states = [], [], [], set()
    for child in unit:
        if child.tag == _x("ignorable"):
            separators.append(_flat(child.find(_x("source")), data))
        elif child.tag == _x("segment"):
            target = child.find(_x("target"))
            if target is None:
                return None
            sources.append(_flat(child.find(_x("source")), data))
            targets.append(_flat(target, data))
            states.add(child.get("state", "initial"))
    if not sources:
        return None
    return join_blocks(sources, separators), join_blocks(targets, separators), states


def _flat(element, data: dict) -> str:
    """An element's text with its inline codes replaced by their original data."""
    if element is None:
        return ""
    out = [element.text or ""]
    for child in element:
        if child.tag == _x("ph"):
            out.append(_data(data, child.get("dataRef"), child))
        elif child.tag == _x("pc"):
            out += [_data(data, child.get("dataRefStart"), child), _flat(child, data),
                    _data(data, child.get("dataRefEnd"), child)]
        elif isinstance(child.tag, str):
            raise FormatError(f"line {child.sourceline}: an inline element this workflow "
                              f"does not write: <{etree.QName(child).localname}>")
        out.append(child.tail or "")
    return "".join(out)


def _data(data: dict, ref: str | None, element) -> str:
    if ref not in data:
        raise FormatError(f"line {element.sourceline}: the placeholder "
                          f"{element.get('id')!r} refers to no original data ({ref!r})")
    return data[ref]
