"""Where a field is in a file's text: positions are found only for the few fields that have a
problem, by walking libyaml's events again (loading keeps none, which keeps it fast)."""

from __future__ import annotations

import yaml
from yaml.events import (
    AliasEvent,
    MappingEndEvent,
    MappingStartEvent,
    ScalarEvent,
    SequenceEndEvent,
    SequenceStartEvent,
)

from .load import _Loader


def locate(text: str, loc: tuple, at_key: bool = False) -> tuple[int, int]:
    """Return the line and column of the field at `loc`, or of its nearest existing parent.

    A scalar is located at its value, a list or mapping under a field at the field's name,
    and with `at_key` (a misspelt field or language) any field at its name.
    """
    target = tuple(loc)
    best = (1, 1)
    loader = _Loader(text)
    try:
        for path, mark, key_mark in _marks(loader):
            if target[: len(path)] == path:
                if path == target and at_key and key_mark is not None:
                    mark = key_mark
                best = (mark.line + 1, mark.column + 1)
                if path == target:
                    break
    except yaml.YAMLError:
        pass
    finally:
        loader.dispose()
    return best


def paths_at(text: str, positions) -> list[tuple]:
    """The field paths of the values that start at the given (line, column) positions."""
    wanted = set(positions)
    found = []
    loader = _Loader(text)
    try:
        for path, mark, _ in _marks(loader):
            if (mark.line + 1, mark.column + 1) in wanted:
                found.append(path)
    finally:
        loader.dispose()
    return found


def _marks(loader):
    """Yield (path, mark, field name's mark or None) for every value in document order."""
    stack: list = []  # per open collection: [is_mapping, path, next index or pending key]
    event = loader.get_event()
    while event is not None:
        kind = type(event)
        if kind in (ScalarEvent, MappingStartEvent, SequenceStartEvent, AliasEvent):
            mark = key_mark = event.start_mark
            if not stack:
                path, key_mark = (), None
            elif stack[-1][0]:
                frame = stack[-1]
                if frame[2] is None:  # a field name: remember it for its value
                    frame[2] = (event.value if kind is ScalarEvent else None, mark)
                    event = loader.get_event()
                    continue
                name, key_mark = frame[2]
                frame[2] = None
                path = frame[1] + (name,)
                if kind is not ScalarEvent:
                    mark = key_mark
            else:
                frame = stack[-1]
                path, key_mark = frame[1] + (frame[2],), None
                frame[2] += 1
            yield path, mark, key_mark
            if kind is MappingStartEvent:
                stack.append([True, path, None])
            elif kind is SequenceStartEvent:
                stack.append([False, path, 0])
        elif kind is MappingEndEvent or kind is SequenceEndEvent:
            stack.pop()
        event = loader.get_event()
