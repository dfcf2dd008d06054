"""The `sskb` command: thin wrappers around the pipeline."""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
from datetime import date
from pathlib import Path

from . import __version__
from .authoring.import_issue import IncompleteSubmission, import_issue
from .authoring.issue_forms import FOLDER as FORMS_FOLDER
from .authoring.issue_forms import form_files
from .authoring.new_record import ScaffoldError, new_record
from .authoring.schemas import FOLDER as SCHEMAS_FOLDER
from .authoring.schemas import schema_texts
from .build.assemble import assemble
from .build.audit import audit_site
from .build.generate import DOCS, load_view
from .build.mkdocs_process import language_env
from .build.pipeline import build, handbooks
from .build.tools import BuildError, die_with_parent
from .build.write import stale_files, write_files
from .cli_sealing import sealing_commands
from .cli_translate import translate_commands
from .kb.codes import UN_LANGUAGES
from .kb.kinds import KINDS
from .kb.load import read_mkdocs_extra
from .kb.problems import FORMATS, WARNING_FORMATS, as_json, as_text
from .kb.knowledge_base import MARKERS, find_root
from .kb.review import REVIEW_AFTER_DAYS, review_warnings
from .kb.sealing import KeyProblem
from .kb.validate import load_knowledge_base
from .site.stats import as_json as stats_json
from .site.stats import as_text as stats_text
from .site.stats import stats
from .site.translation_status import as_json as translations_json
from .site.translation_status import as_text as translations_text
from .site.translation_status import translation_status

TRANSLATION_FORMATS = {"text": translations_text, "json": translations_json}
STATS_FORMATS = {"text": stats_text, "json": stats_json}

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
    kb, problems = load_knowledge_base(root)
    warnings = []
    if args.warnings:
        days = int(read_mkdocs_extra(root).get("review_after_days", REVIEW_AFTER_DAYS))
        warnings = review_warnings(kb, date.today(), days)
    if args.format == "json":
        print(as_json(problems, warnings if args.warnings else None))
    else:
        print(FORMATS[args.format](problems))
        if warnings:
            print(WARNING_FORMATS[args.format](warnings))
    return 1 if problems else 0


def _languages(parser, given: list[str] | None) -> tuple[str, ...]:
    if not given:
        return UN_LANGUAGES
    unknown = [lang for lang in given if lang not in UN_LANGUAGES]
    if unknown:
        parser.error(f"unknown language {unknown[0]!r}: use {', '.join(UN_LANGUAGES)}")
    return tuple(dict.fromkeys(given))


def cmd_build(args, parser) -> int:
    root = _root(parser, args.root)
    try:
        report = build(root, _languages(parser, args.lang), drafts=args.drafts,
                       site=Path(args.site) if args.site else None, jobs=args.jobs,
                       pdf=not args.no_pdf)
    except BuildError as error:
        print(f"sskb build: {error}", file=sys.stderr)
        return 1
    if report.problems:
        print(as_text(report.problems))
        return 1
    if report.findings:
        return _refused("build", "the built site", report.findings)
    print(f"The site is in {args.site or root / 'site'}/ (open index.html through a web server).")
    if not os.environ.get("SSKB_BASE_URL"):
        print("SSKB_BASE_URL is not set: the pages have no canonical address and the sitemaps "
              "none, as a preview should; set it to the published address to deploy.")
    return 0


def _refused(command: str, what: str, findings) -> int:
    """The audit's findings, and that nothing was published: the exit status."""
    print(as_text(findings))
    print(f"sskb {command}: the audit of {what} failed; nothing may be published",
          file=sys.stderr)
    return 1


def cmd_assemble(args, parser) -> int:
    root = _root(parser, args.root)
    site = Path(args.site) if args.site else root / "site"
    try:
        assembly = assemble([Path(part) for part in args.parts], site, root)
    except BuildError as error:
        print(f"sskb assemble: {error}", file=sys.stderr)
        return 1
    if assembly.findings:
        return _refused("assemble", "the root pages", assembly.findings)
    copied = f", {assembly.copied:,} of them copied (no hard link)" if assembly.copied else ""
    print(f"The site is in {site}/: {', '.join(assembly.languages)}, from "
          f"{len(args.parts)} sites built apart ({assembly.files:,} files{copied}).")
    return 0


def cmd_handbook(args, parser) -> int:
    root = _root(parser, args.root)
    view = _valid_view(root, args.drafts)
    if view is None:
        return 1
    formats = set(args.format or ("html", "pdf"))
    output = Path(args.output) if args.output else root / "build" / "handbook"
    try:
        editions = handbooks(root, view, _languages(parser, args.lang), "pdf" in formats)
    except BuildError as error:
        print(f"sskb handbook: {error}", file=sys.stderr)
        return 1
    for edition in editions:
        files = {name: content for name, content in edition.files().items()
                 if ("html" if name.endswith(".html") else "pdf") in formats}
        write_files(output / edition.language, files)
        for name, content in files.items():
            print(f"wrote {output / edition.language / name} ({len(content):,} bytes)")
    return 0


