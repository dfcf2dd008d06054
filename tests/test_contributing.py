"""The contributor's tools around the records: pre-commit hooks, the pull request template."""

import shlex

import yaml

from generator.cli import make_parser

from conftest import REPO


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
