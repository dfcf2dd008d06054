"""`sskb build`: validate, generate, build each language with MkDocs, index with Pagefind.

Each language is one MkDocs build of the same mkdocs.yml in its own process, run side by
side; Pagefind indexes each language on its own, so a search in one language never returns
another's pages. Pagefind indexes each page as MkDocs converts it, and each page MkDocs
writes is audited while it builds the next.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import time
from concurrent.futures import Future, ProcessPoolExecutor, ThreadPoolExecutor
from contextlib import suppress
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Callable

from . import page_pipe
from .audit import audit_files, audit_site, published_contacts
from .tools import BACKGROUND, BuildError, run
from ..kb.codes import UN_LANGUAGES
from .generate import DOCS, load_view
from ..site.i18n import native_names
from ..kb.problems import Problem
from ..site.root_page import write_root_pages
from .search_index import Indexer
from ..site.settings import build_date, read_extra, settings

SITE = Path("site")


@dataclass(frozen=True)
class Timing:
    step: str
    seconds: float


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


def language_env(root: Path, language: str, site: Path, drafts: bool,
                 epoch: str | None = None) -> dict:
    """The environment of one language's MkDocs process (mkdocs.yml reads it with !ENV)."""
    base = os.environ.get("SSKB_BASE_URL", "http://127.0.0.1:8000/")
    return {**os.environ, **({"SOURCE_DATE_EPOCH": epoch} if epoch else {}),
            "SSKB_LANG": language, "SSKB_GENERATED": "1",
            "SSKB_DOCS_DIR": str(root / DOCS / language),
            "SSKB_SITE_DIR": str(site / language), "SSKB_SITE_URL": f"{base}{language}/",
            "SSKB_DRAFTS": "1" if drafts else "0"}


def _mkdocs_command(root: Path) -> list[str]:
    # Not --quiet: it silences the warnings that --strict counts, and the build passes.
    return [sys.executable, "-m", "mkdocs", "build", "--strict", "--config-file",
            str(root / "mkdocs.yml")]


def mkdocs_build(root: Path, language: str, site: Path, drafts: bool,
                 epoch: str | None = None) -> None:
    """One language's MkDocs build of the pages already written."""
    run(_mkdocs_command(root), language_env(root, language, site, drafts, epoch), root)


def build(root: Path, languages=UN_LANGUAGES, drafts: bool = False, site: Path | None = None,
          jobs: int | None = None, say: Callable[[str], None] = print) -> list[Timing]:
    """Build the whole site; `say` receives one line per step as it finishes.

    The site is built in a folder beside `site` and takes its place only when every step,
    the audit included, has succeeded: a failed or interrupted build leaves the previous
    site as it was, never a mixture of two builds.
    """
    site = (site or root / SITE).resolve()
    staging = site.with_name(f".{site.name}.building")
    shutil.rmtree(staging, ignore_errors=True)
    try:
        timings = _build_into(staging, root, languages, drafts, jobs or os.cpu_count() or 1,
                              say)
        _replace(site, staging)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return timings


def _replace(site: Path, new: Path) -> None:
    old = site.with_name(f".{site.name}.old")
    shutil.rmtree(old, ignore_errors=True)  # if the last build's removal has not finished
    if site.exists():
        site.rename(old)
    new.rename(site)
    if old.exists():
        _remove_later(old)


# Forks, and leaves the removal to its child: it returns at once, and the child, which
# nobody waits for, is then no zombie of the build's process.
_REMOVE = """import os, shutil, sys
if os.fork() == 0:
    shutil.rmtree(sys.argv[1], ignore_errors=True)"""


