"""The attack corpus of tests/attacks/ (its README says how a case is written)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from conftest import TESTS, THEME_PAGE, THEME_SCRIPT

ATTACKS = TESTS / "attacks"
RUNS = "browser: runs or fetches"


@dataclass(frozen=True)
class AuditCase:
    name: str
    expect: frozenset[str]
    runs: bool  # Chromium runs a script or fetches elsewhere with this page
    content: str
    outside: str

    @property
    def page(self) -> str:
        return themed(self.content, self.outside)


@dataclass(frozen=True)
class TextCase:
    name: str
    runs: bool  # uncleaned, this text runs a script or fetches elsewhere in Chromium
    text: str


def themed(content: str, outside: str = "") -> str:
    """A page as the theme lays it out, with `content` in its article."""
    return THEME_PAGE.format(content=content, outside=outside,
                             theme_script=THEME_SCRIPT.format())


def audit_cases() -> list[AuditCase]:
    cases = []
    for path in sorted((ATTACKS / "audit").glob("*.html")):
        head, _, rest = path.read_text(encoding="utf-8").partition("--- content\n")
        content, _, outside = rest.partition("--- outside\n")
        expect = head.splitlines()[0].removeprefix("expect:").split()
        cases.append(AuditCase(path.stem, frozenset(expect) - {"nothing"}, RUNS in head,
                               content.strip("\n"), outside.strip("\n")))
    return cases


def text_cases(folder: str) -> list[TextCase]:
    cases = []
    for path in sorted((ATTACKS / folder).glob("*.md")):
        head, _, text = path.read_text(encoding="utf-8").partition("---\n")
        cases.append(TextCase(path.stem, RUNS in head, text))
    return cases


def ids(cases) -> list[str]:
    return [case.name for case in cases]


def write_pages(folder: Path, pages: dict[str, str]) -> None:
    """Each page at `folder/en/NAME/index.html`, two folders deep like a built page."""
    for name, html in pages.items():
        page = folder / "en" / name / "index.html"
        page.parent.mkdir(parents=True, exist_ok=True)
        page.write_text(html, encoding="utf-8")


# What a reader might click that stays on the page or runs code: SVG texts and links,
# links to a place of the page (which send their ping) and links to javascript:.
CLICKED = ("article svg text, article svg a, article a[href^='#'], "
           "article a[href^='jav' i], article a[ping]")


def opened(browser, url: str) -> tuple[list[str], list[str]]:
    """The dialogs a page opened and the other sites it asked for, once loaded and what is
    CLICKED clicked (an injected href runs on click)."""
    from playwright import sync_api as playwright

    page = browser.new_page()
    dialogs, elsewhere = [], []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.route("**/*", lambda route: (
        route.continue_() if route.request.url.startswith(url.split("/", 3)[0] + "//127.0.0.1")
        else (elsewhere.append(route.request.url), route.abort())))
    try:
        page.goto(url, wait_until="load")
        try:
            for target in page.query_selector_all(CLICKED):
                target.click(no_wait_after=True, timeout=2000)
            page.wait_for_timeout(300)
        except playwright.Error:  # the page went elsewhere: the route saw where
            pass
    finally:
        page.close()
    return dialogs, elsewhere
