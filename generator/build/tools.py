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
try:
    _MALLOPT = ctypes.CDLL(None).mallopt
except (AttributeError, OSError):  # not the GNU C library: its allocator is left as it is
    _MALLOPT = None
_M_MMAP_THRESHOLD, _M_ARENA_MAX = -3, -8


class BuildError(Exception):
    """A step of the build failed; the message holds what the tool printed."""


def run(command: list[str], env: dict, cwd: Path) -> None:
    result = subprocess.run(command, env=env, cwd=cwd, capture_output=True, text=True)
    if result.returncode != 0:
        name = " ".join([Path(command[0]).name, *command[1:3]])
        raise BuildError(f"{name} failed:\n{result.stdout}{result.stderr}")


def delimited(chunks: Iterable[bytes], delimiter: bytes) -> Iterator[bytes]:
    """The records of a tool's output read in chunks, each record ended by `delimiter` (one
    byte). A record longer than a chunk (Pagefind's index, 26 MB at 10,000 practices) is
    joined once it is whole, not copied again with each chunk."""
    begun: list[bytes] = []  # the chunks of a record not yet ended
    for chunk in chunks:
        if delimiter not in chunk:
            begun.append(chunk)
            continue
        first, *records, rest = chunk.split(delimiter)
        begun.append(first)
        record, begun = b"".join(begun), [rest]
        yield record
        del record
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
    return_freed_memory()


def return_freed_memory() -> None:
    """Have the C allocator give back to the system the memory a large block held once it
    is freed, in this process and in those it forks from now on.

    glibc serves a block of 128 KB or more from a mapping of its own, returned when the
    block is freed, but then raises that bar to the freed block's size (up to 32 MB): the
    build's large transient texts (a web handbook of 35 MB, a language's zip, Pagefind's
    index) then come from the heap, whose freed pages it keeps. It also gives each thread
    its heap, up to eight per core. At 10,000 practices in two languages, the build's
    process held 722 MB at its end for 336 MB of live objects, and peaked at 660 MB; with
    the bar fixed and two heaps, 527 MB, in the same time."""
    if _MALLOPT is not None:
        _MALLOPT(_M_MMAP_THRESHOLD, MAPPED_FROM)
        _MALLOPT(_M_ARENA_MAX, 2)


# Blocks from this size up get a mapping of their own, kept fixed. At glibc's first bar,
# 128 KB, the audit took a tenth longer: each page's reading mapped and unmapped buffers.
MAPPED_FROM = 1024 * 1024


# The niceness of the processes that work beside MkDocs (the audit, Pagefind): when every
# core is busy, MkDocs, whose time is the build's, keeps most of its core, and they catch
# up in its idle moments.
BACKGROUND = 10
