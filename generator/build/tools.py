"""Running the tools a build calls (MkDocs, Pagefind), with their output kept for errors."""

from __future__ import annotations

import ctypes
import os
import signal
import subprocess
from pathlib import Path
from typing import Iterable, Iterator

# Linux's prctl, looked up once: the child calls it between fork and exec, where nothing
# may be imported or locked.
try:
    _PRCTL = ctypes.CDLL(None, use_errno=True).prctl
except (AttributeError, OSError):  # not Linux: children are stopped by the build alone
    _PRCTL = None
_PR_SET_PDEATHSIG = 1


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


# The process that starts the helpers (`sskb build`, `sskb serve`, or a test run).
_BUILD = os.getpid()


def die_with_parent() -> None:
    """In a helper process (before exec, or as a worker starts): be killed when the build's
    process ends, however it ends (`kill -9` included), rather than run on alone."""
    if _PRCTL is not None:
        _PRCTL(_PR_SET_PDEATHSIG, signal.SIGKILL)
        if os.getppid() != _BUILD:  # the build ended before the signal was asked for
            os._exit(1)


def in_background() -> None:
    """An audit worker as it starts: dies with the build, and works at a low priority."""
    die_with_parent()
    os.nice(BACKGROUND)


# The niceness of the processes that work beside MkDocs (the audit, Pagefind): when every
# core is busy, MkDocs, whose time is the build's, keeps most of its core, and they catch
# up in its idle moments.
BACKGROUND = 10
