"""The package as a user installs it from a wheel, outside any checkout: every file it needs
at run time is in the wheel, and `sskb validate` and `sskb build` work with that install."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import venv
import zipfile
from pathlib import Path

import pytest
from conftest import REPO

SAMPLE = ("practices", "content", "mkdocs.yml", "overrides", "hooks")


def _run(command: list, cwd: Path, env: dict | None = None) -> subprocess.CompletedProcess:
    result = subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True,
                            timeout=600)
    assert result.returncode == 0, f"{command} failed:\n{result.stdout}\n{result.stderr}"
    return result


def _committed() -> list[str]:
    """The repository's files, tracked or new, but for those git ignores."""
    listed = _run(["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
                  REPO).stdout.split("\0")
    return [name for name in listed if name and (REPO / name).is_file()]


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("wheel")
    # The wheel is built from a copy of the files git would commit: the working tree's
    # build/ and egg-info must not leak into it.
    source = folder / "source"
    for name in _committed():
        (source / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(REPO / name, source / name)
    _run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(folder),
          str(source)], folder)
    (built,) = folder.glob("sskb-*.whl")
    return built


def test_the_wheel_holds_every_file_of_the_package(wheel):
    tracked = [name for name in _committed() if name.startswith("generator/")]
    with zipfile.ZipFile(wheel) as archive:
        packaged = set(archive.namelist())
    missing = [name for name in tracked if name not in packaged]
    assert not missing, f"left out of the wheel: {missing}"


@pytest.fixture(scope="module")
def installed(wheel, tmp_path_factory) -> Path:
    """A fresh virtual environment with the wheel and its declared dependencies."""
    environment = tmp_path_factory.mktemp("venv") / "venv"
    venv.create(environment, with_pip=True)
    _run([str(environment / "bin" / "python"), "-m", "pip", "install", "-q", str(wheel)],
         environment)
    return environment


def test_the_installed_package_validates_and_builds_the_sample(installed, tmp_path):
    root = tmp_path / "kb"
    for name in SAMPLE:
        source = REPO / name
        (shutil.copytree if source.is_dir() else shutil.copyfile)(source, root / name)
    sskb = str(installed / "bin" / "sskb")
    env = {key: value for key, value in os.environ.items() if key != "PYTHONPATH"}
    location = _run([str(installed / "bin" / "python"), "-c",
                     "import generator; print(generator.__file__)"], root, env).stdout
    assert Path(location.strip()).is_relative_to(installed)  # not the checkout's
    assert "No problems found." in _run([sskb, "validate"], root, env).stdout
    _run([sskb, "build", "--lang", "en"], root, env)
    home = (root / "site" / "en" / "index.html").read_text(encoding="utf-8")
    assert "South-South" in home
    assert (root / "site" / "en" / "pagefind" / "pagefind.js").is_file()
