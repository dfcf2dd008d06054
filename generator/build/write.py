"""The only code that writes pages: only what changed, and nothing stale left behind."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class WriteReport:
    written: int
    unchanged: int
    removed: int


# What this process last wrote, by path, with the file's modification time then: a file
# untouched since needs no reading to compare (`sskb serve` regenerates on every save).
_WRITTEN: dict[Path, tuple[str, tuple]] = {}


def _unchanged(path: Path, text: str) -> bool:
    try:
        stat = path.stat()
    except FileNotFoundError:
        return False
    signature = (stat.st_mtime_ns, stat.st_size)
    known = _WRITTEN.get(path)
    if known is not None and known[1] == signature:
        return known[0] == text
    same = path.read_bytes() == text.encode("utf-8")
    if same:
        _WRITTEN[path] = (text, signature)
    return same


def write_pages(folder: Path, pages: dict[str, str]) -> tuple[int, int]:
    """Write the pages into `folder`; return how many were written and left unchanged."""
    folder.mkdir(parents=True, exist_ok=True)
    written = sum(write_page(folder / relative, text) for relative, text in pages.items())
    return written, len(pages) - written


def write_page(path: Path, text: str) -> bool:
    """Write one page unless its file already holds `text`; return whether it was written.

    A file whose content is unchanged is not touched, so its modification time stays and
    `mkdocs serve --dirty` rebuilds only the pages that changed.
    """
    if _unchanged(path, text):
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    _replace(path, text)
    stat = path.stat()
    _WRITTEN[path] = (text, (stat.st_mtime_ns, stat.st_size))
    return True


def _replace(path: Path, text: str) -> None:
    """Write `path` whole or not at all: a reader (MkDocs, git) never sees half a file."""
    temporary = path.with_name(f".{path.name}.tmp")
    temporary.write_bytes(text.encode("utf-8"))
    temporary.replace(path)


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


def write_files(folder: Path, files: dict[str, str]) -> list[str]:
    """Write generated files (name -> text) into `folder`; return the names that changed."""
    folder.mkdir(parents=True, exist_ok=True)
    changed = stale_files(folder, files)
    for name in changed:
        _replace(folder / name, files[name])
    return changed


def stale_files(folder: Path, files: dict[str, str]) -> list[str]:
    """The names whose file in `folder` is missing or differs from the generated text."""
    return [name for name, text in files.items()
            if not (folder / name).is_file()
            or (folder / name).read_text(encoding="utf-8") != text]