def _remove_later(folder: Path) -> None:
    """Remove `folder` in a process that may outlive this one: the new site is in place,
    and nobody need wait for the old one's files to go (at 5,000 practices, 15,000 files
    and 0.5 to 1.3 s, measured)."""
    subprocess.run([sys.executable, "-I", "-c", _REMOVE, str(folder)], check=False,
                   start_new_session=True, stdin=subprocess.DEVNULL,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def _build_into(site: Path, root: Path, languages, drafts: bool, jobs: int,
                say: Callable[[str], None]) -> list[Timing]:
    timings = []
    steps = 2 + 2 * len(languages)

    def step(name: str, started: float) -> None:
        timings.append(Timing(name, time.perf_counter() - started))
        say(f"[{len(timings)}/{steps}] {name} ({timings[-1].seconds:.1f} s)")

    started = time.perf_counter()
    extra = read_extra(root)
    epoch = source_date_epoch(root)
    today = build_date(epoch)
    validated: Future = Future()

    def one_language(language: str) -> list[Problem]:
        begun = time.perf_counter()
        audited, audits = set(), []

        def audit(pages: list[str]) -> None:
            audited.update(pages)
            audits.append(auditors.submit(audit_files, site / language, pages, *contacts))

        with Indexer(site, language) as search:
            pages, written = _generate_and_build(root, language, site, drafts, epoch,
                                                 validated, settings(extra, language, today),
                                                 audit, search)
            step(f"generated {pages} pages ({written} written) and MkDocs built {language}",
                 begun)
            begun = time.perf_counter()
            # The pages were audited while MkDocs built the next ones, and indexed while
            # it converted them; only the theme's own pages are left to audit.
            audits.append(auditors.submit(audit_site, site / language, *contacts,
                                          skip=frozenset(audited)))
            search.publish()
        findings = [f for done in audits for f in done.result()]
        step(f"Pagefind indexed and audited {language}", begun)
        return [replace(f, path=f"{language}/{f.path}") for f in findings]

    with ProcessPoolExecutor(max_workers=jobs, initializer=os.nice,
                             initargs=(BACKGROUND,)) as auditors, \
            ThreadPoolExecutor(max_workers=jobs) as pool:
        # The first languages' MkDocs builds start while the records are validated.
        built = [pool.submit(one_language, language) for language in languages]
        try:
            view = load_view(root, drafts)
            contacts = published_contacts(view)
        except BaseException as error:
            for language in built:
                language.cancel()  # those not started yet
            validated.set_exception(error)  # those started stop their MkDocs build
            raise
        validated.set_result(view)
        step(f"validated the knowledge base (published: practices {len(view.practices)}, "
             f"experts {len(view.experts)}, centres {len(view.centres)}, organisations "
             f"{len(view.organizations)})", started)
        findings = [f for language in built for f in language.result()]
    started = time.perf_counter()
    write_root_pages(site, languages, native_names())
    findings += audit_site(site, *contacts, pattern="*.html")
    if findings:
        raise AuditFailed(sorted(findings))
    step("wrote the language chooser; the audit found nothing that runs code or exposes "
         "a person", started)
    return timings


# Pages per audit task: small enough that the audit keeps up with MkDocs, large enough
# that sending the task costs little beside auditing its pages (about 1 ms each).
AUDIT_BATCH = 50


def _generate_and_build(root: Path, language: str, site: Path, drafts: bool,
                        epoch: str | None, validated: Future, language_settings,
                        audit: Callable[[list[str]], object], search: Indexer) -> tuple:
    """One language's MkDocs build, started at once, fed its pages as they are written
    (see `streaming`); each batch of HTML pages MkDocs has written goes to `audit` while it
    builds the next, and MkDocs feeds `search` each page's content. Returns the pages
    generated and how many files were written."""
    told, telling = os.pipe()
    env = {**language_env(root, language, site, drafts, epoch), page_pipe.ENV: "1",
           page_pipe.WRITTEN: str(telling), **search.environment()}
    (root / DOCS / language).mkdir(parents=True, exist_ok=True)  # MkDocs checks it exists
    with tempfile.TemporaryFile() as output, os.fdopen(told, "rb", buffering=0) as written:
        # The output goes to a file: a full pipe would stop MkDocs, and with it the
        # renderer that writes to MkDocs' input.
        try:
            mkdocs = subprocess.Popen(_mkdocs_command(root), env=env, cwd=root,
                                      stdin=subprocess.PIPE, stdout=output,
                                      stderr=subprocess.STDOUT,
                                      pass_fds=(telling, search.input))
        finally:
            os.close(telling)
        failure = None
        try:
            pages, written_count = page_pipe.stream_language(
                validated.result(), language, language_settings, root / DOCS / language,
                mkdocs.stdin)
            mkdocs.stdin.close()  # every page is announced
            for batch in page_pipe.written_pages(written, AUDIT_BATCH,
                                                 lambda: mkdocs.poll() is None):
                audit(batch)
        except (BrokenPipeError, page_pipe.RenderingFailed) as error:
            failure = str(error) or "MkDocs stopped reading its pages"
        except BaseException:
            mkdocs.kill()
            mkdocs.wait()
            raise
        if failure and mkdocs.poll() is None:
            mkdocs.kill()
        with suppress(BrokenPipeError):
            mkdocs.stdin.close()
        if mkdocs.wait() != 0 or failure:
            output.seek(0)
            raise BuildError(f"{failure or 'mkdocs build failed'}:\n"
                             f"{output.read().decode('utf-8', 'replace')}")
    return pages, written_count


class AuditFailed(Exception):
    """The built site holds something that could run code or expose a person."""

    def __init__(self, findings):
        super().__init__(f"{len(findings)} finding(s) in the built site")
        self.findings = findings
