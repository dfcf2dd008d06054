"""The theme's own inline scripts, recognised whole: read from Material's templates, with
each value the template fills in (a base URL, as a JSON string) standing for any text
without quotes. A script that merely begins like one of them is not the theme's."""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

import material

from ..kb.load import read_package_text

PARTIALS = ("partials/javascripts/base.html", "partials/javascripts/content.html")
_SCRIPT = re.compile(r"<script>(.*?)</script>", re.S)
_FILLED = re.compile(r"\\\{\\\{.*?\\\}\\\}")  # `{{ ... }}` once escaped


@lru_cache(maxsize=1)
def theme_scripts() -> re.Pattern:
    """One pattern that matches exactly the inline scripts of the installed theme."""
    templates = Path(material.__file__).parent / "templates"
    scripts = [script for partial in PARTIALS
               for script in _SCRIPT.findall(read_package_text(templates / partial))]
    return re.compile("|".join(_FILLED.sub(lambda _: r'[^"<>\\\\]*', re.escape(s.strip()))
                               for s in scripts))


def is_theme_script(text: str) -> bool:
    return theme_scripts().fullmatch(text.strip()) is not None
