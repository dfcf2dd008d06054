"""Jinja's compiled templates kept on disk: for the generator's templates and, in MkDocs'
process, for the theme's, which that process loads without the generator's renderer."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

from jinja2 import FileSystemBytecodeCache


def bytecode_cache(folder: Optional[Path] = None) -> Optional[FileSystemBytecodeCache]:
    """Compiled templates kept on disk, in `folder` or else Jinja's private temporary
    folder; None when that cannot be made (templates are then compiled every time)."""
    try:
        if folder is not None:
            folder.mkdir(parents=True, exist_ok=True)
        return FileSystemBytecodeCache(None if folder is None else str(folder))
    except (OSError, RuntimeError):
        return None
