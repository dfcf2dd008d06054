"""Strict YAML loading: the only code that reads data files.

PyYAML's defaults guess: `NO` becomes False, `1.10` becomes 1.1, a later duplicate key wins,
`!!python/...` tags build objects, and aliases can expand a small file into gigabytes. This
loader walks libyaml's event stream (the C parser, through a `yaml.CSafeLoader` subclass)
and builds plain data itself, so it decides every value and refuses what it cannot trust:
plain scalars become None, booleans and integers only in their YAML 1.2 core spelling;
everything else, dates included, stays text for the models to read. Walking events also
never recurses, so deep nesting is refused instead of crashing the C composer.

Positions are not kept while loading (most files are valid): `locate.py` walks the text
again, once, for a file that has problems.
"""

from __future__ import annotations

import re
import stat
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import yaml
from mkdocs.utils.yaml import yaml_load as mkdocs_yaml_load
from yaml.events import (
    AliasEvent,
    DocumentStartEvent,
    MappingEndEvent,
    MappingStartEvent,
    ScalarEvent,
    SequenceEndEvent,
    SequenceStartEvent,
)

MAX_FILE_BYTES = 1_000_000
MAX_DEPTH = 12

# Integers of YAML's core schema, up to 18 digits; a longer one is refused (Python refuses
# to read more than 4,300 digits, and no field holds such a number).
_INT = re.compile(r"[-+]?(?:0|[1-9][0-9]{0,17})\Z")
_LONG_INT = re.compile(r"[-+]?[0-9]{19,}\Z")
_NULLS = frozenset(["", "~", "null", "Null", "NULL"])
_BOOLS = {"true": True, "True": True, "TRUE": True, "false": False, "False": False, "FALSE": False}
# Characters that can hide or reorder text, by Unicode category: controls but tab and line
# breaks (Cc), format characters such as bidi marks and overrides, soft hyphens and tag
# characters (Cf), private use (Co), line and paragraph separators (Zl, Zp), and the
# Hangul fillers, which show nothing. The prepended concatenation marks (U+0600, U+06DD...)
# are format characters with a glyph, and stay. Zero-width joiner and non-joiner are
# checked apart: some scripts need them. Written out as ranges for `re`, which searches a
# text six times faster than `regex` with its \p{Cf} (measured); tests/test_loading.py
# checks the ranges against the categories. Characters past U+FFFF are looked for only in
# texts that have any: `re` searches for them four times slower.
INVISIBLE_RANGES = (
    "\u0000-\u0008\u000b-\u000c\u000e-\u001f\u007f-\u009f\u00ad\u061c\u115f-\u1160"
    "\u180e\u200b\u200e-\u200f\u2028-\u202e\u2060-\u2064\u2066-\u206f\u3164"
    "\ue000-\uf8ff\ufeff\uffa0\ufff9-\ufffb")
INVISIBLE_ASTRAL_RANGES = (
    "\U00013430-\U0001343f\U0001bca0-\U0001bca3\U0001d173-\U0001d17a\U000e0001"
    "\U000e0020-\U000e007f\U000f0000-\U000ffffd\U00100000-\U0010fffd")
_INVISIBLE = re.compile(f"[{INVISIBLE_RANGES}]")
_ASTRAL = re.compile("[\U00010000-\U0010ffff]")
_INVISIBLE_ASTRAL = re.compile(f"[{INVISIBLE_ASTRAL_RANGES}]")
JOINERS = "\u200c\u200d"
_ESCAPED = re.compile(f"[{INVISIBLE_RANGES}{INVISIBLE_ASTRAL_RANGES}{JOINERS}\ud800-\udfff]")
# Where a joiner belongs: between two letters or marks (Persian, Indic scripts), or in an
# emoji sequence (symbols and their modifiers).
_JOINS = ("L", "M", "So", "Sk")


