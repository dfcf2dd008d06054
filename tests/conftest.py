import shutil
from pathlib import Path

import pytest

TESTS = Path(__file__).parent
FIXTURE_KB = TESTS / "fixtures" / "kb"
REPO = TESTS.parent


@pytest.fixture
def kb(tmp_path) -> Path:
    """A copy of the small valid knowledge base, for a test to break."""
    root = tmp_path / "kb"
    shutil.copytree(FIXTURE_KB, root)
    return root


SITE_FILES = ("mkdocs.yml", "overrides", "hooks")


def make_project(root: Path) -> Path:
    """A copy of the fixture knowledge base with this repository's site configuration."""
    shutil.copytree(FIXTURE_KB, root)
    for name in SITE_FILES:
        source = REPO / name
        copy = shutil.copytree if source.is_dir() else shutil.copyfile
        copy(source, root / name)
    return root


@pytest.fixture(scope="session")
def built(tmp_path_factory):
    """The fixture knowledge base built by `sskb build` in the six languages (once)."""
    from generator.build.pipeline import build

    root = make_project(tmp_path_factory.mktemp("project") / "kb")
    lines = []
    build(root, say=lines.append)
    return root, root / "site", lines
