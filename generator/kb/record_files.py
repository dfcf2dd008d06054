"""Where each kind of record lives in a knowledge base, and reading one record file."""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass
from datetime import date
from functools import cached_property
from pathlib import Path, PurePosixPath

from pydantic import ValidationError

from . import load, locate
from .kinds import OPTIONAL_VOCABULARIES, VOCABULARIES, Kind
from .messages import problem_from_error
from .models import MARKDOWN_FIELDS, SEALABLE, Model, Vocabulary
from .people import Searched
from .problems import Problem, field_name
from .rules import check_record
from .sealing import Keys, open_sealed


@dataclass(frozen=True)
class Entry:
    """A record with the file it came from (path relative to the root) and that file's text."""

    path: str
    text: str
    record: Model | None  # None when the data did not fit the model
    data: dict

    def problem(self, loc: tuple, code: str, message: str, at_key: bool = False) -> Problem:
        line, column = self.positions.locate(loc, at_key)
        return Problem(self.path, line, column, field_name(loc), code, message)

    @cached_property
    def positions(self) -> locate.Positions:
        return locate.Positions(self.text)

    @cached_property
    def digest(self) -> str:
        """A digest of the record's data: pages whose records' digests are unchanged render
        the same (the entry is reused while its file is unchanged, and its digest too)."""
        return digest(self.record)


def digest(*models: Model) -> str:
    data = b"\0".join(model.model_dump_json().encode() for model in models)
    return hashlib.blake2b(data, digest_size=16).hexdigest()


class RecordReader:
    """Reads record files, and keeps what it read: a file whose bytes are unchanged is not
    parsed and validated again (`sskb serve` rebuilds after each save; only the saved file
    is). Bytes, not modification times: two saves can share one clock tick."""

    def __init__(self, today: date | None = None, keys: Keys | None = None):
        self.today = today or date.today()  # records dated later are refused
        # Identities that open sealed fields: by default those of the environment.
        self.keys = Keys.from_environment() if keys is None else keys
        self._read: dict[Path, tuple[tuple, tuple]] = {}
        # The records read found to name no one (see `mentions`), kept with what was read.
        self.searched = Searched()

    def read(self, root: Path, path: Path, model: type[Model],
             personal: bool = False) -> tuple[Entry | None, list[Problem]]:
        """Load, validate and check one file, or take it from the last read of it."""
        rel = path.relative_to(root).as_posix()
        raw, problems = read_checked(root, path)
        if raw is None:
            return None, problems
        key = (root, model, personal, raw)
        cached = self._read.get(path)
        if cached is not None and cached[0] == key:
            return cached[1]
        result = _read_record(rel, raw, model, personal, self.today, self.keys)
        self._read[path] = (key, result)
        return result

    def check(self, rel: str, raw: bytes, model: type[Model], personal: bool = False
              ) -> tuple[Entry | None, list[Problem]]:
        """Load, validate and check a file's would-be bytes, before they are written."""
        return _read_record(rel, raw, model, personal, self.today, self.keys)

    def vocabulary(self, root: Path, name: str) -> tuple[Entry | None, list[Problem]]:
        """Load one controlled vocabulary (themes, regions, the glossary)."""
        path = root / VOCABULARIES[name]
        if not (path.exists() or path.is_symlink()):
            if name in OPTIONAL_VOCABULARIES:
                return None, []
            return None, [Problem(VOCABULARIES[name], 1, 1, "", "missing-file",
                                  f"the {name} vocabulary file is missing")]
        return self.read(root, path, Vocabulary)


def read_checked(root: Path, path: Path) -> tuple[bytes | None, list[Problem]]:
    """A file's bytes as `load` reads them, or None and the problem why it cannot be read."""
    rel = path.relative_to(root).as_posix()
    try:
        return load.read_bytes(path, root), []
    except load.LoadError as error:
        return None, [load_problem(rel, error)]
    except OSError as error:
        return None, [Problem(rel, 1, 1, "", "unreadable", f"cannot read the file: "
                              f"{error.strerror}")]


def load_problem(rel: str, error: load.LoadError, lines_before: int = 0) -> Problem:
    """The problem a LoadError names, in the file `rel`, its text starting after
    `lines_before` lines (a front matter's)."""
    return Problem(rel, error.line + lines_before, error.column, "", error.code,
                   error.message)


