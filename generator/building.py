"""`sskb build`: validate, generate, build each language with MkDocs, index with Pagefind.

Each language is one MkDocs build of the same mkdocs.yml in its own process, run side by
side; Pagefind then indexes each language's site on its own, so a search in one language
never returns another's pages.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Callable

from .audit import audit_site, published_contacts
from .codes import UN_LANGUAGES
from .generate import DOCS, generate, load_view
from .i18n import native_names
from .problems import Problem
from .root_page import write_root_pages
from .site_config import build_date, read_extra, settings

SITE = Path("site")


class BuildError(Exception):
    """A step of the build failed; the message holds what the tool printed."""


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


def _run(command: list[str], env: dict, cwd: Path) -> None:
    result = subprocess.run(command, env=env, cwd=cwd, capture_output=True, text=True)
    if result.returncode != 0:
        name = " ".join([Path(command[0]).name, *command[1:3]])
        raise BuildError(f"{name} failed:\n{result.stdout}{result.stderr}")


def mkdocs_build(root: Path, language: str, site: Path, drafts: bool,
                 epoch: str | None = None) -> None:
    # Not --quiet: it silences the warnings that --strict counts, and the build passes.
    _run([sys.executable, "-m", "mkdocs", "build", "--strict",
          "--config-file", str(root / "mkdocs.yml")],
         language_env(root, language, site, drafts, epoch), root)


# Only these pages carry data-pagefind-body (overrides/main.html): Pagefind need not read
# the listing pages at all, nor, in the others, the theme's header, nav and footer around
# the <article> (a third less work, measured).
INDEXED = "{practices,experts,centres,organizations,about,contribute}/**/*.html"


# Pagefind's extended binary segments Chinese (and Japanese) words; for the other languages
# the standard binary indexes the same pages about a third faster (measured here: 0.74 s
# against 1.13 s for 1,000 practice pages).
SEGMENTED = frozenset({"zh"})


def pagefind_index(site: Path, language: str) -> None:
    # The binary itself, not `python -m pagefind_bin`, which starts Python to start it.
    if language in SEGMENTED:
        from pagefind_bin_extended import get_executable
    else:
        from pagefind_bin import get_executable
    _run([str(get_executable()), "--site", str(site / language),
          "--glob", INDEXED, "--root-selector", "article", "--exclude-selectors",
          ".headerlink", "--silent"],
         dict(os.environ), site)


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
    shutil.rmtree(old, ignore_errors=True)
    if site.exists():
        site.rename(old)
    new.rename(site)
    shutil.rmtree(old, ignore_errors=True)


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
    view = load_view(root, drafts)
    generated = generate(root, lambda lang: settings(extra, lang, today), languages,
                         drafts=drafts, view=view, jobs=jobs)
    pages = sum(g.pages for g in generated)
    written = sum(g.report.written for g in generated)
    step(f"validated and generated {pages} pages in {len(languages)} languages "
         f"({written} written)", started)

    contacts = published_contacts(view)

    def one_language(language: str) -> list[Problem]:
        begun = time.perf_counter()
        mkdocs_build(root, language, site, drafts, epoch)
        step(f"MkDocs built {language}", begun)
        begun = time.perf_counter()
        # The audit runs in another process, beside Pagefind and the other languages' MkDocs
        # builds (Pagefind writes no HTML, so the audit reads only what MkDocs wrote).
        audit = auditors.submit(audit_site, site / language, *contacts)
        pagefind_index(site, language)
        findings = audit.result()
        step(f"Pagefind indexed and audited {language}", begun)
        return [replace(f, path=f"{language}/{f.path}") for f in findings]

    with ProcessPoolExecutor(max_workers=jobs) as auditors, \
            ThreadPoolExecutor(max_workers=jobs) as pool:
        findings = [f for found in pool.map(one_language, languages) for f in found]
    started = time.perf_counter()
    write_root_pages(site, languages, native_names())
    findings += audit_site(site, *contacts, pattern="*.html")
    if findings:
        raise AuditFailed(sorted(findings))
    step("wrote the language chooser; the audit found nothing that runs code or exposes "
         "a person", started)
    return timings


class AuditFailed(Exception):
    """The built site holds something that could run code or expose a person."""

    def __init__(self, findings):
        super().__init__(f"{len(findings)} finding(s) in the built site")
        self.findings = findings
