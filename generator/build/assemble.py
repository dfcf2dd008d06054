"""`sskb assemble`: one site from sites built apart (`sskb build --lang LANG --site PART`,
each of one language or more), as the deploy workflow's matrix builds them.

A language's build depends on no other language of its run: each page's language
chooser names the six languages whatever was built (mkdocs.yml), and the sitemaps, the
search index, the handbook, the offline edition, the open data and the translation status
are each language's own. So each language's folder is taken as it was built, and only the
site's root pages, which list the languages built, are written, as `sskb build` writes
them: the assembled site is the one a single `sskb build` of those languages makes.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from ..kb.codes import UN_LANGUAGES
from ..kb.people import PersonalData
from ..kb.problems import Problem
from ..site.i18n import native_names
from ..site.root_page import root_pages
from .audit import audit_site
from .pipeline import write_root_pages
from .publish import MARK, Staging
from .tools import BuildError
from .write import link_files


@dataclass(frozen=True)
class Part:
    """A site built apart: its folder and the languages it holds."""

    folder: Path
    languages: tuple[str, ...]


@dataclass
class Assembly:
    """What `sskb assemble` made: the languages, how many files it linked or copied, and
    the audit's findings in the root pages (nothing was published when there are any)."""

    languages: list[str] = field(default_factory=list)
    files: int = 0
    copied: int = 0
    findings: list[Problem] = field(default_factory=list)


def read_part(folder: Path) -> Part:
    """The languages of a site `sskb build` wrote into `folder`; BuildError if it is no
    such site, or holds what `sskb build` does not write (it would be lost)."""
    if not folder.is_dir():
        raise BuildError(f"{folder}: no such folder")
    if not (folder / MARK).is_file():
        raise BuildError(f"{folder} is not a site sskb built (it holds no {MARK}): give the "
                         "folder that `sskb build --site` wrote")
    root_files = {MARK, *root_pages(UN_LANGUAGES, native_names())}
    try:
        entries = sorted(folder.iterdir())
    except OSError as error:
        raise BuildError(f"cannot read {folder}: {error.strerror}") from None
    languages = []
    for entry in entries:
        if entry.name in UN_LANGUAGES and entry.is_dir() and not entry.is_symlink():
            languages.append(entry.name)
        elif entry.name not in root_files or not entry.is_file() or entry.is_symlink():
            raise BuildError(f"{entry} is not a part of a site sskb builds (a language's "
                             "folder, or a root page, which sskb assemble writes anew)")
    if not languages:
        raise BuildError(f"{folder} holds no language's site")
    return Part(folder, tuple(languages))


def check_parts(parts: list[Part]) -> list[str]:
    """The languages of all the parts; BuildError if there are none, or a language is in
    two parts (which one to publish would be a guess)."""
    if not parts:
        raise BuildError("no site to assemble: give the folders that `sskb build --lang LANG "
                         "--site FOLDER` wrote")
    found: dict[str, Path] = {}
    for part in parts:
        for language in part.languages:
            if language in found:
                raise BuildError(f"the language {language} is in two parts, {found[language]} "
                                 f"and {part.folder}: build each language once")
            found[language] = part.folder
    return [language for language in UN_LANGUAGES if language in found]


def site_files(folder: Path) -> list[str]:
    """Every file under `folder` (relative paths, sorted); BuildError at a symbolic link
    or any other entry that is neither a file nor a folder: `sskb build` writes none, and
    a link could publish what it leads to."""
    files = []
    for here, folders, names in os.walk(folder, onerror=_stop):
        for name in sorted(folders + names):
            path = Path(here) / name
            if path.is_symlink() or not (path.is_dir() or path.is_file()):
                raise BuildError(f"{path} is not a file or a folder (a symbolic link, a "
                                 "pipe...): a site sskb builds holds none")
            if name in names:
                files.append(path.relative_to(folder).as_posix())
    return sorted(files)


def _stop(error: OSError) -> None:
    raise error  # os.walk would skip a folder it cannot read, and its files be left out


def assemble(folders: list[Path], site: Path, root: Path) -> Assembly:
    """Put the language folders of the sites in `folders` together into `site` (beside the
    knowledge base `root`, which it may not overwrite), with the root pages for all their
    languages. The site is replaced only when every file is in place and the root pages'
    audit found nothing: a failed assembly leaves the previous site."""
    parts = [read_part(folder) for folder in folders]
    assembly = Assembly(check_parts(parts))
    with Staging(site.resolve(), root) as staging:
        try:
            for part in parts:
                for language in part.languages:
                    names = site_files(part.folder / language)
                    assembly.copied += link_files(part.folder / language,
                                                  staging.folder / language, names)
                    assembly.files += len(names)
            write_root_pages(staging.folder, assembly.languages)
        except OSError as error:
            raise BuildError(f"cannot put {error.filename or 'a file'} into the site: "
                             f"{error.strerror}") from None
        # Each part's build audited its pages and files with the people of its records.
        # The root pages are made from the package's catalogues alone and name nobody: the
        # audit checks that they hold nothing that runs code or is fetched from elsewhere,
        # and no email or phone (with no one's consent known, any one is a finding).
        assembly.findings = audit_site(staging.folder, PersonalData(), pattern="*.html")
        if not assembly.findings:
            staging.publish()
    return assembly
