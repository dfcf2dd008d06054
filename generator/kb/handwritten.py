"""Hand-written pages (`content/pages/<name>/<lang>.md`): trusted Markdown, one file per
language, with a front matter holding the title and whether the translation needs review."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Literal, Optional

from pydantic import ValidationError

from . import load, locate
from .codes import UN_LANGUAGES
from .fields import F, line
from .messages import problem_from_error
from .models import Model
from .problems import Problem, field_name

FOLDER = Path("content") / "pages"
PAGES = ("home", "about", "pillars", "contribute")


class PageMeta(Model):
    title: line(200) = F("The page's title in this language.")
    review: Optional[Literal["needed"]] = F(
        "`needed` while the translation has not been reviewed.", default=None)


@dataclass(frozen=True)
class Page:
    name: str
    language: str
    meta: PageMeta
    body: str


def split_front_matter(text: str) -> tuple[str, str, int]:
    """(front matter, body, line where the body starts); no front matter gives ('', text, 1)."""
    if not text.startswith("---\n"):
        return "", text, 1
    end = text.find("\n---\n", 4)
    if end < 0:
        return "", text, 1
    return text[4:end + 1], text[end + 5:], text.count("\n", 0, end + 5) + 1


def read_page(root: Path, name: str, language: str) -> tuple[Optional[Page], list[Problem]]:
    path = root / FOLDER / name / f"{language}.md"
    rel = path.relative_to(root).as_posix()
    if not (path.exists() or path.is_symlink()):
        return None, [Problem(rel, 1, 1, "", "missing-page",
                              f"the {name} page has no {language} version; write it "
                              "(a short, reviewed text is better than none)")]
    try:
        text = load.decode(load.read_bytes(path, root))
    except load.LoadError as error:
        return None, [Problem(rel, error.line, error.column, "", error.code, error.message)]
    except OSError as error:
        return None, [Problem(rel, 1, 1, "", "unreadable", f"cannot read the file: "
                              f"{error.strerror}")]
    front, body, _ = split_front_matter(text)
    try:
        data = load.parse(front) if front else {}
    except load.LoadError as error:
        # The front matter starts on the file's second line.
        return None, [Problem(rel, error.line + 1, error.column, "", error.code,
                              error.message)]
    try:
        meta = PageMeta.model_validate(data if isinstance(data, dict) else {})
    except ValidationError as error:
        problems = []
        for e in error.errors(include_url=False):
            loc, code, message, at_key = problem_from_error(e, PageMeta, True)
            line_number, column = locate.locate(front, loc, at_key)
            problems.append(Problem(rel, line_number + 1, column, field_name(loc), code,
                                    message))
        return None, problems
    return Page(name, language, meta, body), []


def load_pages(root: Path) -> tuple[dict[tuple[str, str], Page], list[Problem]]:
    """Every hand-written page in every language, and the problems of those that fail."""
    pages, problems = {}, []
    for name in PAGES:
        for language in UN_LANGUAGES:
            page, found = read_page(root, name, language)
            problems += found
            if page:
                pages[(name, language)] = page
    return pages, problems
