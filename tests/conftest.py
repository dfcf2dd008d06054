import contextlib
import functools
import gzip
import http.server
import json
import shutil
import threading
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


def fragments(index: Path) -> dict:
    """url -> decompressed JSON of each fragment of a Pagefind index folder."""
    found = {}
    for path in (index / "fragment").iterdir():
        data = json.loads(gzip.decompress(path.read_bytes()).removeprefix(b"pagefind_dcd"))
        found[data["url"]] = data
    return found


def make_project(root: Path) -> Path:
    """A copy of the fixture knowledge base with this repository's site configuration."""
    shutil.copytree(FIXTURE_KB, root)
    for name in SITE_FILES:
        source = REPO / name
        copy = shutil.copytree if source.is_dir() else shutil.copyfile
        copy(source, root / name)
    return root


def build_site(root: Path, **options):
    """`sskb build` that must succeed: no problem in the records, no finding of the audit."""
    from generator.build.pipeline import build

    report = build(root, **{"say": lambda line: None, **options})
    assert not report.problems and not report.findings, report
    return report


@pytest.fixture(scope="session")
def built(tmp_path_factory):
    """The fixture knowledge base built by `sskb build` in the six languages (once)."""
    root = make_project(tmp_path_factory.mktemp("project") / "kb")
    lines = []
    build_site(root, say=lines.append)
    return root, root / "site", lines


def copy_sample(root: Path) -> Path:
    """A copy of the repository's sample knowledge base, with its site configuration."""
    shutil.copytree(REPO, root, ignore=shutil.ignore_patterns(
        ".git", ".venv", "site", "build", "node_modules", "tools", "tests"))
    return root


@pytest.fixture(scope="session")
def sample_site(tmp_path_factory):
    """The repository's sample knowledge base built in English and Arabic (no PDF), once:
    (its root, its site)."""
    root = copy_sample(tmp_path_factory.mktemp("sample") / "kb")
    build_site(root, languages=("en", "ar"), pdf=False)
    return root, root / "site"


CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


@contextlib.contextmanager
def served(folder: Path):
    """`folder` served over HTTP on this machine; yields its address."""
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(folder))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium, driven by Playwright (no browser is downloaded)."""
    from playwright import sync_api as playwright

    assert CHROMIUM, "Chromium is needed for the browser tests (apt-get install chromium)"
    with playwright.sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=CHROMIUM, args=[
            "--no-sandbox", "--disable-gpu", "--disable-background-networking",
            "--disable-component-update", "--disable-sync"])
        yield chromium
        chromium.close()


# Material's first inline script, as it stands in every built page (two folders deep).
THEME_SCRIPT = (
    '__md_scope=new URL("../..",location),__md_hash=e=>[...e].reduce(((e,_)=>(e<<5)-e+'
    '_.charCodeAt(0)),0),__md_get=(e,_=localStorage,t=__md_scope)=>JSON.parse(_.getItem('
    't.pathname+"."+e)),__md_set=(e,_,t=localStorage,a=__md_scope)=>{{try{{t.setItem('
    'a.pathname+"."+e,JSON.stringify(_))}}catch(e){{}}}}')
THEME_PAGE = """<!doctype html><html lang="en"><head><meta charset="utf-8">
<link rel="stylesheet" href="../assets/stylesheets/main.css">
<script>{theme_script}</script></head><body>
<form class="sskb-search-box" action="../search/"><input name="q"></form>
<article class="md-content__inner">{content}</article>
<script id="__config" type="application/json">{{}}</script>
<script src="../assets/javascripts/bundle.js"></script>{outside}</body></html>"""
