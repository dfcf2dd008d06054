"""The translators' commands: `sskb translate export` and `sskb translate import`."""

from __future__ import annotations

import os
from pathlib import Path

from .build.write import write_whole
from .kb.codes import UN_LANGUAGES
from .kb.kinds import KINDS
from .kb.load import read_editors
from .kb.problems import as_text
from .kb.validate import load_knowledge_base
from .site.settings import build_date
from .site.view import make_view
from .translation.apply import import_translations
from .translation.export import SUFFIXES, export_files
from .translation.glossary import glossary
from .translation.po import FormatError, read_po
from .translation.units import DEFAULT_SELECTION, SELECTIONS, units
from .translation.xliff import read_xliff


def cmd_export(args, parser, root: Path) -> int:
    fmt = args.format or SUFFIXES.get(Path(args.output).suffix.lower())
    if fmt is None:
        parser.error(f"{args.output}: name a .po or .xlf file, or give --format")
    if not Path(args.output).absolute().parent.is_dir():
        parser.error(f"{args.output}: no such folder")
    kb, problems = load_knowledge_base(root)
    if problems:
        print(as_text(problems))
        return 1
    view = make_view(kb, drafts=args.drafts, emails=read_editors(root).emails)
    states = tuple(state for name in args.only for state in SELECTIONS[name]) \
        if args.only else DEFAULT_SELECTION
    found = units(kb, view, args.lang, set(args.kind or ()), states,
                  os.environ.get("SSKB_BASE_URL", ""))
    if not found:
        print(f"nothing to translate into {args.lang}")
        return 0
    files = export_files(found, glossary(kb), fmt, Path(args.output), build_date())
    for path, text in files.items():
        write_whole(path, text)
        count = text.count("<unit ") if fmt == "xliff" else text.count("\nmsgctxt ")
        print(f"wrote {path}: {count} texts to translate into {args.lang}")
    return 0


def cmd_import(args, parser, root: Path) -> int:
    path = Path(args.file)
    try:
        data = path.read_bytes()
    except OSError as error:
        parser.error(f"{args.file}: {error.strerror}")
    try:
        if SUFFIXES.get(path.suffix.lower()) == "po":
            reading = read_po(data.decode("utf-8"), args.file, args.reviewed)
        else:
            reading = read_xliff(data, args.file, args.reviewed)
    except (FormatError, UnicodeDecodeError) as error:
        print(f"sskb translate import: {error}")
        return 1
    kb, problems = load_knowledge_base(root)
    if problems:
        print(as_text(problems))
        return 1
    report = import_translations(kb, reading.language, reading.incoming)
    report.left += reading.left
    report.refused += reading.refused
    for title, lines in (("changed", report.changed), ("refused", report.refused),
                         ("left out", report.left)):
        for line in lines:
            print(f"{title}: {line}")
    for line in report.outdated:
        print(f"outdated: {line}: the original changed since the file was exported; the "
              "translation is recorded as made from the earlier version")
    print(f"{len(report.changed)} translations written into {len(report.written)} files, "
          f"{len(report.unchanged)} unchanged, {len(report.refused)} refused, "
          f"{len(report.left)} left out")
    return 1 if report.refused else 0


def translate_commands(commands, command, find_root) -> None:
    """`sskb translate export|import` (`command` makes a subcommand as the `sskb` parser
    does; `find_root(parser, given)` finds the knowledge base)."""
    translate = commands.add_parser("translate", help="export the texts to translate as "
                                    "XLIFF or PO, and import the translations")
    actions = translate.add_subparsers(dest="action", required=True)
    export = command(actions, "export", _rooted(cmd_export, find_root),
                     "write the texts to translate into one language as XLIFF 2.0 or PO")
    export.add_argument("--lang", required=True, choices=UN_LANGUAGES,
                        help="the language to translate into")
    export.add_argument("--kind", action="append", choices=[kind.name for kind in KINDS],
                        help="only records of this kind (repeat for several)")
    export.add_argument("--only", action="append", choices=sorted(SELECTIONS),
                        help="missing, outdated or all texts (default: missing and outdated)")
    export.add_argument("--format", choices=("po", "xliff"),
                        help="default: from the output file's name (.po, .xlf)")
    export.add_argument("--drafts", action="store_true", help="records not yet published too")
    export.add_argument("-o", "--output", required=True, help="the file to write; with "
                        "texts in several original languages, one file per language "
                        "beside it (NAME.fr-zh.po...)")
    importer = command(actions, "import", _rooted(cmd_import, find_root),
                       "write the translations of an XLIFF or PO file into the records",
                       root=False)
    importer.add_argument("file", help="the translated .xlf or .po file")
    importer.add_argument("--root", help="knowledge base folder (default: this one)")
    importer.add_argument("--reviewed", action="store_true", help="a human translator "
                          "reviewed these translations (XLIFF: segments in the state "
                          "reviewed or final are, without it)")


def _rooted(run, find_root):
    return lambda args, parser: run(args, parser, find_root(parser, args.root))
