"""`sskb validate` as a contributor and a CI job run it: formats, exit codes, no tracebacks."""

import json
import os
import re
import subprocess
import sys

import pytest
from conftest import REPO

from generator.cli import main


def run(args, capsys):
    code = main(args)
    return code, capsys.readouterr().out


def break_country(kb):
    path = kb / "practices" / "test-border-practice.yaml"
    path.write_text(path.read_text().replace("[MLI, NER]", "[MLI, XYZ]"))


def test_valid_knowledge_base_exits_0(kb, capsys):
    code, out = run(["validate", str(kb)], capsys)
    assert (code, out.strip()) == (0, "No problems found.")


def test_text_format_names_file_line_field(kb, capsys):
    break_country(kb)
    code, out = run(["validate", str(kb)], capsys)
    assert code == 1
    assert out.splitlines() == [
        "practices/test-border-practice.yaml:19:26: partner_countries[1]: 'XYZ' is not an "
        "ISO 3166-1 alpha-3 country code (three capital letters, e.g. SEN, IDN, COL)",
        "Found 1 problem in 1 file.",
    ]


def test_json_format(kb, capsys):
    break_country(kb)
    code, out = run(["validate", str(kb), "--format", "json"], capsys)
    assert code == 1
    (problem,) = json.loads(out)["problems"]
    assert problem == {
        "path": "practices/test-border-practice.yaml", "line": 19, "column": 26,
        "field": "partner_countries[1]", "code": "country-code",
        "message": problem["message"]}
    assert "'XYZ'" in problem["message"]


def test_github_format(kb, capsys):
    break_country(kb)
    code, out = run(["validate", str(kb), "--format", "github"], capsys)
    assert code == 1
    assert out.startswith("::error file=practices/test-border-practice.yaml,line=19,col=26,"
                          "title=country-code::partner_countries[1]: 'XYZ' is not")


def test_every_problem_in_one_run(kb, capsys):
    break_country(kb)
    (kb / "content/centres/test-centre.yaml").write_text("id: [unclosed\n")
    (kb / "practices/other.yaml").write_bytes(b"id: caf\xe9\n")
    code, out = run(["validate", str(kb)], capsys)
    lines = out.splitlines()
    assert code == 1 and lines[-1] == "Found 3 problems in 3 files."
    assert [line.split(":")[0] for line in lines[:-1]] == [
        "content/centres/test-centre.yaml", "practices/other.yaml",
        "practices/test-border-practice.yaml"]
    # The practice names the broken centre: the centre's own problem is enough.
    assert "centres[0]" not in out


def test_a_record_with_problems_still_has_its_references_checked(kb, capsys):
    path = kb / "practices" / "test-border-practice.yaml"
    path.write_text(path.read_text().replace("cooperation: regional", "cooperation: x")
                    .replace("themes: [border-security]", "themes: [nowhere]"))
    code, out = run(["validate", str(kb)], capsys)
    assert code == 1
    assert [line.split(": ")[1] for line in out.splitlines()[:-1]] == ["themes[0]",
                                                                       "cooperation"]


def test_expert_values_never_reach_the_output(kb, capsys):
    path = kb / "content/experts/example-test-expert.yaml"
    path.write_text(path.read_text().replace("country: NOR",
                                             "country: Secret Village\nphone: 555"))
    code, out = run(["validate", str(kb), "--format", "json"], capsys)
    assert code == 1 and "Secret Village" not in out and "555" not in out


@pytest.mark.parametrize("args", [["validate", "/no/such/folder"], ["nonsense"],
                                  ["validate", "--format", "xml"]])
def test_usage_errors_exit_2(args, capsys):
    with pytest.raises(SystemExit) as caught:
        main(args)
    assert caught.value.code == 2


def test_not_a_knowledge_base_exits_2(tmp_path, capsys):
    with pytest.raises(SystemExit) as caught:
        main(["validate", str(tmp_path)])
    assert caught.value.code == 2
    assert "not a knowledge base" in capsys.readouterr().err


def test_default_root_is_found_from_a_subfolder(kb, capsys, monkeypatch):
    monkeypatch.chdir(kb / "practices")
    assert run(["validate"], capsys) == (0, "No problems found.\n")


def test_console_script_runs_on_the_sample_knowledge_base():
    """The sample knowledge base shipped in this repository is valid."""
    result = subprocess.run([sys.executable, "-m", "generator.cli", "validate", str(REPO)],
                            capture_output=True, text=True, env={**os.environ})
    assert result.returncode == 0, result.stdout
    assert result.stdout.strip() == "No problems found."


DANGEROUS = {
    "deep": "id: x\ntitle: " + "[" * 100_000 + "]" * 100_000 + "\n",  # 200 KB of nesting
    "laughs": ('a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n'
               + "".join(f"{c}: &{c} [{', '.join(['*' + p] * 9)}]\n"
                         for p, c in zip("abcdefgh", "bcdefghi"))),
    "huge": "id: x\ndescription:\n  en: |\n" + "    lorem ipsum\n" * 80_000,
    "encoding": "id: caf\xe9\n",
    "control": "id: x\ntitle:\n  en: safe\u202etext\n",
}


@pytest.mark.parametrize("name", sorted(DANGEROUS))
def test_dangerous_files_give_a_problem_and_exit_1(kb, name):
    """Run as a separate process: a crash of the C parser would kill it, not pass."""
    text = DANGEROUS[name]
    data = text.encode("latin-1") if name == "encoding" else text.encode("utf-8")
    (kb / "practices" / f"{name}.yaml").write_bytes(data)
    result = subprocess.run([sys.executable, "-m", "generator.cli", "validate", str(kb)],
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 1, result.stderr[-500:]
    assert re.search(rf"^practices/{name}\.yaml:\d+:\d+: ", result.stdout, re.M)
    assert "Traceback" not in result.stdout + result.stderr


def test_a_file_changed_within_one_clock_tick_is_read_again(kb, capsys):
    """The in-process reuse of files (for `sskb serve`) compares bytes, not times."""
    import os

    path = kb / "practices" / "test-border-practice.yaml"
    assert main(["validate", str(kb)]) == 0
    stat = path.stat()
    path.write_text(path.read_text().replace("cooperation: regional", "cooperation: regionax"))
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))  # same size, same time
    assert path.stat().st_size == stat.st_size
    assert main(["validate", str(kb)]) == 1
    assert "cooperation: 'regionax' is not one of the allowed values" in capsys.readouterr().out
