"""Each folder under tests/invalid/ is one defect laid over the fixture knowledge base.

A case folder holds the files to write over a copy of tests/fixtures/kb (same relative
paths), an optional `delete.txt` naming fixture files to remove, an optional `with-key`
(validated with the sample editor's key, which opens the fixture's sealed fields), and
`expected.txt`: the exact problems `sskb validate` must report, one
`path:line:column: field: code` per line.
"""

import shutil
from pathlib import Path

import pytest
from conftest import FIXTURE_KB, TESTS

from generator.kb.record_files import RecordReader
from generator.kb.sealing import Keys
from generator.kb.validate import load_knowledge_base

CASES = sorted(p for p in (TESTS / "invalid").iterdir() if p.is_dir())
SPECIAL = {"expected.txt", "delete.txt", "README.md", "with-key"}
SAMPLE_KEY = TESTS / "fixtures" / "keys" / "sample-editor.txt"


def build_case(case: Path, root: Path) -> None:
    shutil.copytree(FIXTURE_KB, root)
    delete = case / "delete.txt"
    if delete.exists():
        for name in delete.read_text().split():
            (root / name).unlink()
    for source in case.rglob("*"):
        if source.is_file() and source.relative_to(case).as_posix() not in SPECIAL:
            target = root / source.relative_to(case)
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(source, target)


def expected_problems(case: Path) -> list[str]:
    lines = (case / "expected.txt").read_text(encoding="utf-8").splitlines()
    return sorted(line.strip() for line in lines if line.strip() and not line.startswith("#"))


def test_there_are_enough_cases():
    assert len(CASES) >= 30


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_invalid_case(case, tmp_path):
    root = tmp_path / "kb"
    build_case(case, root)
    keys = Keys.from_file(SAMPLE_KEY) if (case / "with-key").exists() else Keys()
    _, problems = load_knowledge_base(root, RecordReader(keys=keys))
    found = sorted(f"{p.path}:{p.line}:{p.column}: {p.field}: {p.code}" for p in problems)
    assert found == expected_problems(case)
    for problem in problems:
        assert problem.message and "Traceback" not in problem.message