def cmd_serve(args, parser) -> int:
    root = _root(parser, args.root)
    language = _languages(parser, [args.lang])[0]
    if _valid_view(root, args.drafts) is None:
        return 1
    # MkDocs checks that the pages' folder exists; its hook writes the pages, before the
    # first build and after each change (they were rendered here once more before).
    (root / DOCS / language).mkdir(parents=True, exist_ok=True)
    env = language_env(root, language, root / "site", args.drafts)
    env.pop("SSKB_GENERATED")
    command = [sys.executable, "-m", "mkdocs", "serve", "--dirty", "--config-file",
               str(root / "mkdocs.yml"), "--dev-addr", args.dev_addr]
    # mkdocs serve dies with sskb serve, however it ends (it polled the disk on alone).
    return subprocess.call(command, env=env, cwd=root, preexec_fn=die_with_parent)


def _valid_view(root: Path, drafts: bool):
    """What the site shows, or None after printing the records' problems."""
    view, problems = load_view(root, drafts)
    if problems:
        print(as_text(problems))
    return view


def cmd_audit(args, parser) -> int:
    site = Path(args.site)
    if not site.is_dir():
        parser.error(f"{args.site}: no such folder")
    root = _root(parser, args.root)
    view = _valid_view(root, args.drafts)
    if view is None:
        return 1
    findings = audit_site(site, view.personal_data)
    print(FORMATS[args.format](findings))
    return 1 if findings else 0


def cmd_new(args, parser) -> int:
    root = _root(parser, args.root)
    try:
        path = new_record(root, args.kind, args.id, args.lang)
    except ScaffoldError as error:
        print(f"sskb new: {error}", file=sys.stderr)
        return 1
    print(f"wrote {path.relative_to(root)}: fill it in, then run `sskb validate`, which lists "
          "what is still missing")
    return 0


def cmd_import_issue(args, parser) -> int:
    root = _root(parser, args.root)
    try:
        body = Path(args.file).read_text(encoding="utf-8")
    except OSError as error:
        parser.error(f"{args.file}: {error.strerror}")
    try:
        consent_date = date.fromisoformat(args.date) if args.date else None
    except ValueError:
        parser.error(f"--date {args.date}: write the date as YYYY-MM-DD")
    try:
        path = import_issue(root, body, args.id, consent_date)
    except IncompleteSubmission as error:
        for item in error.missing:
            print(f"{args.file}: missing: {item}")
        for item in error.refused:
            print(f"{args.file}: refused: {item}")
        if error.problems:
            print(as_text(error.problems))
        print("sskb import-issue: nothing written; ask the contributor for what is missing",
              file=sys.stderr)
        return 1
    print(f"wrote {path.relative_to(root)} (status: draft); review it, then open a pull "
          "request")
    return 0


def _generated(root: Path, folder: str, files: dict[str, str], check: bool,
               command: str) -> int:
    """Write files generated from the package, or with `check` only report stale ones."""
    if check:
        stale = stale_files(root / folder, files)
        for name in stale:
            print(f"{folder}/{name} is out of date: run `{command}`")
        return 1 if stale else 0
    for name in write_files(root / folder, files):
        print(f"wrote {folder}/{name}")
    return 0


def cmd_forms(args, parser) -> int:
    root = _root(parser, args.root)
    return _generated(root, str(FORMS_FOLDER), form_files(root), args.check, "sskb forms")


def cmd_schema(args, parser) -> int:
    root = _root(parser, args.root)
    return _generated(root, SCHEMAS_FOLDER, schema_texts(), args.check, "sskb schema")


def _view_report(compute, formats):
    """A command that prints what `compute(view)` finds, in the format asked."""
    def run(args, parser) -> int:
        view = _valid_view(_root(parser, args.root), args.drafts)
        if view is None:
            return 1
        print(formats[args.format](compute(view)))
        return 0
    return run


def _report_command(commands, name: str, compute, formats: dict, help: str) -> None:
    report = _command(commands, name, _view_report(compute, formats), help)
    report.add_argument("--format", choices=sorted(formats), default="text")
    report.add_argument("--drafts", action="store_true", help="count drafts too")


ROOT_HELP = "knowledge base folder (default: this one)"


def _command(commands, name: str, run, help: str, root: bool = True):
    """A subcommand; most take the knowledge base's folder as an optional argument."""
    parser = commands.add_parser(name, help=help)
    if root:
        parser.add_argument("root", nargs="?", help=ROOT_HELP)
    parser.set_defaults(run=run, parser=parser)
    return parser


def make_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="sskb", description="South-South CT/PVE knowledge base: validate and build.")
    parser.add_argument("--version", action="version", version=f"sskb {__version__}")
    commands = parser.add_subparsers(dest="command", required=True)
    _record_commands(commands)
    _site_commands(commands)
    return parser


