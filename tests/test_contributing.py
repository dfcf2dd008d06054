"""The contributor's tools around the records: pre-commit hooks, the pull request template."""

import shlex

import yaml
from conftest import REPO

from generator.cli import make_parser


def hooks():
    provided = yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text())
    example = yaml.safe_load((REPO / ".pre-commit-config.yaml").read_text())
    return provided + [hook for repo in example["repos"] for hook in repo["hooks"]]


def test_pre_commit_hooks_run_sskb_validate_on_records():
    for hook in hooks():
        command = shlex.split(hook["entry"])
        assert command[0] == "sskb"
        assert make_parser().parse_args(command[1:]).command == "validate"
        assert hook["pass_filenames"] is False
        assert "practices" in hook["files"] and "content" in hook["files"]


def test_pull_request_template_holds_the_reviewers_checklist():
    text = (REPO / ".github" / "pull_request_template.md").read_text()
    for item in ("sskb validate", "sources", "human-rights", "consent", "personal data",
                 "preview"):
        assert item in text
    assert text.count("- [ ]") >= 6


def test_validate_warns_about_practices_due_for_review(kb, capsys):
    from generator.cli import main

    assert main(["validate", str(kb)]) == 0
    assert "warning" not in capsys.readouterr().out
    assert main(["validate", str(kb), "--warnings"]) == 0
    assert "warning" not in capsys.readouterr().out  # reviewed recently
    path = kb / "practices" / "test-border-practice.yaml"
    path.write_text(path.read_text().replace("last_reviewed: 2026-11-01",
                                             "last_reviewed: 2020-01-01"))
    assert main(["validate", str(kb), "--warnings"]) == 0
    assert ("practices/test-border-practice.yaml:37:16: warning: last_reviewed: was last "
            "reviewed on 2020-01-01, more than 730 days ago") in capsys.readouterr().out
    assert main(["validate", str(kb), "--warnings", "--format", "json"]) == 0
    report = __import__("json").loads(capsys.readouterr().out)
    assert report["problems"] == [] and report["warnings"][0]["code"] == "due-for-review"


def test_a_practice_due_for_review_says_so_on_its_page(kb):
    from datetime import date

    from generator.kb.validate import load_knowledge_base
    from generator.site.render import render_language
    from generator.site.settings import Settings
    from generator.site.view import make_view

    view = make_view(load_knowledge_base(kb)[0])
    page = "practices/test-border-practice.md"
    fresh = render_language(view, "fr", Settings(today=date(2027, 1, 1)))[page]
    stale = render_language(view, "fr", Settings(today=date(2030, 1, 1)))[page]
    notice = "doit être réexaminée"
    assert notice not in fresh and notice in stale.replace("&#32;", " ")


def test_the_contribute_page_commands_work_as_written(kb, capsys, monkeypatch):
    """A contributor following only the Contribute page: its commands, run as written."""
    import re

    from generator.cli import main

    page = (REPO / "content" / "pages" / "contribute" / "en.md").read_text()
    block = re.search(r"```sh\n(.*?)```", page, re.S).group(1)
    commands = [shlex.split(line) for line in block.splitlines() if "sskb " in line]
    assert [c[1] for c in commands] == ["new", "validate"]
    monkeypatch.chdir(kb)
    assert main(commands[0][1:]) == 0
    created = kb / "practices" / commands[0][3]
    assert created.with_suffix(".yaml").exists()
    assert main(commands[1][1:]) == 1  # it lists what to fill in, file, line and field
    assert f"practices/{commands[0][3]}.yaml:" in capsys.readouterr().out
    for language in ("ar", "es", "fr", "ru", "zh"):
        other = (REPO / "content" / "pages" / "contribute" / f"{language}.md").read_text()
        assert block in other, language
