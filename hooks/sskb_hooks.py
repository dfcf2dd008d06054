"""MkDocs hooks: regenerate the pages from the YAML records on every build, thinly.

`mkdocs build` and `mkdocs serve` regenerate this language's Markdown tree before the
build, watch the record folders, and turn invalid records into one clean error.
"""

from __future__ import annotations

import os
from pathlib import Path

from mkdocs.exceptions import PluginError

from generator import site_config
from generator.generate import InvalidKnowledgeBase, generate
from generator.problems import as_text

ROOT = Path(__file__).resolve().parent.parent


def on_config(config):
    return site_config.apply_language(config)


def on_pre_build(config):
    if os.environ.get("SSKB_GENERATED") == "1":  # `sskb build` generated every language
        return
    try:
        extra = config["extra"].get("sskb") or {}
        generate(ROOT, lambda lang: site_config.settings(extra, lang),
                 [site_config.language()], drafts=os.environ.get("SSKB_DRAFTS") == "1")
    except InvalidKnowledgeBase as error:
        raise PluginError("the knowledge base has problems:\n" + as_text(error.problems))


def on_env(env, config, files):
    return site_config.cache_templates(env, ROOT)


def on_post_page(output, page, config):
    return site_config.mark_direction(output)


def on_nav(nav, config, files):
    return site_config.translate_nav(nav)


def on_serve(server, config, builder):
    for folder in ("practices", "content"):
        server.watch(str(ROOT / folder))
    return server
