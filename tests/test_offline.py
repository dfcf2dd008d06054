"""The offline edition's pages: each relative link to a folder names its index.html."""

import re

from hypothesis import given, settings
from hypothesis import strategies as st

import io
import random
import zipfile

from generator.build.offline import _add, offline_page, offline_pieces


def one_link(href: str) -> str:
    """The rule, said link by link: a relative link whose path (before its query or
    fragment) ends in "/", or in the segment "." or "..", names the folder's index.html."""
    if not href or re.match(r"(?:[a-zA-Z][a-zA-Z0-9+.-]*:|//|/|#)", href):
        return href
    found = re.search(r"[#?]", href)
    path, rest = (href[:found.start()], href[found.start():]) if found else (href, "")
    if path.endswith("/"):
        path += "index.html"
    elif path.rsplit("/", 1)[-1] in (".", ".."):
        path += "/index.html"
    return path + rest


def link_by_link(html: str) -> str:
    return re.sub(r'(\s(?:href|src)=")([^"]*)(")',
                  lambda m: m.group(1) + one_link(m.group(2)) + m.group(3), html)


def test_links_to_folders_name_their_index_page():
    page = ('<a href="../">up</a> <a href="practices/x/#lessons">x</a> <a href="..">top</a>'
            '<img src="./."> <a href="https://example.org/a/">out</a> <a href="/root/">r</a>'
            '<a href="#top">t</a> <a href="data.csv">d</a> <a href="?q=a/">q</a>'
            '<a title="href=" class="a/">no link</a>')
    assert offline_page(page.encode()).decode() == (
        '<a href="../index.html">up</a> <a href="practices/x/index.html#lessons">x</a> '
        '<a href="../index.html">top</a><img src="././index.html"> '
        '<a href="https://example.org/a/">out</a> <a href="/root/">r</a>'
        '<a href="#top">t</a> <a href="data.csv">d</a> <a href="?q=a/">q</a>'
        '<a title="href=" class="a/">no link</a>')


_PATH_PARTS = st.sampled_from(["a", "b/", "../", "..", ".", "./", "/", "//", "#f", "?q=1",
                               "x:", "https:", "ex.html", " ", "\n", "é/", "="])
_HREFS = st.lists(_PATH_PARTS, max_size=6).map("".join)
_TEXT = st.sampled_from(["<a", " href=", " src=", "=", '"', " ", ">", "text", "\t"])


_PAGES = st.lists(st.one_of(_HREFS.map(lambda href: f' href="{href}"'),
                           _HREFS.map(lambda href: f'\nsrc="{href}"'), _TEXT, _HREFS),
                  max_size=12).map("".join)


@settings(max_examples=400, deadline=None)
@given(_PAGES)
def test_the_page_reads_as_each_link_completed_alone(html):
    assert offline_page(html.encode()) == link_by_link(html).encode()


@settings(max_examples=400, deadline=None)
@given(_PAGES, st.integers(min_value=1, max_value=40))
def test_a_long_page_in_pieces_reads_as_the_page_whole(html, size):
    pieces = list(offline_pieces(html.encode(), size))
    assert b"".join(pieces) == offline_page(html.encode())
    assert all(len(piece) >= size for piece in pieces[:-1])


def test_a_page_zipped_in_pieces_gives_the_zip_of_the_page_whole():
    words = random.Random(7).choices(
        [b"text ", b'<a href="practices/x/">', b"</a>", "محتوى ".encode(), b"\n"], k=400_000)
    page = b"".join(words)
    zips = []
    for content in (offline_page(page), offline_pieces(page, 1 << 16)):
        archive = io.BytesIO()
        with zipfile.ZipFile(archive, "w") as into:
            _add(into, "en/handbook/index.html", content, (2026, 12, 1, 0, 0, 0))
        zips.append(archive.getvalue())
    assert len(page) > 2_000_000 and zips[0] == zips[1]
    with zipfile.ZipFile(io.BytesIO(zips[1])) as read:
        assert read.read("en/handbook/index.html") == offline_page(page)
