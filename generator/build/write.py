"""The only code that writes output files: each whole or not at all, only what changed, and
nothing stale left behind."""

from __future__ import annotations

import filecmp
import os
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Mapping


# What a file holds: a text, bytes, or a text in pieces (written as they come).
Content = str | bytes | Iterable[str]


@dataclass(frozen=True)
class WriteReport:
    written: int
    unchanged: int
    removed: int


class PageWriter:
    """Writes pages whose text changed. With `remember`, it remembers what it wrote, with
    the file's modification time then: a file untouched since needs no reading to compare
    (`sskb serve` regenerates on every save). `sskb build` writes each page once: kept, the
    pages of six languages of 10,000 practices were a gigabyte of its memory."""

    def __init__(self, remember: bool = True):
        self._remember = remember
        self._written: dict[Path, tuple[str, tuple]] = {}

    def write(self, path: Path, text: str) -> bool:
        """Write one page unless its file already holds `text`; return whether it was.

        A file whose content is unchanged is not touched, so its modification time stays
        and `mkdocs serve --dirty` rebuilds only the pages that changed.
        """
        if self._unchanged(path, text):
            return False
        path.parent.mkdir(parents=True, exist_ok=True)
        write_whole(path, text)
        if self._remember:
            stat = path.stat()
            self._written[path] = (text, (stat.st_mtime_ns, stat.st_size))
        return True

    def _unchanged(self, path: Path, text: str) -> bool:
        try:
            stat = path.stat()
        except FileNotFoundError:
            return False
        signature = (stat.st_mtime_ns, stat.st_size)
        known = self._written.get(path)
        if known is not None and known[1] == signature:
            return known[0] == text
        same = path.read_bytes() == text.encode("utf-8")
        if same and self._remember:
            self._written[path] = (text, signature)
        return same


def write_whole(path: Path, content: Content) -> None:
    """Write `path` whole or not at all: a reader (MkDocs, git, a browser) never sees half
    a file."""
    temporary = _written_aside(path, content)
    temporary.replace(path)


def _written_aside(path: Path, content: Content) -> Path:
    """`content` written into a temporary file beside `path`, which it returns."""
    temporary = path.with_name(f".{path.name}.tmp")
    try:
        if isinstance(content, (str, bytes)):
            temporary.write_bytes(content.encode("utf-8") if isinstance(content, str)
                                  else content)
        else:
            with open(temporary, "wb") as out:
                for piece in content:
                    out.write(piece.encode("utf-8"))
    except BaseException:  # a full disk, or pieces that failed to come: nothing left aside
        temporary.unlink(missing_ok=True)
        raise
    return temporary


def remove_stale(folder: Path, wanted) -> int:
    """Remove the files of `folder` that are not among `wanted` (relative paths), and the
    folders left empty; return how many files were removed."""
    wanted = {folder / relative for relative in wanted}
    removed = 0
    for path in sorted(folder.rglob("*"), reverse=True):
        if path.is_file() and path not in wanted:
            path.unlink()
            removed += 1
        elif path.is_dir() and not any(path.iterdir()):
            path.rmdir()
    return removed


def write_files(folder: Path, files: Mapping[str, Content] | Iterable[tuple[str, Content]]
                ) -> list[str]:
    """Write files (relative path -> content, or (path, content) pairs, each written as it
    comes) into `folder`; return the names that changed. A text given in pieces is never
    whole in memory: it is written aside, and kept if the file held something else."""
    changed = []
    for name, content in files.items() if isinstance(files, Mapping) else files:
        path = folder / name
        if isinstance(content, (str, bytes)):
            if _holds(path, content):
                continue
            path.parent.mkdir(parents=True, exist_ok=True)
            write_whole(path, content)
        else:
            path.parent.mkdir(parents=True, exist_ok=True)
            temporary = _written_aside(path, content)
            if path.is_file() and filecmp.cmp(temporary, path, shallow=False):
                temporary.unlink()
                continue
            temporary.replace(path)
        changed.append(name)
    return changed


def stale_files(folder: Path, files: dict[str, str | bytes]) -> list[str]:
    """The names whose file in `folder` is missing or differs from the given content."""
    return [name for name, content in files.items() if not _holds(folder / name, content)]


def _holds(path: Path, content: str | bytes) -> bool:
    expected = content.encode("utf-8") if isinstance(content, str) else content
    return path.is_file() and path.read_bytes() == expected


def link_files(source: Path, target: Path, names: list[str]) -> int:
    """Put each file of `source` (relative names) at the same place under `target`, a
    folder being built: a hard link where the file system allows one (a site's files are
    many and large; `sskb build` never rewrites a site's file in place, it builds a new
    folder and swaps it in, so the two names of a file cannot drift apart), else a copy.
    Return how many were copied."""
    copied = 0
    for name in names:
        (target / name).parent.mkdir(parents=True, exist_ok=True)
        try:
            os.link(source / name, target / name, follow_symlinks=False)
        except OSError:  # another file system, or one without hard links
            shutil.copy2(source / name, target / name, follow_symlinks=False)
            copied += 1
    return copied


def write_new(path: Path, text: str) -> bool:
    """Write a file that must not exist yet (a new record); False if it does."""
    if path.exists():
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    write_whole(path, text)
    return True
