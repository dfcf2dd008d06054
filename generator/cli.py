"""The `sskb` command: thin wrappers around the pipeline."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from . import __version__
from .linking import load_knowledge_base
from .problems import FORMATS

MARKERS = ("practices", "content")


def find_root(start: Path) -> Path | None:
    """The nearest folder at or above `start` that holds a knowledge base."""
    for folder in (start, *start.parents):
        if any((folder / marker).is_dir() for marker in MARKERS):
            return folder
    return None


def _root(parser: argparse.ArgumentParser, given: str | None) -> Path:
    if given is not None:
        root = Path(given)
        if not root.is_dir():
            parser.error(f"{given}: no such folder")
        if not any((root / marker).is_dir() for marker in MARKERS):
            parser.error(f"{given}: not a knowledge base (no practices/ or content/ folder)")
        return root.resolve()
    root = find_root(Path.cwd())
    if root is None:
        parser.error("no knowledge base here: run inside one, or give its folder")
    return root


def cmd_validate(args, parser) -> int:
    root = _root(parser, args.root)
    _, problems = load_knowledge_base(root)
    output = FORMATS[args.format](problems)
    if output:
        print(output)
    return 1 if problems else 0


def make_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="sskb", description="South-South CT/PVE knowledge base: validate and build.")
    parser.add_argument("--version", action="version", version=f"sskb {__version__}")
    commands = parser.add_subparsers(dest="command", required=True)
    validate = commands.add_parser(
        "validate", help="check every record file and report every problem")
    validate.add_argument("root", nargs="?", help="knowledge base folder (default: this one)")
    validate.add_argument("--format", choices=sorted(FORMATS), default="text",
                          help="text for people, json for programs, github for annotations")
    validate.set_defaults(run=cmd_validate, parser=validate)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = make_parser()
    args = parser.parse_args(argv)
    return args.run(args, args.parser)


if __name__ == "__main__":
    sys.exit(main())
