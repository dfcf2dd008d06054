"""The offline edition: one language's site in a zip, to open from the file system
(`file://`) without a server or a connection.

Pages link folders (`practices/x/`), which a server answers with their index.html and a
file browser does not: in the zip, each relative link to a folder names its index.html.
Search (Pagefind reads its index over HTTP) and the PDF handbook (downloaded on its own)
are left out, and the home page says so. The zip's entries are sorted and dated from the
build's time: two builds of one commit give the same bytes.

The home page gives the zip's size, and is in the zip: the size is written where a
placeholder stood. Every other file is compressed once, into the zip on disk; the home page
is added last, to a copy of that zip, until the size it names is its own (the whole zip
was made again each time: two of the three seconds of the tail of a build at 1,000
practices).
"""

from __future__ import annotations

import re
import shutil
import zipfile
from datetime import datetime, timezone
from pathlib import Path
from typing import Iterator

from .write import write_whole

FOLDER = "offline"
PLACEHOLDER = "SSKB-OFFLINE-SIZE"
LEFT_OUT = ("pagefind/", f"{FOLDER}/")
HOME = "index.html"
LONG = 1 << 20  # a page from this size up goes into the zip piece by piece
# Each link, in three parts: its `="` (after " href" or " src"); its path, up to its query
# or fragment, when the link is relative (no scheme, not from the root, not a fragment
# alone) and names a folder (the path ends in "/", or in the segment "." or ".."), else
# nothing; the rest, to its closing quote. Starting from a literal, the search skips ahead
# as a search for a word does, and split by it, a page is completed without a Python call
# per link: 0.09 s for the 98,000 links of 1,000 practices' pages, where a pattern starting
# with the space and a function per link took 0.34 s.
_LINK = re.compile(rb'(="(?:(?<=\shref=")|(?<=\ssrc=")))'
                   rb'((?![a-zA-Z][a-zA-Z0-9+.-]*:|/|#)(?:[^"#?]*/|(?:[^"#?]*/)?\.\.?)(?=[#?"]))?'
                   rb'([^"]*")')


def zip_name(language: str) -> str:
    return f"south-south-knowledge-base-{language}.zip"


def offline_page(html: bytes) -> bytes:
    """The page (UTF-8) as it must read from the file system: each relative link to a
    folder names the folder's index.html, its query and fragment kept."""
    pieces = _LINK.split(html)  # text, then per link: its start, its folder or None, the rest
    pieces[2::4] = [_index(folder) if folder else b"" for folder in pieces[2::4]]
    return b"".join(pieces)


def offline_pieces(html: bytes, size: int = LONG) -> Iterator[bytes]:
    """`offline_page(html)`, in pieces of about `size` bytes or more, for a long page (a
    web handbook of 35 MB): split, completed and joined whole, it took three times its
    size on top of its own. A Python step per link is slower than `offline_page`'s, and
    costs little on one page."""
    written, held, done = [], 0, 0
    for link in _LINK.finditer(html):
        folder = link.group(2)
        before = html[done:link.start(2) if folder else link.end(1)]  # with the link's `="`
        written += (before, _index(folder) if folder else b"", link.group(3))
        held += len(before) + len(link.group(3))
        done = link.end()
        if held >= size:
            yield b"".join(written)
            written, held = [], 0
    yield b"".join(written) + html[done:]


def _index(folder: bytes) -> bytes:
    return folder + b"index.html" if folder.endswith(b"/") else folder + b"/index.html"


def _files(site_language: Path):
    """(relative path, path) of every file of the offline edition but the home page, in
    the order the zip holds them."""
    for path in sorted(site_language.rglob("*")):
        name = path.relative_to(site_language).as_posix()
        if path.is_file() and not name.startswith(LEFT_OUT) and not name.endswith(".pdf") \
                and name != HOME:
            yield name, path


def _content(name: str, path: Path) -> bytes | Iterator[bytes]:
    data = path.read_bytes()
    if not name.endswith(".html"):
        return data
    return offline_page(data) if len(data) < LONG else offline_pieces(data)


def _add(archive: zipfile.ZipFile, name: str, data: bytes | Iterator[bytes],
         stamp: tuple) -> None:
    info = zipfile.ZipInfo(name, date_time=stamp)
    info.compress_type = zipfile.ZIP_DEFLATED
    info.external_attr = 0o644 << 16
    if isinstance(data, bytes):
        archive.writestr(info, data)
        return
    with archive.open(info, "w") as entry:  # the same bytes as writestr's, piece by piece
        for piece in data:
            entry.write(piece)


def write_offline(site_language: Path, language: str, epoch: int, size_text) -> Path:
    """Write the zip into the site's offline folder, its home page naming the zip's own
    size (`size_text(bytes) -> str`); the site's home page gets the same size where its
    placeholder stood. The files go into the zip one at a time (held together, a
    language's were 300 MB at 10,000 practices)."""
    stamp = datetime.fromtimestamp(max(epoch, 315532800), timezone.utc).timetuple()[:6]
    target = site_language / FOLDER / zip_name(language)
    target.parent.mkdir(parents=True, exist_ok=True)
    others = target.with_name(target.name + ".part")
    with zipfile.ZipFile(others, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, path in _files(site_language):
            _add(archive, f"{language}/{name}", _content(name, path), stamp)
    home_path = site_language / HOME
    template = home_path.read_text(encoding="utf-8")
    shown = size_text(0)
    try:
        for _ in range(5):
            shutil.copyfile(others, target)
            with zipfile.ZipFile(target, "a", zipfile.ZIP_DEFLATED) as archive:
                _add(archive, f"{language}/{HOME}", offline_page(
                    template.replace(PLACEHOLDER, shown).encode("utf-8")), stamp)
            size = size_text(target.stat().st_size)
            if size == shown:
                break
            shown = size
    finally:
        others.unlink()
    write_whole(home_path, template.replace(PLACEHOLDER, shown))
    return target