def read_record(root: Path, path: Path, model: type[Model], personal: bool = False,
                keys: Keys | None = None) -> tuple[Entry | None, list[Problem]]:
    """Load, validate and check one file."""
    return RecordReader(keys=keys).read(root, path, model, personal)


def _read_record(rel: str, raw: bytes, model: type[Model], personal: bool,
                 today: date, keys: Keys) -> tuple[Entry | None, list[Problem]]:
    """Load, validate and check one file.

    A file that cannot be read gives no entry; one whose data does not fit the model gives
    an entry without a record, so that the ids it names can still be checked. Sealed
    fields are opened with `keys`, or left out (withheld); the record knows which were.
    """
    try:
        loaded = load.load_bytes(raw)
    except load.LoadError as error:
        return None, [load_problem(rel, error)]
    if not isinstance(loaded.data, dict):
        return None, [Problem(rel, 1, 1, "", "not-a-mapping", "the file must hold one record: "
                              "a mapping of 'field: value' lines")]
    data, sealed, unopened = open_sealed(loaded.data, keys, SEALABLE.get(model, frozenset()))
    try:
        record = model.model_validate(data)
    except ValidationError as error:
        draft = Entry(rel, loaded.text, None, data)
        errors = error.errors(include_url=False)
        # A misspelt language key also fails its value; the key's error says it all. A
        # sealed value that could not be opened is missing: its own problem says why.
        bad_keys = {tuple(e["loc"][:-1]) for e in errors if e["loc"][-1:] == ("[key]",)}
        unread = {finding[0][0] for finding in unopened}
        return draft, [draft.problem(*finding) for finding in unopened] + [
            draft.problem(*_in_sealed(problem_from_error(e, model, not personal), sealed))
            for e in errors if tuple(e["loc"]) not in bad_keys and e["loc"][0] not in unread]
    if sealed:
        record._sealed = sealed
    entry = Entry(rel, loaded.text, record, data)
    problems = [entry.problem(*finding) for finding in unopened]
    problems += [entry.problem(*_in_sealed(finding, sealed))
                 for finding in check_record(record, today)]
    for loc in locate.paths_at(loaded.text, loaded.folded) if loaded.folded else ():
        if loc and loc[0] in MARKDOWN_FIELDS:
            problems.append(entry.problem(
                loc, "folded-markdown", "is written in folded style ('>'), which joins its "
                "lines and breaks Markdown lists and paragraphs; write '|' instead of '>'"))
    stem_id = getattr(record, "id", None)
    stem = PurePosixPath(rel).stem
    if stem_id is not None and stem_id != stem:
        problems.append(entry.problem(("id",), "id-filename",
                                      f"must equal the file name: rename the file to "
                                      f"{record.id}.yaml or change the id to {stem}"))
    return entry, problems


def _in_sealed(finding: tuple, sealed: frozenset[str]) -> tuple:
    """A finding about a value that was sealed says so: the file shows only its seal."""
    loc, code, message, *rest = finding
    if loc and loc[0] in sealed:
        message = f"(sealed value) {message}"
    return (loc, code, message, *rest)


def record_files(root: Path, kind: Kind) -> tuple[list[Path], list[Problem]]:
    """The `.yaml` files of a kind's folder, and problems for files that look misnamed."""
    folder = root / kind.folder
    if not folder.is_dir():
        return [], []
    try:
        paths = sorted(folder.iterdir())
    except OSError as error:
        return [], [Problem(kind.folder, 1, 1, "", "unreadable",
                            f"cannot read the folder: {error.strerror}")]
    files, problems = [], []
    for path in paths:
        rel = f"{kind.folder}/{shown_name(path.name)}"
        if path.name.startswith("."):
            continue
        if rel != f"{kind.folder}/{path.name}":
            problems.append(Problem(rel, 1, 1, "", "file-name", "the file's name is not "
                                    "valid UTF-8 text or holds an invisible character; "
                                    "rename the file"))
        elif path.suffix == ".yaml":
            files.append(path)  # whatever it is: reading says if it is no regular file
        elif path.suffix.lower() in (".yml", ".yaml") and not path.is_dir():
            problems.append(Problem(rel, 1, 1, "", "extension",
                                    "record files must end in '.yaml'; rename the file"))
    return files, problems


def shown_name(name: str) -> str:
    """A file name as text: bytes that are not UTF-8, and invisible characters, written
    as escapes."""
    return load.escape_invisible(os.fsencode(name).decode("utf-8", "backslashreplace"))
