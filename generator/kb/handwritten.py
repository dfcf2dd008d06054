"""Hand-written pages (`content/pages/<name>/<lang>.md`): Markdown with MkDocs' extensions,
one file per language, read like records, with a front matter holding the title and
whether the translation needs review. Their HTML is cleaned once MkDocs has converted it
(`site.contributor_text.page_html`)."""

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
from .record_files import load_problem, read_checked

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
    body_line: int = 1  # the file's line where the body starts


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
    raw, problems = read_checked(root, path)
    if raw is None:
        return None, problems
    try:
        text = load.decode(raw)
    except load.LoadError as error:
        return None, [load_problem(rel, error)]
    front, body, body_line = split_front_matter(text)
    try:
        data = load.parse(front) if front else {}
    except load.LoadError as error:
        # The front matter starts on the file's second line.
        return None, [load_problem(rel, error, lines_before=1)]
    try:
        meta = PageMeta.model_validate(data if isinstance(data, dict) else {})
    except ValidationError as error:
        problems, positions = [], locate.Positions(front)
        for e in error.errors(include_url=False):
            loc, code, message, at_key = problem_from_error(e, PageMeta, True)
            line_number, column = positions.locate(loc, at_key)
            problems.append(Problem(rel, line_number + 1, column, field_name(loc), code,
                                    message))
        return None, problems
    return Page(name, language, meta, body, body_line), []


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
