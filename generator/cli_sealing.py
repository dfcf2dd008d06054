"""The editors' commands for sealed fields: `sskb seal`, `sskb unseal`, `sskb keygen`."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from .authoring.seal import SealRefused, reseal_file, seal_file, unseal_file
from .kb.knowledge_base import find_root
from .kb.problems import as_text
from .kb.sealing import IDENTITY_FILE_ENV, Keys, new_identity


def _keys(args) -> Keys:
    """The identities of --identity, else of the environment."""
    return Keys.from_file(Path(args.identity)) if args.identity else Keys.from_environment()


def _sealing(args, parser, action, verb: str) -> int:
    """Run `action(root, path, keys)` on each file; one line per file."""
    keys, failed = _keys(args), 0
    for name in args.files:
        path = Path(name).resolve()
        root = find_root(path.parent)
        if root is None or not path.is_file():
            parser.error(f"{name}: not a record file of a knowledge base")
        try:
            fields = action(root, path, keys)
        except SealRefused as error:
            failed += 1
            if error.problems:
                print(as_text(error.problems))
            print(f"sskb {args.command}: {error}", file=sys.stderr)
            continue
        print(f"{name}: {verb} {', '.join(fields)}" if fields else f"{name}: nothing to "
              f"{args.command}")
    return 1 if failed else 0


def cmd_seal(args, parser) -> int:
    if args.reseal:
        return _sealing(args, parser, reseal_file, "sealed again")
    return _sealing(args, parser, lambda root, path, keys: seal_file(root, path, args.all,
                                                                     keys), "sealed")


def cmd_unseal(args, parser) -> int:
    return _sealing(args, parser, unseal_file, "unsealed")


def cmd_keygen(args, parser) -> int:
    identity, public = new_identity()
    path = Path(args.output)
    try:
        with open(path, "x", encoding="utf-8", opener=lambda p, f: os.open(p, f, 0o600)) as out:
            out.write(f"# public key: {public}\n{identity}\n")
    except FileExistsError:
        parser.error(f"{args.output} exists: choose another file")
    except OSError as error:
        parser.error(f"{args.output}: {error.strerror}")
    print(f"wrote the identity to {path} (keep it secret, outside the repository)\n"
          f"public key, for extra.sskb.editors.keys in mkdocs.yml:\n{public}")
    return 0


def sealing_commands(commands, command) -> None:
    """The editors' commands for personal fields sealed to their keys (`command` makes a
    subcommand, as the `sskb` parser does)."""
    identity = ("an age identity file that opens sealed fields (default: "
                f"SSKB_AGE_IDENTITY or {IDENTITY_FILE_ENV})")
    seal = command(commands, "seal", cmd_seal, "encrypt the personal fields of expert "
                    "records that their consent does not let be public", root=False)
    seal.add_argument("files", nargs="+", metavar="FILE", help="expert record files")
    seal.add_argument("--all", action="store_true", help="seal every personal field")
    seal.add_argument("--reseal", action="store_true", help="seal the sealed fields again to "
                      "the keys mkdocs.yml lists now (needs an identity)")
    seal.add_argument("--identity", help=identity)
    unseal = command(commands, "unseal", cmd_unseal, "write the sealed fields of expert "
                      "records in the clear, to edit them (then seal them again)", root=False)
    unseal.add_argument("files", nargs="+", metavar="FILE", help="expert record files")
    unseal.add_argument("--identity", help=identity)
    keygen = command(commands, "keygen", cmd_keygen, "make an editor's key pair for "
                      "sealed fields", root=False)
    keygen.add_argument("-o", "--output", required=True, help="the identity file to write")
