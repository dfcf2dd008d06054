"""What sskb does inside MkDocs' process; `hooks/sskb_hooks.py` hands each event here.

Under `sskb build` the pages are announced on standard input as they are written, each is
read once written, each HTML page MkDocs writes is told back (`page_pipe`), and each page's
content goes to Pagefind once converted (`search_index`). Under `mkdocs build` and `mkdocs
serve`, this language's Markdown tree is generated from the records before each build.
"""

from __future__ import annotations

import gc
import os
import re
import sys
from pathlib import Path

from mkdocs.exceptions import PluginError

from ..site.compiled_templates import bytecode_cache
from ..site.contributor_text import page_html
from ..site.i18n import Translator, language
from ..site.urls import HANDWRITTEN
from . import page_pipe
from .converted_once import give_pages  # noqa: F401 (the hook's)
from .search_index import SearchFeed


class StreamedBuild:
    """MkDocs' side of `sskb build`: the pages it announces, the pages told back once
    written, and the feed of each page's content to Pagefind."""

    def __init__(self):
        self.announced = page_pipe.PageStream(sys.stdin.buffer)
        self.told = page_pipe.WrittenPages(int(os.environ[page_pipe.WRITTEN]))
        self.search = SearchFeed.from_environment()

    def files(self, files, config):
        paths = self.announced.paths()
        if paths is None:
            raise PluginError("sskb build stopped before announcing the pages")
        return page_pipe.announced_files(files, config, paths)

    def wait(self, page) -> None:
        if not self.announced.wait(page.file.src_uri):
            raise PluginError(f"sskb build stopped before writing {page.file.src_uri}")


_KEPT = None  # generated_in_mkdocs.KeptBetweenBuilds, under `mkdocs build` and `serve`


def start(root: Path, config) -> StreamedBuild | None:
    """At the start of each build: MkDocs' side of `sskb build`, or else the pages
    generated here (unless the caller already wrote them)."""
    global _KEPT
    if os.environ.get(page_pipe.ENV) == "1":
        return StreamedBuild()
    if os.environ.get("SSKB_GENERATED") != "1":
        # Imported here: under `sskb build` MkDocs' process never reads a record, and the
        # reader, the models and the renderer were 0.2 s of its processor time.
        from .generated_in_mkdocs import KeptBetweenBuilds

        _KEPT = _KEPT or KeptBetweenBuilds()
        _KEPT.generate(root, config)
    return None


# Under `mkdocs serve`, how long a change waits for more before the rebuild (MkDocs: 0.1 s).
# An editor's save is one write, or a write and a rename.
SETTLE_SECONDS = 0.02


def watch_records(server, config, root: Path):
    """`mkdocs serve` watches the records, and not the pages generated from them (the
    hook writes them as it rebuilds: MkDocs would see them changed and rebuild again), and
    hears of a change from the system at once rather than by looking at every file twice
    a second (MkDocs polls, which took a quarter of a second on average to notice a save).

    MkDocs' server keeps its watches in an observer of watchdog that polls; they are made
    again, the same, in watchdog's observer for this system (inotify on Linux), told only
    of changes: it also tells of files opened and closed, as each rebuild reads them."""
    server.unwatch(config["docs_dir"])
    for folder in ("practices", "content"):
        server.watch(str(root / folder))
    watched = dict(server._watched_paths)
    server.observer, server._watched_paths, server._watch_refs = _changes_observer(), {}, {}
    for path, count in watched.items():
        for _ in range(count):
            server.watch(path)
    server.build_delay = SETTLE_SECONDS
    list_theme_files_once()
    # What the first build left (modules, the theme's templates, the records and pages
    # kept between builds) is set aside from the collector's full passes: at 1,000
    # practices, one save in five paid 0.1 s for a pass over it all, 0.02 s now.
    gc.freeze()
    return server


def list_theme_files_once() -> None:
    """From now on in this process, MkDocs lists the theme's files once, not at every
    build: it walks the theme's folders (Material's ten thousand icons) and matches each
    name against a dozen patterns, 0.05 s of every save under `mkdocs serve` at 1,000
    practices. The theme does not change while it serves; the pages that would take a
    theme file's place are still looked up at every build, as MkDocs does."""
    from mkdocs.structure.files import File, Files

    original = Files.add_files_from_theme
    if getattr(original, "listed_once", False):
        return
    listed: dict[tuple, list[tuple[str, str]]] = {}

    def add_files_from_theme(self, env, config) -> None:
        key = (tuple(config.theme.dirs), tuple(config.theme.static_templates))
        if key not in listed:
            found = Files([])
            original(found, env, config)
            listed[key] = [(file.src_uri, file.src_dir) for file in found]
        for path, folder in listed[key]:
            if self.get_file_from_path(path) is None:
                self.append(File(path, folder, config.site_dir, config.use_directory_urls))

    add_files_from_theme.listed_once = True
    Files.add_files_from_theme = add_files_from_theme


