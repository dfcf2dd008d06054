"""The site is built beside its folder and takes its place only when every step, the audit
included, has succeeded: a failed or interrupted build leaves the previous site as it was,
never a mixture of two builds."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path


class Staging:
    """The folder a new site is built in, beside `site`; `publish` puts it in place. A
    context manager: what is left unpublished is removed."""

    def __init__(self, site: Path):
        self.site = site
        self.folder = site.with_name(f".{site.name}.building")

    def __enter__(self) -> Staging:
        shutil.rmtree(self.folder, ignore_errors=True)
        return self

    def __exit__(self, *exc) -> None:
        shutil.rmtree(self.folder, ignore_errors=True)

    def publish(self) -> None:
        old = self.site.with_name(f".{self.site.name}.old")
        shutil.rmtree(old, ignore_errors=True)  # if the last build's removal is not done
        if self.site.exists():
            self.site.rename(old)
        self.folder.rename(self.site)
        if old.exists():
            _remove_later(old)


# Forks, and leaves the removal to its child: it returns at once, and the child, which
# nobody waits for, is then no zombie of the build's process.
_REMOVE = """import os, shutil, sys
if os.fork() == 0:
    shutil.rmtree(sys.argv[1], ignore_errors=True)"""


def _remove_later(folder: Path) -> None:
    """Remove `folder` in a process that may outlive this one: the new site is in place,
    and nobody need wait for the old one's files to go (at 5,000 practices, 15,000 files
    and 0.5 to 1.3 s, measured)."""
    subprocess.run([sys.executable, "-I", "-c", _REMOVE, str(folder)], check=False,
                   start_new_session=True, stdin=subprocess.DEVNULL,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
