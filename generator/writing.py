"""The only code that writes pages: only what changed, and nothing stale left behind."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class WriteReport:
    written: int
    unchanged: int
    removed: int


def write_tree(folder: Path, pages: dict[str, str]) -> WriteReport:
    """Make `folder` hold exactly `pages` (path -> text).

    A file whose content is unchanged is not touched, so its modification time stays and
    `mkdocs serve --dirty` rebuilds only the pages that changed.
    """
    folder.mkdir(parents=True, exist_ok=True)
    written = unchanged = removed = 0
    for relative, text in pages.items():
        path = folder / relative
        data = text.encode("utf-8")
        try:
            if path.read_bytes() == data:
                unchanged += 1
                continue
        except FileNotFoundError:
            path.parent.mkdir(parents=True, exist_ok=True)
        temporary = path.with_name(f".{path.name}.tmp")
        temporary.write_bytes(data)
        temporary.replace(path)  # atomic: a reader never sees half a page
        written += 1
    wanted = {folder / relative for relative in pages}
    for path in sorted(folder.rglob("*"), reverse=True):
        if path.is_file() and path not in wanted:
            path.unlink()
            removed += 1
        elif path.is_dir() and not any(path.iterdir()):
            path.rmdir()
    return WriteReport(written, unchanged, removed)