def escape_invisible(text: str) -> str:
    """`text` with every invisible character (and stray surrogate) written as an escape,
    for messages: a bidi override in a file name must not turn the line around."""
    return _ESCAPED.sub(lambda found: f"\\u{ord(found.group()):04x}", text)


def first_invisible(text: str) -> int:
    """Where the first invisible character or stray joiner stands, or -1."""
    bad = _INVISIBLE.search(text)
    if bad is None and not text.isascii() and _ASTRAL.search(text):
        bad = _INVISIBLE_ASTRAL.search(text)
    return bad.start() if bad else _stray_joiner(text)


def _stray_joiner(text: str) -> int:
    """Where a joiner stands anywhere else than where a script needs it, or -1."""
    for joiner in JOINERS:
        at = text.find(joiner)
        while at >= 0:
            if not (_joins(text[at - 1:at]) and _joins(text[at + 1:at + 2])):
                return at
            at = text.find(joiner, at + 1)
    return -1


def _joins(char: str) -> bool:
    return bool(char) and (char in JOINERS or unicodedata.category(char).startswith(_JOINS))


class LoadError(Exception):
    """A file that cannot be read as trusted data; line and column count from 1."""

    def __init__(self, line: int, column: int, code: str, message: str):
        super().__init__(message)
        self.line, self.column, self.code, self.message = line, column, code, message


@dataclass(frozen=True)
class Loaded:
    """A file's data, its text for locating problems later, and where folded (`>`) texts
    start (they join lines, which breaks Markdown; the records decide where that matters)."""

    data: object
    text: str
    folded: tuple = ()


class _Loader(yaml.CSafeLoader):
    """libyaml's parser; scalars are never resolved by PyYAML (this module types them)."""

    def resolve(self, kind, value, implicit):  # noqa: D102 - called by the C parser
        return None


def read_package_yaml(path: Path):
    """A YAML file of the package itself (catalogues, field help): trusted, and read with
    libyaml's own parser, since every build and every MkDocs process reads the catalogues
    (0.45 ms each, against 4.6 ms for the strict loader)."""
    with open(path, encoding="utf-8") as stream:
        return yaml.load(stream, Loader=yaml.CSafeLoader)


def read_package_text(path: Path) -> str:
    """A text file of an installed package (the theme's templates): trusted."""
    return path.read_text(encoding="utf-8")


def read_mkdocs_extra(root: Path) -> dict:
    """mkdocs.yml's `extra.sskb`, with its !ENV values resolved ({} without mkdocs.yml)."""
    if not (root / "mkdocs.yml").is_file():
        return {}
    with open(root / "mkdocs.yml", encoding="utf-8") as stream:
        config = mkdocs_yaml_load(stream)
    return (config.get("extra") or {}).get("sskb") or {}


@dataclass(frozen=True)
class Editors:
    """mkdocs.yml's `extra.sskb.editors`: the address where people write what must not be
    public (the private route), and the public keys personal fields are sealed to."""

    email: str | None = None
    keys: tuple[str, ...] = ()

    @property
    def emails(self) -> tuple[str, ...]:
        return (self.email,) if self.email else ()

    @classmethod
    def from_extra(cls, extra: dict) -> Editors:
        """From `extra.sskb` as read (MkDocs' own configuration holds it, read)."""
        found = extra.get("editors") or {}
        return cls(found.get("email") or None, tuple(found.get("keys") or ()))


def read_editors(root: Path) -> Editors:
    return Editors.from_extra(read_mkdocs_extra(root))


def read_file(path: Path) -> Loaded:
    """Read and parse one YAML file, or raise LoadError saying where and why."""
    return load_bytes(read_bytes(path))


