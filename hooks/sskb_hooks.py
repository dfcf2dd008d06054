"""MkDocs hooks: regenerate the pages from the YAML records on every build, thinly.

`mkdocs build` and `mkdocs serve` regenerate this language's Markdown tree before the
build, watch the record folders, and turn invalid records into one clean error. Under
`sskb build`, the pages are instead announced on standard input as they are written, each
is read once written, each HTML page MkDocs writes is told back (generator/build/page_pipe.py),
and each page's content goes to Pagefind once converted (generator/build/search_index.py).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from mkdocs.exceptions import PluginError

from generator.build import search_index

from generator.site import settings as site_config

from generator.build import page_pipe as streaming
from generator.build.generate import InvalidKnowledgeBase, generate
from generator.kb.problems import as_text

ROOT = Path(__file__).resolve().parent.parent
_stream: streaming.PageStream | None = None  # pages announced by `sskb build`
_written: streaming.WrittenPages | None = None  # and the pages told back to it
_search: search_index.SearchFeed | None = None  # each page's content, for Pagefind


def on_config(config):
    return site_config.apply_language(config)


def on_pre_build(config):
    global _stream, _written, _search
    if os.environ.get(streaming.ENV) == "1":  # `sskb build` writes the pages meanwhile
        _stream = streaming.PageStream(sys.stdin.buffer)
        _written = streaming.WrittenPages(int(os.environ[streaming.WRITTEN]))
        _search = search_index.SearchFeed.from_environment()
        return
    if os.environ.get("SSKB_GENERATED") == "1":  # the pages are already written
        return
    try:
        extra = config["extra"].get("sskb") or {}
        generate(ROOT, lambda lang: site_config.settings(extra, lang),
                 [site_config.language()], drafts=os.environ.get("SSKB_DRAFTS") == "1")
    except InvalidKnowledgeBase as error:
        raise PluginError("the knowledge base has problems:\n" + as_text(error.problems))


def on_files(files, config):
    if _stream is None:
        return files
    paths = _stream.paths()
    if paths is None:
        raise PluginError("sskb build stopped before announcing the pages")
    return streaming.announced_files(files, config, paths)


def on_page_read_source(page, config):
    # Deprecated in MkDocs 1.6 in favour of content set in on_files, which would need
    # every page rendered before MkDocs starts; this waits for each page instead.
    if _stream is not None and not _stream.wait(page.file.src_uri):
        raise PluginError(f"sskb build stopped before writing {page.file.src_uri}")
    return None


def on_page_content(html, page, config, files):
    if _search is not None:
        _search.page(page, html)
    return html


def on_env(env, config, files):
    if _search is not None:  # every page is converted
        _search.converted()
    return site_config.cache_templates(env, ROOT)


def on_post_page(output, page, config):
    if _written is not None:
        _written.built(page.file.dest_uri)
    return site_config.mark_direction(output)


def on_post_build(config):
    if _written is not None:
        _written.end()


def on_nav(nav, config, files):
    return site_config.translate_nav(nav)


def on_serve(server, config, builder):
    for folder in ("practices", "content"):
        server.watch(str(ROOT / folder))
    return server
