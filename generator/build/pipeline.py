"""`sskb build`: validate, render and write, MkDocs per language, search index, audit,
publish.

Each language is one MkDocs build of the same mkdocs.yml in its own process, run side by
side (`language`); Pagefind indexes each language on its own, so a search in one language
never returns another's pages.
"""

from __future__ import annotations

import os
import subprocess
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from ..kb.codes import UN_LANGUAGES
from ..kb.kinds import KINDS
from ..kb.load import read_mkdocs_extra
from ..kb.problems import Problem
from ..kb.record_files import record_files
from ..site.i18n import native_names
from ..site.root_page import root_pages
from ..site.settings import build_date, epoch_seconds, settings
from ..site.view import View
from .audit import audit_site
from .generate import Generator
from .handbook import Edition, Handbooks, Spilled
from .language import Job, Progress, Timing, Validation, build_language
from .publish import Staging
from .search_index import SECTIONS, parts_for
from .tools import in_background, return_freed_memory
from .write import write_files

SITE = Path("site")


@dataclass
class BuildReport:
    """What `sskb build` found: the records' problems (nothing was built), or the audit's
    findings (nothing was published); and each step's time."""

    problems: list[Problem] = field(default_factory=list)
    findings: list[Problem] = field(default_factory=list)
    timings: list[Timing] = field(default_factory=list)


def build(root: Path, languages=UN_LANGUAGES, drafts: bool = False, site: Path | None = None,
          jobs: int | None = None, say: Callable[[str], None] = print,
          pdf: bool = True) -> BuildReport:
    """Build the whole site into `site` (default ROOT/site); `say` receives one line per
    step as it ends. The site is replaced only when every step and the audit succeeded."""
    started = time.perf_counter()
    return_freed_memory()  # before the audit's workers are forked: theirs too
    progress = Progress(say, 2 + 3 * len(languages))
    validation = Validation()
    jobs = jobs or os.cpu_count() or 1
    with Staging((site or root / SITE).resolve(), root) as staging, \
            ProcessPoolExecutor(jobs, initializer=in_background) as auditors, \
            ThreadPoolExecutor(jobs) as languages_pool, \
            tempfile.TemporaryDirectory(prefix="sskb-handbooks-") as waiting, \
            Handbooks(languages, pdf, lambda edition, seconds: progress.step(
                _printed(edition), time.perf_counter() - seconds), Path(waiting)) as handbooks:
        # The audit's workers start at the first task, from this thread: a worker dies with
        # the thread that started it (die_with_parent), and the languages' threads end
        # before the workers do.
        auditors.submit(int).result()
        epoch = source_date_epoch(root)
        job = Job(root, staging.folder, drafts, epoch, build_date(epoch),
                  read_mkdocs_extra(root), auditors, progress, Generator(), handbooks,
                  parts_for(indexed_records(root)))
        # Each language's MkDocs build starts at once, and waits for the validation.
        built = [languages_pool.submit(build_language, job, language, validation)
                 for language in languages]
        view, problems = validation.run(root, drafts)
        if problems:
            for language in built:
                language.cancel()  # those whose MkDocs has not started yet
            return BuildReport(problems=problems)
        progress.step(_validated(view), started)
        handbooks.start(view, job.settings, job.today, job.epoch_seconds)
        findings = [finding for language in built for finding in language.result()]
        started = time.perf_counter()
        write_root_pages(staging.folder, languages)
        findings += audit_site(staging.folder, validation.people, pattern="*.html")
        if findings:
            return BuildReport(findings=sorted(findings))
        staging.publish()
        progress.step("wrote the language chooser; the audit found nothing that runs code "
                      "or exposes a person", started)
    return BuildReport(timings=progress.timings)


def indexed_records(root: Path) -> int:
    """The record files of the kinds whose pages are searched: each language's search
    index holds about as many pages, known before the records are read (MkDocs, which
    feeds the index, starts meanwhile)."""
    return sum(len(record_files(root, kind)[0]) for kind in KINDS if kind.plural in SECTIONS)


def write_root_pages(site: Path, languages) -> list[str]:
    """Write the site's root pages (the language chooser, its script, the root 404 page)
    for the languages built, listed in the UN order whatever order they were built in:
    `sskb assemble` writes them so for sites built apart, as this build does at once."""
    built = [language for language in UN_LANGUAGES if language in languages]
    return write_files(site, root_pages(built, native_names()))


def handbooks(root: Path, view: View, languages=UN_LANGUAGES, pdf: bool = True
              ) -> list[Edition]:
    """`sskb handbook`: each language's handbook alone, dated as `sskb build` dates it."""
    epoch = source_date_epoch(root)
    today, extra = build_date(epoch), read_mkdocs_extra(root)
    with Handbooks(languages, pdf, lambda edition, seconds: None) as editions:
        editions.start(view, lambda language: settings(extra, language, today), today,
                       epoch_seconds(epoch, today))
        return [editions.edition(language) for language in languages]


def _printed(edition: Spilled) -> str:
    if edition.link is None:
        return f"wrote the {edition.language} handbook (web page)"
    return (f"printed the {edition.language} handbook (PDF, {edition.link.size}, "
            f"{edition.pdf_size:,} bytes)")


def _validated(view: View) -> str:
    return (f"validated the knowledge base (published: practices {len(view.practices)}, "
            f"experts {len(view.experts)}, centres {len(view.centres)}, organisations "
            f"{len(view.organizations)})")


def source_date_epoch(root: Path) -> str | None:
    """SOURCE_DATE_EPOCH when set, else the time of the last commit: two builds of one
    commit are then byte-identical (MkDocs dates the sitemap with it)."""
    if os.environ.get("SOURCE_DATE_EPOCH"):
        return os.environ["SOURCE_DATE_EPOCH"]
    try:
        result = subprocess.run(["git", "log", "-1", "--format=%ct"], cwd=root,
                                capture_output=True, text=True, timeout=30)
    except (OSError, subprocess.SubprocessError):
        return None
    epoch = result.stdout.strip()
    return epoch if result.returncode == 0 and epoch.isdigit() else None
