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