def _record_commands(commands) -> None:
    """The commands of contributors and editors, about the records."""
    validate = _command(commands, "validate", cmd_validate,
                        "check every record file and report every problem")
    validate.add_argument("--format", choices=sorted(FORMATS), default="text",
                          help="text for people, json for programs, github for annotations")
    validate.add_argument("--warnings", action="store_true",
                          help="also list practices due for review (they do not fail)")

    new = _command(commands, "new", cmd_new,
                   "write a new record file with every field, commented", root=False)
    new.add_argument("kind", choices=[kind.name for kind in KINDS])
    new.add_argument("id", help="the record's id, e.g. regional-imam-training")
    new.add_argument("--lang", default="en", choices=UN_LANGUAGES,
                     help="the language you write in (the comments use it too)")
    new.add_argument("--root", help=ROOT_HELP)

    importer = _command(commands, "import-issue", cmd_import_issue, "turn the body of a "
                        "submitted issue form into a draft record", root=False)
    importer.add_argument("file", help="a file holding the issue's body (Markdown)")
    importer.add_argument("--id", help="the record's id (default: from its title or name)")
    importer.add_argument("--date", help="when consent was given, YYYY-MM-DD (expert "
                          "forms; default: today)")
    importer.add_argument("--root", help=ROOT_HELP)

    forms = _command(commands, "forms", cmd_forms,
                     "write the GitHub issue forms from their description in the package")
    forms.add_argument("--check", action="store_true", help="only check they are up to date")

    schema = _command(commands, "schema", cmd_schema,
                      "write the JSON Schemas of the records into schemas/")
    schema.add_argument("--check", action="store_true",
                        help="only check that schemas/ matches the models (exit 1 if not)")

    sealing_commands(commands, _command)

    _report_command(commands, "translations", translation_status, TRANSLATION_FORMATS,
                    "how many records exist in each language, and which lack one")
    translate_commands(commands, _command, _root)
    _report_command(commands, "stats", stats, STATS_FORMATS, "how many records the knowledge "
                    "base holds, per pillar and region, theme and original language, and its "
                    "gaps")


def _site_commands(commands) -> None:
    """The commands that build, check and preview the site."""
    build_cmd = _command(commands, "build", cmd_build, "validate, generate and build the "
                         "site in every language, with search")
    build_cmd.add_argument("--lang", action="append", metavar="LANG",
                           help="build only this language (repeatable)")
    build_cmd.add_argument("--drafts", action="store_true",
                           help="include draft and in-review records (previews)")
    build_cmd.add_argument("--site", help="output folder (default: ROOT/site)")
    build_cmd.add_argument("--jobs", type=int, help="languages built at once (default: cores)")
    build_cmd.add_argument("--no-pdf", action="store_true", help="make the handbook's web "
                           "edition only (no Chromium needed)")

    assembler = _command(commands, "assemble", cmd_assemble, "put sites built apart, a "
                         "language or more each (sskb build --lang LANG --site PART), "
                         "together into one site", root=False)
    assembler.add_argument("parts", nargs="+", metavar="PART_DIR",
                           help="a folder that `sskb build --site` wrote")
    assembler.add_argument("--site", help="output folder (default: ROOT/site)")
    assembler.add_argument("--root", help=ROOT_HELP)

    handbook = _command(commands, "handbook", cmd_handbook, "make the handbook of South-South "
                        "initiatives: a web page and a PDF per language")
    handbook.add_argument("--lang", action="append", metavar="LANG",
                          help="this language only (repeatable)")
    handbook.add_argument("--format", action="append", choices=("html", "pdf"),
                          help="html (the web edition) or pdf (repeatable; default: both)")
    handbook.add_argument("--drafts", action="store_true", help="include drafts, marked")
    handbook.add_argument("--output", help="folder (default: ROOT/build/handbook)")

    audit = _command(commands, "audit", cmd_audit, "check a built site for code that could "
                     "run and unconsented personal data", root=False)
    audit.add_argument("site", help="the built site's folder, e.g. site/")
    audit.add_argument("--root", help=ROOT_HELP)
    audit.add_argument("--drafts", action="store_true", help="the site was built with --drafts")
    audit.add_argument("--format", choices=sorted(FORMATS), default="text")

    serve = _command(commands, "serve", cmd_serve,
                     "preview one language, rebuilt as records change")
    serve.add_argument("--lang", default="en", help="language to preview (default: en)")
    serve.add_argument("--drafts", action="store_true", help="include drafts")
    serve.add_argument("--dev-addr", default="127.0.0.1:8000", help="address to serve on")


def main(argv: list[str] | None = None) -> int:
    parser = make_parser()
    args = parser.parse_args(argv)
    try:
        return args.run(args, args.parser)
    except KeyProblem as error:  # an identity that cannot be read or used
        print(f"sskb {args.command}: {error}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
