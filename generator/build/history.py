"""When each record was first committed, from the repository's history: one `git log`
for a whole folder. Nothing when the knowledge base is not a git repository."""

from __future__ import annotations

import subprocess
from datetime import date, datetime, timezone
from pathlib import Path


def first_committed(root: Path, folder: str) -> dict[str, date]:
    """Record id (its file's stem) -> the day its file was first added to the history."""
    try:
        done = subprocess.run(["git", "log", "--diff-filter=A", "--format=%x00%ct",
                               "--name-only", "--", folder], cwd=root, capture_output=True,
                              text=True, timeout=60)
    except (OSError, subprocess.SubprocessError):
        return {}
    if done.returncode != 0:
        return {}
    found: dict[str, date] = {}
    for commit in done.stdout.split("\0")[1:]:  # newest first: the oldest add wins
        stamp, _, names = commit.partition("\n")
        day = datetime.fromtimestamp(int(stamp.strip()), timezone.utc).date()
        for name in names.split():
            if name.endswith(".yaml"):
                found[Path(name).stem] = day
    return found
