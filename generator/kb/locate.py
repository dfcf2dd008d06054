"""Where a field is in a file's text: positions are found only for files that have a
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


class Positions:
    """Where each value of a file's text starts, from one walk of libyaml's events: a file
    with thousands of problems is walked once, not once per problem."""

    def __init__(self, text: str):
        self._at: dict[tuple, tuple] = {}
        loader = _Loader(text)
        try:
            for path, mark, key_mark in _marks(loader):
                self._at[path] = (_place(mark), key_mark and _place(key_mark))
        except yaml.YAMLError:
            pass  # what comes after a syntax error has no place; its parents have
        finally:
            loader.dispose()

    def locate(self, loc: tuple, at_key: bool = False) -> tuple[int, int]:
        """The line and column of the field at `loc`, or of its nearest existing parent.

        A scalar is located at its value, a list or mapping under a field at the field's
        name, and with `at_key` (a misspelt field or language) any field at its name.
        """
        target = tuple(loc)
        for end in range(len(target), -1, -1):
            found = self._at.get(target[:end])
            if found is not None:
                value, key = found
                return key if at_key and key and end == len(target) else value
        return 1, 1


def _place(mark) -> tuple[int, int]:
    return mark.line + 1, mark.column + 1


def locate(text: str, loc: tuple, at_key: bool = False) -> tuple[int, int]:
    """Where the field at `loc` is in `text` (see `Positions.locate`)."""
    return Positions(text).locate(loc, at_key)


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
