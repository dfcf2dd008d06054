"""Golden tests: the Markdown generated for the fixture knowledge base, page by page.

After an intended change to templates or catalogues, regenerate and review the diff:

    SSKB_UPDATE_GOLDEN=1 .venv/bin/python -m pytest tests/test_golden.py
"""

import os
from datetime import date

import pytest
from conftest import FIXTURE_KB, TESTS

from generator.kb.validate import load_knowledge_base
from generator.site.render import render_language
from generator.site.settings import Settings
from generator.site.view import make_view

GOLDEN = TESTS / "golden"
LANGUAGES = ("en", "fr", "ar")
SETTINGS = Settings(site_name="Test knowledge base", site_url="https://kb.example.org/",
                    repository="example/kb", today=date(2026, 12, 1))


def rendered(language: str) -> dict[str, str]:
    kb, problems = load_knowledge_base(FIXTURE_KB)
    assert not problems
    return render_language(make_view(kb), language, SETTINGS)


@pytest.mark.parametrize("language", LANGUAGES)
def test_generated_markdown_matches_golden(language):
    pages = rendered(language)
    folder = GOLDEN / language
    if os.environ.get("SSKB_UPDATE_GOLDEN") == "1":
        for path, text in pages.items():
            (folder / path).parent.mkdir(parents=True, exist_ok=True)
            (folder / path).write_text(text, encoding="utf-8")
        for stale in set(p.relative_to(folder).as_posix() for p in folder.rglob("*.md")) - set(pages):
            (folder / stale).unlink()
    expected = {p.relative_to(folder).as_posix(): p.read_text(encoding="utf-8")
                for p in folder.rglob("*.md")}
    assert sorted(pages) == sorted(expected)
    for path, text in pages.items():
        assert text == expected[path], f"{language}/{path} differs from the golden file"
