"""Validating N practices against parsing the same files with yaml.CSafeLoader alone.

Target (issue "core"): `sskb validate` takes at most 1.3 times as long as the bare parse.
Prints both times (best of several runs, files read from disk in both) and the ratio.

    python benchmarks/validate_speed.py [--practices 5000] [--repeat 5]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))
from synthetic import make_knowledge_base  # noqa: E402

from generator.kb.validate import load_knowledge_base  # noqa: E402


def bare_parse(root: Path) -> int:
    count = 0
    for folder in ("content/taxonomy", "content/organizations", "practices"):
        for path in sorted((root / folder).glob("*.yaml")):
            with open(path, encoding="utf-8") as stream:
                yaml.load(stream, Loader=yaml.CSafeLoader)
            count += 1
    return count


def validate(root: Path) -> int:
    kb, problems = load_knowledge_base(root)
    assert not problems, problems[:3]
    return len(kb.entries("practice"))


def best_time(function, root: Path, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        function(root)
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--practices", type=int, default=5000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        root = make_knowledge_base(Path(tmp) / "kb", args.practices)
        assert validate(root) == args.practices
        parse = best_time(bare_parse, root, args.repeat)
        check = best_time(validate, root, args.repeat)
    print(f"practices:                 {args.practices}")
    print(f"yaml.CSafeLoader parse:    {parse:.3f} s ({args.practices / parse:,.0f} files/s)")
    print(f"sskb validate:             {check:.3f} s ({args.practices / check:,.0f} files/s)")
    print(f"ratio validate / parse:    {check / parse:.2f} (target <= 1.30)")


if __name__ == "__main__":
    main()