def read_bytes(path: Path, root: Path | None = None) -> bytes:
    """A file's bytes. Refused before reading: anything but a regular file (a folder, a
    FIFO or device, which would be waited on for ever, a broken link), a link that leads
    out of `root`, and a file larger than a record file may be."""
    try:
        info = path.lstat()
        if stat.S_ISLNK(info.st_mode):
            target = path.resolve(strict=True)
            if root is not None and not target.is_relative_to(root.resolve()):
                raise LoadError(1, 1, "link-outside", "the file is a link to a file outside "
                                "the knowledge base; put the file itself here")
            info = target.stat()
    except (FileNotFoundError, RuntimeError):  # RuntimeError: a loop of links
        raise LoadError(1, 1, "broken-link", "the file is a link that leads to no file; "
                        "put the file itself here") from None
    if not stat.S_ISREG(info.st_mode):
        raise LoadError(1, 1, "not-a-file", "this is not a regular file (a folder, a pipe or "
                        "a device): a record must be a plain text file")
    if info.st_size > MAX_FILE_BYTES:
        raise LoadError(1, 1, "file-too-large",
                        f"the file is {info.st_size:,} bytes; a record file may hold at most "
                        f"{MAX_FILE_BYTES:,} bytes")
    return path.read_bytes()


def load_bytes(raw: bytes) -> Loaded:
    """Parse a file's bytes, or raise LoadError saying where and why."""
    text = decode(raw)
    data, folded = parse_marked(text)
    return Loaded(data, text, folded)


def decode(raw: bytes) -> str:
    """Decode UTF-8 text, with its line breaks as `\\n`, and refuse invisible characters."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        before = raw[: error.start]
        line = before.count(b"\n") + 1
        line_start = before[before.rfind(b"\n") + 1:]
        column = len(line_start.decode("utf-8", errors="replace")) + 1
        raise LoadError(line, column, "not-utf8",
                        f"byte 0x{raw[error.start]:02X} is not valid UTF-8; save the file "
                        "with UTF-8 encoding") from None
    if text.startswith("\ufeff"):
        text = text[1:]
    if "\r" in text:  # Windows and old Mac line endings: one line break each
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    at = first_invisible(text)
    if at >= 0:
        line, column = _position(text, at)
        char = text[at]
        name = unicodedata.name(char, "control character")
        where = " here: a joiner belongs between two letters" if char in JOINERS else ""
        raise LoadError(line, column, "invisible-character",
                        f"the invisible character U+{ord(char):04X} ({name}) is not allowed"
                        f"{where}: it can hide or reorder text; delete it")
    return text


def _position(text: str, offset: int) -> tuple[int, int]:
    line = text.count("\n", 0, offset) + 1
    return line, offset - (text.rfind("\n", 0, offset) + 1) + 1


def _plain(value: str):
    if value in _NULLS:
        return None
    if value in _BOOLS:
        return _BOOLS[value]
    if _INT.match(value):
        return int(value)
    return value


def _refuse(event, code: str, message: str):
    raise LoadError(event.start_mark.line + 1, event.start_mark.column + 1, code, message)


def _check_node(event) -> None:
    if event.anchor is not None:
        _refuse(event, "anchor", "YAML anchors (&name) are not allowed; write the value out")
    if event.tag is not None:
        tag = event.tag.replace("tag:yaml.org,2002:", "!!")
        _refuse(event, "tag", f"YAML tags ({tag}) are not allowed; remove the tag")


def parse(text: str):
    """Build plain data from YAML text: dicts, lists, str, int, bool and None."""
    return parse_marked(text)[0]


def parse_marked(text: str) -> tuple[object, tuple]:
    """Like `parse`, with the (line, column) of each folded scalar."""
    loader = _Loader(text)
    try:
        return _build(loader, text)
    except yaml.MarkedYAMLError as error:
        raise _syntax_error(error) from None
    except yaml.YAMLError as error:
        raise LoadError(1, 1, "yaml-syntax", f"the file is not valid YAML: {error}") from None
    finally:
        loader.dispose()


def _build(loader, text: str):
    """The data of libyaml's events, and where folded scalars start."""
    tree = _Tree(text)
    get_event = loader.get_event
    event = get_event()
    while event is not None:
        kind = type(event)
        if kind is ScalarEvent:
            tree.scalar(event)
        elif kind is MappingStartEvent:
            tree.open(event, {})
        elif kind is SequenceStartEvent:
            tree.open(event, [])
        elif kind is MappingEndEvent or kind is SequenceEndEvent:
            tree.current = tree.stack.pop()
        elif kind is AliasEvent:
            _refuse(event, "alias", "YAML aliases (*name) are not allowed; write the value out")
        elif kind is DocumentStartEvent:
            tree.document(event)
        event = get_event()
    return tree.root, tuple(tree.folded)


