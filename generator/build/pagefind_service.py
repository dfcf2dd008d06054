"""`pagefind --service`: one language's index, fed page by page.

The Pagefind command line reads a finished site. Its service mode instead takes each
page's HTML as it comes: under `sskb build`, MkDocs sends each page's content as soon as it
has converted it, and asks for the index as soon as it has converted the last one, while it
still renders and writes the pages (search_index).

The index comes back in the answer (GetFiles), and is written here. Pagefind's own
WriteFiles answers before its files are all written (it does not flush them: upstream
issue 1271, seen here as an empty pagefind-entry.json about one build in eight), and
stopping the service then would leave them cut short.

The `pagefind` package's own Python client reads one answer each tenth of a second, which
would take 500 s for 5,000 pages; the protocol is small, so it is spoken here: each
message is JSON, base64-encoded and ended with a comma, and the service answers each one,
in order, the same way. Two processes write to the service's input, never at once:
`sskb build` before MkDocs starts, MkDocs until it asks for the index.
"""

from __future__ import annotations

import base64
import fcntl
import json
import os
import subprocess
import tempfile
from contextlib import suppress
from pathlib import Path
from typing import Callable, Iterator

from .tools import BACKGROUND, BuildError, delimited, die_with_parent

INDEX = 0  # the one index of each service
GET_FILES = "GetFiles"


def message(number: int, kind: str, **payload) -> bytes:
    text = json.dumps({"message_id": number, "payload": {"type": kind, **payload}})
    return base64.b64encode(text.encode("utf-8")) + b","


def add_file(number: int, url: str, html: str) -> bytes:
    return message(number, "AddFile", index_id=INDEX, url=url, file_path=None,
                   file_contents=html)


def get_files(number: int) -> bytes:
    return message(number, GET_FILES, index_id=INDEX)


def _decoded(files: list[dict]) -> Iterator[tuple[str, bytes]]:
    for number, file in enumerate(files):
        files[number] = None  # its base64 text goes once the file is decoded
        yield file["path"], base64.b64decode(file["content"])


class PagefindService:
    """One Pagefind service process holding one index, at a low priority: it works beside
    MkDocs, whose time is the build's. A context manager."""

    def __init__(self, executable: Path, config: dict):
        self._stderr = tempfile.TemporaryFile()
        self._process = subprocess.Popen([str(executable), "--service"],
                                         stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                         stderr=self._stderr, preexec_fn=die_with_parent)
        os.setpriority(os.PRIO_PROCESS, self._process.pid, BACKGROUND)
        # MkDocs writes the pages into this pipe, and would wait whenever it is full: a
        # larger one (Linux) holds a hundred pages while Pagefind, at its low priority,
        # waits for a core.
        with suppress(AttributeError, OSError):
            fcntl.fcntl(self.input, fcntl.F_SETPIPE_SZ, 1 << 20)
        self._sent = 0
        self.request(message, "NewIndex", config=config)

    @property
    def input(self) -> int:
        """The service's input, for another process to send messages to."""
        return self._process.stdin.fileno()

    def request(self, make: Callable[..., bytes], *args, **payload) -> None:
        """Send the message `make` builds, numbered after the last one sent."""
        self._sent += 1
        try:
            self._process.stdin.write(make(self._sent, *args, **payload))
            self._process.stdin.flush()
        except BrokenPipeError:
            raise self._stopped() from None

    def files(self) -> Iterator[tuple[str, bytes]]:
        """The index asked for (GetFiles): its files, (path, content), each decoded as it is
        taken (the answer holds them all, in base64). Raises BuildError with the messages
        of any page Pagefind could not index."""
        problems = []
        for answer in self._answers():
            payload = answer["payload"]
            if payload.get("type") == "Error":
                problems.append(f"message {answer.get('message_id')}: "
                                f"{payload.get('message', '')}")
            elif payload.get("type") == GET_FILES:
                break
        if problems:
            raise BuildError("Pagefind could not index every page: "
                             + "; ".join(problems[:5]))
        return _decoded(payload["files"])

    def _answers(self):
        # The answers to the pages, which nobody read while MkDocs was building, wait in
        # the service's memory meanwhile.
        output = iter(lambda: self._process.stdout.read1(1 << 20), b"")
        for answer in delimited(output, b","):
            yield json.loads(base64.b64decode(answer))
        raise self._stopped()

    def _stopped(self) -> BuildError:
        self.stop()
        self._stderr.seek(0)
        said = self._stderr.read().decode("utf-8", "replace").strip()
        return BuildError(f"Pagefind stopped (exit code {self._process.returncode})"
                          + (f":\n{said}" if said else ""))

    def stop(self) -> None:
        if self._process.poll() is None:
            self._process.kill()
        self._process.wait()

    def close(self) -> None:
        self.stop()
        for stream in (self._process.stdin, self._process.stdout, self._stderr):
            try:
                stream.close()
            except BrokenPipeError:
                pass

    def __enter__(self) -> PagefindService:
        return self

    def __exit__(self, *exc) -> None:
        self.close()
