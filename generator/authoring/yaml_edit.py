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


def field_yaml(name: str, value) -> str:
    """`name: value` as YAML lines, ending with a line break."""
    return yaml.dump({name: value}, Dumper=_Dumper, allow_unicode=True, sort_keys=False,
                     width=1000)


def block_yaml(name: str, text: str) -> str:
    """`name: |` and `text` as a literal block (the text ends with a line break)."""
    return f"{name}: |\n" + "".join(f"  {line}\n" for line in text.splitlines())


def spans(text: str) -> dict[str, tuple[int, int]]:
    """Top-level key -> (start, end) of its `key: value` lines in `text`."""
    document = yaml.compose(text, Loader=yaml.CSafeLoader)
    found = {}
    for key, value in getattr(document, "value", ()):
        start, end = key.start_mark.index, value.end_mark.index
        if text[end - 1:end] != "\n":  # a value on the key's line: take the line's end
            line_end = text.find("\n", end)
            end = len(text) if line_end < 0 else line_end + 1
        lines = text[start:end].splitlines(keepends=True)
        while len(lines) > 1 and (not lines[-1].strip() or lines[-1].startswith("#")):
            end -= len(lines.pop())
        found[key.value] = (start, end)
    return found


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