class _Tree:
    """The data being built from the events, and where the next value goes."""

    def __init__(self, text: str):
        self.text, self.comments = text, "#" in text
        self.stack: list = []
        self.current = self.root = self.key = None
        self.documents = 0
        self.folded: list[tuple[int, int]] = []

    def scalar(self, event) -> None:
        _check_node(event)
        current, value = self.current, event.value
        if self.key is None and type(current) is dict:
            # Field names stay as written: `no:` is the text "no", not False.
            if value in current:
                _refuse(event, "duplicate-key", f"the field '{value}' appears twice in the "
                        "same mapping; keep one")
            self.key = value
            return
        style = event.style
        if style == "":
            if self.comments and _TRAILING_COMMENT.match(self.text, event.end_mark.index):
                _refuse_comment(event)
            value = _plain(value)
            if type(value) is str and _LONG_INT.match(value):
                _refuse(event, "number-too-long", f"a number of {len(value):,} digits is "
                        "longer than any field takes; if it is text, put it in double quotes")
        elif style == ">":
            self.folded.append((event.start_mark.line + 1, event.start_mark.column + 1))
        elif style == '"' and first_invisible(value) >= 0:
            # Escapes such as "\u202e" in double quotes bypass the check of the raw text.
            _refuse(event, "invisible-character", "the text holds an invisible control "
                    "character written as an escape; delete it")
        self._place(value)

    def open(self, event, new) -> None:
        _check_node(event)
        if len(self.stack) >= MAX_DEPTH:
            _refuse(event, "too-deep", f"the data is nested more than {MAX_DEPTH} levels deep")
        if type(self.current) is dict and self.key is None:
            _refuse(event, "key", "a field name must be text, not a list or mapping")
        self._place(new)
        self.stack.append(self.current)
        self.current = new

    def _place(self, value) -> None:
        current = self.current
        if current is None:
            self.root = value
        elif type(current) is list:
            current.append(value)
        else:
            current[self.key] = value
            self.key = None

    def document(self, event) -> None:
        self.documents += 1
        if self.documents > 1:
            _refuse(event, "many-documents", "the file holds more than one YAML document "
                    "(a second '---'); put one record in each file")


_TRAILING_COMMENT = re.compile(r"[ \t]+#")


def _refuse_comment(event) -> None:
    mark = event.end_mark
    raise LoadError(mark.line + 1, mark.column + 2, "trailing-comment",
                    "' #' after a value starts a comment, so YAML drops the rest of the line; "
                    "if the '#' belongs to the text, put the whole value in double quotes, "
                    "and put comments on a line of their own")


_HINTS = {
    "mapping values are not allowed": "if a text contains ': ', put the whole text in double "
                                      "quotes",
    "cannot start any token": "tabs cannot indent YAML, and a text starting with @ or ` needs "
                              "quotes",
    "could not find expected ':'": "each field needs 'name: value'; check the indentation",
    "did not find expected key": "check the indentation of this line and the one before",
}


def _syntax_error(error: yaml.MarkedYAMLError) -> LoadError:
    mark = error.problem_mark or error.context_mark
    problem = error.problem or "invalid YAML"
    message = f"YAML syntax error: {problem}"
    if error.context:
        message += f" ({error.context})"
    hints = [hint for words, hint in _HINTS.items() if words in problem]
    if hints:
        message += f"; {hints[0]}"
    line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    return LoadError(line, column, "yaml-syntax", message)
