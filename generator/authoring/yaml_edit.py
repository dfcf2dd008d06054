"""Targeted edits of a record file: top-level fields rewritten in place, every other byte of
the file (comments, key order, the other values' spelling) kept as it was.

A field's place is read from PyYAML's composed nodes. The text replaced runs from its key
to the end of its value's last line, comments inside it included (a comment within a
personal field can be personal too); blank lines and comments at the left margin after it
belong to what follows, and stay.
"""

from __future__ import annotations

import yaml


class _Dumper(yaml.SafeDumper):
    """Texts of several lines as literal blocks, as contributors write Markdown."""


def _text(dumper, value: str):
    return dumper.represent_scalar("tag:yaml.org,2002:str", value,
                                   style="|" if "\n" in value else None)


_Dumper.add_representer(str, _text)


def field_yaml(name: str, value, flow_leaves: bool = False) -> str:
    """`name: value` as YAML lines, ending with a line break; with `flow_leaves`, the
    innermost mappings each on one line (`title: {source: ..., reviewed: false}`)."""
    return yaml.dump({name: value}, Dumper=_Dumper, allow_unicode=True, sort_keys=False,
                     width=1000, default_flow_style=None if flow_leaves else False)


def block_yaml(name: str, text: str) -> str:
    """`name: |` and `text` as a literal block (the text ends with a line break)."""
    return f"{name}: |\n" + "".join(f"  {line}\n" for line in text.splitlines())


def spans(text: str) -> dict[str, tuple[int, int]]:
    """Top-level key -> (start, end) of its `key: value` lines in `text`."""
    document = yaml.compose(text, Loader=yaml.CSafeLoader)
    return {key.value: _extent(text, key, value)
            for key, value in getattr(document, "value", ())}


def _extent(text: str, key, value) -> tuple[int, int]:
    """Where the lines of one `key: value` start and end."""
    start, end = key.start_mark.index, value.end_mark.index
    if text[end - 1:end] != "\n":  # a value on the key's line: take the line's end
        line_end = text.find("\n", end)
        end = len(text) if line_end < 0 else line_end + 1
    lines = text[start:end].splitlines(keepends=True)
    indent = key.start_mark.column
    while len(lines) > 1 and (not lines[-1].strip() or
                              len(lines[-1]) - len(lines[-1].lstrip(" ")) <= indent
                              and lines[-1].lstrip(" ").startswith("#")):
        end -= len(lines.pop())
    return start, end


class EditError(ValueError):
    """A field cannot be edited in place (its form is not one this editor writes)."""


def set_entries(text: str, fields: dict[str, dict[str, str]]) -> str:
    """`text` with each top-level mapping of `fields` (a field's texts by language) holding
    its entries: an entry present is rewritten where it is, a new one added after the
    field's last. The file is read once, however many fields change."""
    document = yaml.compose(text, Loader=yaml.CSafeLoader)
    mappings = {key.value: value for key, value in getattr(document, "value", ())}
    edits = []
    for name, entries in fields.items():
        mapping = mappings.get(name)
        if not isinstance(mapping, yaml.MappingNode) or mapping.flow_style or \
                not mapping.value:
            raise EditError(f"{name} is not written as a block of one line per language")
        edits += _entry_edits(text, mapping, entries)
    for start, end, new in sorted(edits, key=lambda edit: edit[0], reverse=True):
        text = text[:start] + new + text[end:]
    return text


def _entry_edits(text: str, mapping, entries: dict[str, str]) -> list[tuple[int, int, str]]:
    """(start, end, new text) of each entry of one mapping."""
    places = {key.value: _extent(text, key, value) for key, value in mapping.value}
    indent = " " * mapping.value[0][0].start_mark.column
    edits = []
    for language, value in entries.items():
        lines = field_yaml(language, value).splitlines(keepends=True)
        indented = "".join(indent + line if line.strip() else line for line in lines)
        if language in places:
            edits.append((*places[language], indented[len(indent):]))
        else:
            end = max(end for _, end in places.values())
            prefix = "" if text[end - 1:end] == "\n" else "\n"
            edits.append((end, end, prefix + indented))
    return edits


def set_field(text: str, name: str, value, flow_leaves: bool = False) -> str:
    """`text` with the top-level field `name` set to `value`, at the end if it is new."""
    lines = field_yaml(name, value, flow_leaves)
    if name in spans(text):
        return replace_fields(text, {name: lines})
    return text + ("" if not text or text.endswith("\n") else "\n") + lines


def replace_fields(text: str, new: dict[str, str]) -> str:
    """`text` with each top-level field of `new` replaced by its YAML lines."""
    places = spans(text)
    for name in sorted(new, key=lambda name: places[name][0], reverse=True):
        start, end = places[name]
        replacement = new[name]
        if not text[start:end].endswith("\n"):  # the last line of a file without its break
            replacement = replacement.rstrip("\n")
        text = text[:start] + replacement + text[end:]
    return text
