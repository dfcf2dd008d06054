"""Validating N practices against parsing the same files with yaml.CSafeLoader alone, and
validating one file that has 20,000 problems.

Target (issue "core"): `sskb validate` takes at most 1.3 times as long as the bare parse.
Prints both times (best of several runs, files read from disk in both) and the ratio; then
the time for one practice with 20,000 misspelt fields, and for 2,000 (linear: about a
tenth; issue "hardening": under 2 s).

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


def many_problems(root: Path, count: int) -> float:
    """Seconds to validate the knowledge base with one practice holding `count` unknown
    fields, each a problem of its own."""
    path = root / "practices" / "practice-00000.yaml"
    original = path.read_text(encoding="utf-8")
    path.write_text(original + "".join(f"unknown_{n:05}: {n}\n" for n in range(count)),
                    encoding="utf-8")
    try:
        start = time.perf_counter()
        _, problems = load_knowledge_base(root)
        seconds = time.perf_counter() - start
    finally:
        path.write_text(original, encoding="utf-8")
    assert len(problems) == count, len(problems)
    return seconds


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
        small = make_knowledge_base(Path(tmp) / "small", 10)
        tenth, whole = many_problems(small, 2_000), many_problems(small, 20_000)
    print(f"practices:                 {args.practices}")
    print(f"yaml.CSafeLoader parse:    {parse:.3f} s ({args.practices / parse:,.0f} files/s)")
    print(f"sskb validate:             {check:.3f} s ({args.practices / check:,.0f} files/s)")
    print(f"ratio validate / parse:    {check / parse:.2f} (target <= 1.30)")
    print(f"one file, 20,000 problems: {whole:.3f} s (2,000 problems: {tenth:.3f} s, ratio "
          f"{whole / tenth:.1f}; linear: about 10; target < 2 s)")


if __name__ == "__main__":
    main()
