"""One language's `mkdocs build` in a process of its own: its environment, the pages fed to
it as they are written and told back once built (`page_pipe`), and its shutdown."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import tempfile
from contextlib import suppress
from pathlib import Path
from typing import Iterator

from . import page_pipe
from .generate import DOCS, RenderingFailed
from .tools import BuildError, die_with_parent, run


def language_env(root: Path, language: str, site: Path, drafts: bool,
                 epoch: str | None = None) -> dict:
    """The environment of one language's MkDocs process (mkdocs.yml reads it with !ENV)."""
    # Without SSKB_BASE_URL the site has no address of its own: no canonical link and no
    # absolute address in the sitemaps (rather than a localhost one that a deployment
    # forgetting the variable would publish).
    base = os.environ.get("SSKB_BASE_URL", "")
    env = {key: value for key, value in os.environ.items() if key != "SSKB_SITE_URL"}
    return {**env, **({"SOURCE_DATE_EPOCH": epoch} if epoch else {}),
            **({"SSKB_SITE_URL": f"{base}{language}/"} if base else {}),
            "SSKB_LANG": language, "SSKB_GENERATED": "1",
            "SSKB_DOCS_DIR": str(root / DOCS / language),
            "SSKB_SITE_DIR": str(site / language), "SSKB_DRAFTS": "1" if drafts else "0"}


def mkdocs_command(root: Path) -> list[str]:
    # Not --quiet: it silences the warnings that --strict counts, and the build passes.
    return [sys.executable, "-m", "mkdocs", "build", "--strict", "--config-file",
            str(root / "mkdocs.yml")]


def mkdocs_build(root: Path, language: str, site: Path, drafts: bool,
                 epoch: str | None = None) -> None:
    """One language's MkDocs build of the pages already written."""
    run(mkdocs_command(root), language_env(root, language, site, drafts, epoch), root)


# The last line of MkDocs' traceback when the system refused to write a file.
_OS_ERROR = re.compile(r"(?:\w+\.)*\w*Error: \[Errno \d+\] ([^:\n]+): '([^'\n]+)'\s*\Z")


def unwritable(output: str) -> str | None:
    """One line naming the file and the cause, when MkDocs stopped because the system
    refused to write (a full disk, a read-only folder); None for any other failure."""
    found = _OS_ERROR.search(output)
    return f"cannot write {found.group(2)}: {found.group(1)}" if found else None


class MkDocsBuild:
    """`mkdocs build --strict` of one language, started at once and fed its pages by
    `pages` (a `page_pipe.Announcer`) while it runs. `feeds` are more file descriptors for
    it, named in `env` (Pagefind's input). A context manager: an error inside stops
    MkDocs, and a failure to render, or MkDocs no longer reading, becomes a BuildError
    that holds what MkDocs printed."""

    def __init__(self, root: Path, language: str, site: Path, drafts: bool,
                 epoch: str | None, env: dict, feeds: tuple[int, ...] = ()):
        told, telling = os.pipe()
        env = {**language_env(root, language, site, drafts, epoch), **env,
               page_pipe.ENV: "1", page_pipe.WRITTEN: str(telling)}
        (root / DOCS / language).mkdir(parents=True, exist_ok=True)  # MkDocs checks it
        # The output goes to a file: a full pipe would stop MkDocs, and with it the
        # renderer that writes to MkDocs' input.
        self._output = tempfile.TemporaryFile()
        try:
            self._process = subprocess.Popen(
                mkdocs_command(root), env=env, cwd=root, stdin=subprocess.PIPE,
                stdout=self._output, stderr=subprocess.STDOUT, pass_fds=(telling, *feeds),
                preexec_fn=die_with_parent)
        finally:
            os.close(telling)
        self._told = os.fdopen(told, "rb", buffering=0)
        self.pages = page_pipe.Announcer(self._process.stdin)

    def written_pages(self, size: int) -> Iterator[list[str]]:
        """Once every page is announced: the HTML pages MkDocs writes, in batches of
        `size`, as it writes them."""
        self._process.stdin.close()
        yield from page_pipe.written_pages(self._told, size,
                                           lambda: self._process.poll() is None)

    def finish(self) -> None:
        """Wait for MkDocs to end; BuildError with its output if it failed."""
        with suppress(BrokenPipeError):
            self._process.stdin.close()
        if self._process.wait() != 0:
            raise self._failed("mkdocs build failed")

    def stop(self) -> None:
        if self._process.poll() is None:
            self._process.kill()
        self._process.wait()

    def _failed(self, why: str) -> BuildError:
        self._output.seek(0)
        output = self._output.read().decode("utf-8", "replace")
        return BuildError(unwritable(output) or f"{why}:\n{output}")

    def __enter__(self) -> MkDocsBuild:
        return self

    def __exit__(self, kind, error, traceback) -> None:
        if error is not None:
            self.stop()
        with suppress(BrokenPipeError):
            self._process.stdin.close()
        self._process.wait()
        try:
            if isinstance(error, RenderingFailed):
                raise self._failed(str(error)) from None
            if isinstance(error, BrokenPipeError):
                raise self._failed("MkDocs stopped reading its pages") from None
        finally:
            self._told.close()
            self._output.close()
