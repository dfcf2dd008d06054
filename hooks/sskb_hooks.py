"""MkDocs hooks: each event handed to sskb (generator/build/in_mkdocs.py), thinly.

`mkdocs build` and `mkdocs serve` regenerate this language's Markdown tree from the YAML
records before each build and watch the record folders; under `sskb build` the pages are
streamed in instead, and told back once written.
"""

from __future__ import annotations

from pathlib import Path

from generator.build import in_mkdocs

ROOT = Path(__file__).resolve().parent.parent
_streamed: in_mkdocs.StreamedBuild | None = None


def on_config(config):
    return in_mkdocs.apply_language(config)


def on_pre_build(config):
    global _streamed
    _streamed = in_mkdocs.start(ROOT, config)


def on_files(files, config):
    return in_mkdocs.give_pages(_streamed.files(files, config) if _streamed else files, config)


def on_page_read_source(page, config):
    # Deprecated in MkDocs 1.6 in favour of content set in on_files, which would need
    # every page rendered before MkDocs starts; this waits for each page instead.
    if _streamed:
        _streamed.wait(page)


def on_page_content(html, page, config, files):
    html = in_mkdocs.clean_content(html, page)
    if _streamed and _streamed.search:
        _streamed.search.page(page, html)
    return html


def on_env(env, config, files):
    if _streamed and _streamed.search:  # every page is converted
        _streamed.search.converted()
    return in_mkdocs.prepare_templates(env, ROOT)


def on_post_page(output, page, config):
    if _streamed:
        _streamed.told.built(page.file.dest_uri)
    return in_mkdocs.finish_output(output)


def on_post_template(output_content, template_name, config):
    return in_mkdocs.finish_output(output_content)


def on_post_build(config):
    if _streamed:
        _streamed.told.end()


def on_template_context(context, template_name, config):
    return in_mkdocs.not_found_page_base(context, template_name, config)


def on_nav(nav, config, files):
    return in_mkdocs.translate_nav(nav)


def on_serve(server, config, builder):
    return in_mkdocs.watch_records(server, config, ROOT)
