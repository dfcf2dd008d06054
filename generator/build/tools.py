"""Running the tools a build calls (MkDocs, Pagefind), with their output kept for errors."""

from __future__ import annotations

import subprocess
from pathlib import Path
from typing import Iterable, Iterator


class BuildError(Exception):
    """A step of the build failed; the message holds what the tool printed."""


def run(command: list[str], env: dict, cwd: Path) -> None:
    result = subprocess.run(command, env=env, cwd=cwd, capture_output=True, text=True)
    if result.returncode != 0:
        name = " ".join([Path(command[0]).name, *command[1:3]])
        raise BuildError(f"{name} failed:\n{result.stdout}{result.stderr}")


def delimited(chunks: Iterable[bytes], delimiter: bytes) -> Iterator[bytes]:
    """The records of a tool's output read in chunks, each record ended by `delimiter`."""
    rest = b""
    for chunk in chunks:
        *records, rest = (rest + chunk).split(delimiter)
        yield from records


# The niceness of the processes that work beside MkDocs (the audit, Pagefind): when every
# core is busy, MkDocs, whose time is the build's, keeps most of its core, and they catch
# up in its idle moments.
BACKGROUND = 10
