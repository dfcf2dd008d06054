"""What differs between the language builds of the one mkdocs.yml, for the hook and `sskb`."""

from __future__ import annotations

import os
from datetime import date, datetime, timezone
from pathlib import Path

from mkdocs.utils.yaml import yaml_load

from ..kb.codes import UN_LANGUAGES
from ..kb.review import REVIEW_AFTER_DAYS
from .i18n import Translator
from .render import Settings, bytecode_cache


def language() -> str:
    lang = os.environ.get("SSKB_LANG", "en")
    if lang not in UN_LANGUAGES:
        raise ValueError(f"SSKB_LANG={lang!r}: use one of {', '.join(UN_LANGUAGES)}")
    return lang


def build_date(epoch: str | None = None) -> date:
    """The build's date: from `epoch` or SOURCE_DATE_EPOCH (reproducible builds), else today."""
    epoch = epoch or os.environ.get("SOURCE_DATE_EPOCH", "")
    return datetime.fromtimestamp(int(epoch), timezone.utc).date() if epoch.isdigit() \
        else date.today()


def settings(extra: dict, lang: str, today: date | None = None) -> Settings:
    """Page settings for one language from mkdocs.yml's `extra.sskb` and the environment."""
    return Settings(site_name=Translator(lang)("site_name"),
                    site_url=os.environ.get("SSKB_BASE_URL", ""),
                    repository=extra.get("repository") or None,
                    branch=extra.get("branch", "main"),
                    forum_category=extra.get("forum_category", "expert-forum"),
                    today=today or build_date(),
                    review_after_days=int(extra.get("review_after_days",
                                                    REVIEW_AFTER_DAYS)))


def read_extra(root: Path) -> dict:
    """mkdocs.yml's `extra.sskb`, with its !ENV values resolved ({} without mkdocs.yml)."""
    if not (root / "mkdocs.yml").is_file():
        return {}
    with open(root / "mkdocs.yml", encoding="utf-8") as stream:
        config = yaml_load(stream)
    return (config.get("extra") or {}).get("sskb") or {}


def apply_language(config):
    """The site's name and description in the build's language."""
    t = Translator(language())
    config["site_name"] = t("site_name")
    config["site_description"] = t("site_description")
    return config


def translate_nav(nav):
    """Name nav sections (pages take their titles from their own headings)."""
    t = Translator(language())
    for item in nav.items:
        if item.is_section and item.title == "Browse":
            item.title = t("browse")
    return nav


def cache_templates(env, root: Path):
    """Keep the theme's compiled templates on disk: every language build and every rebuild
    of `sskb serve` (which reloads the theme) would otherwise compile them again."""
    env.bytecode_cache = bytecode_cache(root / "build" / "jinja-cache")
    return env


def mark_direction(html: str) -> str:
    """Put the page's writing direction on <html> too (the theme sets it on <body> only),
    so that the whole document, scroll bars and forms included, is right to left."""
    direction = Translator(language()).direction
    if direction != "rtl":
        return html
    return html.replace("<html ", '<html dir="rtl" ', 1)
