"""One language of `sskb build`: its handbook printed first (the pages link the PDF with
its size), then its MkDocs build, fed its pages as they are written, each page audited
while MkDocs builds the next, and its search index written as it comes."""

from __future__ import annotations

import threading
import time
from concurrent.futures import Executor
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path
from typing import Callable

from ..kb.people import PersonalData
from ..kb.problems import Problem
from ..site.embeds import FOLDER as EMBEDS
from ..site.embeds import embed_files
from ..site.exports import export_files
from ..site.feeds import FOLDER as FEEDS
from ..site.feeds import feed_files
from ..site.insight import chart_files
from ..site.render import LanguageRenderer
from ..site.settings import epoch_seconds, settings
from ..site.view import View
from .audit import audit_files, audit_site
from .generate import DOCS, Generator, load_view
from .handbook import FOLDER, Handbooks, Spilled, size_text, write_edition
from .mkdocs_process import MkDocsBuild
from .offline import HOME, write_offline, zip_name
from .search_index import Indexer
from .write import write_files

# Pages per audit task: small enough that the audit keeps up with MkDocs, large enough
# that sending the task costs little beside auditing its pages (about 1 ms each).
AUDIT_BATCH = 50


@dataclass(frozen=True)
class Timing:
    step: str
    seconds: float


@dataclass
class Progress:
    """Says one numbered line per step as it ends, and keeps each step's time."""

    say: Callable[[str], None]
    steps: int
    timings: list[Timing] = field(default_factory=list)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def step(self, name: str, started: float) -> None:
        with self._lock:
            self.timings.append(Timing(name, time.perf_counter() - started))
            self.say(f"[{len(self.timings)}/{self.steps}] {name} "
                     f"({self.timings[-1].seconds:.1f} s)")


class Validation:
    """The records' validation, which each language's build waits for once its MkDocs
    has started: the view, or None when the records have problems; and what the audit
    must not find about people (`view.personal_data`)."""

    def __init__(self):
        self._done = threading.Event()
        self._view: View | None = None
        self.people = PersonalData()

    def run(self, root: Path, drafts: bool) -> tuple[View | None, list[Problem]]:
        try:
            self._view, problems = load_view(root, drafts)
            if self._view is not None:
                self.people = self._view.personal_data
        finally:  # whatever happens, no language waits for ever
            self._done.set()
        return self._view, problems

    def wait(self) -> View | None:
        self._done.wait()
        return self._view


@dataclass(frozen=True)
class Job:
    """What the languages of one build share."""

    root: Path
    site: Path
    drafts: bool
    epoch: str | None
    today: date  # the build's, from `epoch`
    extra: dict  # mkdocs.yml's extra.sskb
    auditors: Executor
    progress: Progress
    generator: Generator
    handbooks: Handbooks
    search_parts: int = 1  # each language's search index, in parts (search_index.PART)

    def settings(self, language: str):
        """The pages' settings in `language`."""
        return settings(self.extra, language, self.today)

    @property
    def epoch_seconds(self) -> int:
        """The build's time, for the PDFs' dates: the last commit's, or the build day's."""
        return epoch_seconds(self.epoch, self.today)


def build_language(job: Job, language: str, validation: Validation) -> list[Problem] | None:
    """Build one language into job.site; return the audit's findings, or None when the
    records had problems (MkDocs is then stopped)."""
    begun = time.perf_counter()
    site = job.site / language
    with Indexer(job.site, language, job.search_parts) as search, \
            MkDocsBuild(job.root, language, job.site, job.drafts, job.epoch,
                        search.environment(), search.inputs) as mkdocs:
        view = validation.wait()
        if view is None:
            mkdocs.stop()
            return None
        people = validation.people
        edition = job.handbooks.edition(language)
        begun = time.perf_counter()
        page_settings = job.settings(language)
        generated = job.generator.write_language(
            view, language, replace(page_settings, handbook=edition.link,
                                    offline=zip_name(language),
                                    search_parts=job.search_parts),
            job.root / DOCS / language, mkdocs.pages)
        audited, audits = set(), []
        if isinstance(edition, Spilled):
            # The web handbook, the longest page, is audited where it waits, while the
            # pages are built (it was audited last, alone: ten seconds at 10,000 practices).
            audited.add(f"{FOLDER}/index.html")
            audits.append(job.auditors.submit(audit_files, edition.site,
                                              [f"{FOLDER}/index.html"], people))
        for batch in mkdocs.written_pages(AUDIT_BATCH):
            audited.update(batch)
            audits.append(job.auditors.submit(audit_files, site, batch, people))
        mkdocs.finish()
        # MkDocs empties the folder it builds into, first: these come after it.
        write_edition(site, edition)
        write_files(site / "data", export_files(view, language, page_settings))
        write_files(site / FEEDS, feed_files(view, language, page_settings))
        write_files(site / EMBEDS, embed_files(view, language, page_settings))
        write_files(site / "insight", chart_files(LanguageRenderer(view, language,
                                                                   page_settings)))
        # The pages were audited while MkDocs built the next ones, and indexed while it
        # converted them; the theme's own pages are left to audit, while the offline
        # edition is made, and the home page once it names the edition's size.
        audited.add(HOME)
        audits.append(job.auditors.submit(audit_site, site, people, pattern="**/*.html",
                                          skip=frozenset(audited)))
        # Last: the offline edition holds all the above; it is made while Pagefind ends
        # (at 10,000 practices, Pagefind indexed for 15 s after MkDocs had built).
        write_offline(site, language, job.epoch_seconds, lambda size: size_text(size, language))
        audits.append(job.auditors.submit(audit_site, site, people, pattern=HOME))
        job.progress.step(f"generated {generated.pages} pages ({generated.report.written} "
                          f"written) and MkDocs built {language}", begun)
        begun = time.perf_counter()
        # Once the index is written, the files that are not pages (its fragments, the
        # sitemaps).
        search.publish()
        audits.append(job.auditors.submit(audit_site, site, people, pages=False))
    findings = [finding for done in audits for finding in done.result()]
    job.progress.step(f"Pagefind indexed and audited {language}", begun)
    return [replace(finding, path=f"{language}/{finding.path}") for finding in findings]