def _changes_observer():
    from watchdog import events
    from watchdog.observers import Observer

    changes = [events.FileCreatedEvent, events.FileModifiedEvent, events.FileDeletedEvent,
               events.FileMovedEvent]

    class ChangesObserver(Observer):
        def schedule(self, handler, path, **options):
            return super().schedule(handler, path, **{"event_filter": changes, **options})

    return ChangesObserver()


def clean_content(html: str, page) -> str:
    """A page that shows a hand-written text, cleaned like contributor text (its raw HTML
    comes from a pull request too); the others the generator made of escaped values."""
    return page_html(html) if page.file.src_uri in HANDWRITTEN else html


def apply_language(config):
    """The site's name and description in the build's language."""
    t = Translator(language())
    config["site_name"] = t("site_name")
    config["site_description"] = t("site_description")
    return config


def not_found_page_base(context: dict, template_name: str, config) -> dict:
    """The 404 page's links lead from the server's root (it is shown at any depth). With
    no site address (a preview), MkDocs would make them start at "/" where the language
    folders are: they start at the language's folder instead."""
    if template_name == "404.html" and not config.get("site_url"):
        context["base_url"] = f"/{language()}"
    return context


def translate_nav(nav):
    """Name nav sections (pages take their titles from their own headings)."""
    t = Translator(language())
    for item in nav.items:
        if item.is_section and item.title == "Browse":
            item.title = t("browse")
    return nav


def prepare_templates(env, root: Path):
    """Keep the theme's compiled templates on disk: every language build and every rebuild
    of `sskb serve` (which reloads the theme) would otherwise compile them again. And give
    the templates the navigation's cache (`shared_nav`)."""
    env.bytecode_cache = bytecode_cache(root / "build" / "jinja-cache")
    env.globals["sskb_shared_nav"] = SharedNav()
    return env


class SharedNav:
    """The theme's navigation, rendered once for all the pages that show it alike.

    It is a tenth of MkDocs' time if rendered for each page. A page outside the navigation
    (every record page, every list of a facet) has no item of it active: the navigation
    differs between such pages only by its links, relative to the page's address, so one
    rendering serves every such page of a folder (overrides/main.html)."""

    def __init__(self):
        self._kept: dict[str, str] = {}

    def key(self, page, nav) -> str | None:
        """What the page's navigation depends on (the folder its address is in), or None
        when it must be rendered for the page."""
        if page is None or page.meta.get("hide") or any(item is page for item in nav.pages):
            return None
        return page.url.rstrip("/").rpartition("/")[0]

    def get(self, key: str | None) -> str | None:
        return None if key is None else self._kept.get(key)

    def keep(self, key: str | None, html: str) -> str:
        if key is not None:
            self._kept[key] = html
        return html


def mark_direction(html: str) -> str:
    """Put the page's writing direction on <html> too (the theme sets it on <body> only),
    so that the whole document, scroll bars and forms included, is right to left."""
    if Translator(language()).direction != "rtl":
        return html
    return html.replace("<html ", '<html dir="rtl" ', 1)


# Three attributes of the theme's markup that HTML does not allow (W3C Nu validator):
# autocomplete on its checkboxes, an empty tabindex on its section labels, and its table of
# contents' title, a label for a __toc checkbox that a page outside the navigation lacks.
_CHECKBOX_AUTOCOMPLETE = re.compile(r'(<input [^>]*type="checkbox"[^>]*?) autocomplete="off"')
_TOC_TITLE = re.compile(r'<label class="md-nav__title" for="__toc">(.*?)</label>', re.S)


def finish_output(html: str) -> str:
    """What the theme wrote, page or template (404 page, sitemap), as it is published:
    right to left where the language is, and valid."""
    return valid_theme_markup(mark_direction(html))


def valid_theme_markup(html: str) -> str:
    """The theme's page with those three mended; what they do is kept (the labels with a
    tabindex are still focusable; a title with no checkbox to toggle was inert)."""
    html = _CHECKBOX_AUTOCOMPLETE.sub(r"\1", html).replace(' tabindex=""', "")
    if 'id="__toc"' not in html:
        html = _TOC_TITLE.sub(r'<div class="md-nav__title">\1</div>', html)
    return html
