"""The offline edition: one language's site in a zip, to open from the file system
(`file://`) without a server or a connection.

Pages link folders (`practices/x/`), which a server answers with their index.html and a
file browser does not: in the zip, each relative link to a folder names its index.html.
Search (Pagefind reads its index over HTTP) and the PDF handbook (downloaded on its own)
are left out, and the home page says so. The zip's entries are sorted and dated from the
build's time: two builds of one commit give the same bytes.

The home page gives the zip's size, and is in the zip: the size is written where a
placeholder stood. Every other file is compressed once; the home page is added last, to
a copy of that zip, until the size it names is its own (the whole zip was made again each
time: two of the three seconds of the tail of a build at 1,000 practices).
"""

from __future__ import annotations

import io
import re
import zipfile
from datetime import datetime, timezone
from pathlib import Path

from .write import write_whole

FOLDER = "offline"
PLACEHOLDER = "SSKB-OFFLINE-SIZE"
LEFT_OUT = ("pagefind/", f"{FOLDER}/")
HOME = "index.html"
_LINK = re.compile(r'(\s(?:href|src)=")([^"]*)(")')
_ELSEWHERE = re.compile(r"^(?:[a-zA-Z][a-zA-Z0-9+.-]*:|//|/|#)")


def zip_name(language: str) -> str:
    return f"south-south-knowledge-base-{language}.zip"


def offline_link(href: str) -> str:
    """A link as it must read from the file system: a relative link to a folder names
    the folder's index.html (its fragment and query kept)."""
    if not href or _ELSEWHERE.match(href):
        return href
    found = re.search(r"[#?]", href)
    path, rest = (href[:found.start()], href[found.start():]) if found else (href, "")
    if path.endswith("/"):
        path += "index.html"
    elif path.rsplit("/", 1)[-1] in (".", ".."):
        path += "/index.html"
    return path + rest


def offline_page(html: str) -> str:
    return _LINK.sub(lambda m: m.group(1) + offline_link(m.group(2)) + m.group(3), html)


def _files(site_language: Path) -> dict[str, bytes]:
    """Relative path -> bytes of every file of the offline edition but the home page."""
    files = {}
    for path in sorted(site_language.rglob("*")):
        name = path.relative_to(site_language).as_posix()
        if not path.is_file() or name.startswith(LEFT_OUT) or name.endswith(".pdf") \
                or name == HOME:
            continue
        if name.endswith(".html"):
            files[name] = offline_page(path.read_text(encoding="utf-8")).encode("utf-8")
        else:
            files[name] = path.read_bytes()
    return files


def zip_bytes(files: dict[str, bytes], epoch: int, folder: str, to: bytes = b"") -> bytes:
    """A zip of `files` under `folder/`, entries sorted and dated `epoch`; or the zip `to`
    with them added after its own."""
    stamp = datetime.fromtimestamp(max(epoch, 315532800), timezone.utc).timetuple()[:6]
    out = io.BytesIO(to)
    with zipfile.ZipFile(out, "a" if to else "w", zipfile.ZIP_DEFLATED) as archive:
        for name in sorted(files):
            info = zipfile.ZipInfo(f"{folder}/{name}", date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, files[name])
    return out.getvalue()


def make_offline(site_language: Path, language: str, epoch: int, size_text) -> bytes:
    """The zip, its home page naming the zip's own size (`size_text(bytes) -> str`). The
    site's home page gets the same size where its placeholder stood."""
    home_path = site_language / HOME
    template = home_path.read_text(encoding="utf-8")
    others = zip_bytes(_files(site_language), epoch, language)
    shown = size_text(0)
    for _ in range(5):
        home = offline_page(template.replace(PLACEHOLDER, shown)).encode("utf-8")
        archive = zip_bytes({HOME: home}, epoch, language, to=others)
        if size_text(len(archive)) == shown:
            break
        shown = size_text(len(archive))
    write_whole(home_path, template.replace(PLACEHOLDER, shown))
    return archive
