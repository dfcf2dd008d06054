"""`sskb assemble`: sites built apart, one language each, put together are the site that one
`sskb build` of those languages makes, byte for byte; and what it refuses, it says in one
line."""

import errno
import gzip
import json
import os
import re
from pathlib import Path

import pytest
from conftest import build_site, copy_sample

from generator.build import write
from generator.build.assemble import assemble
from generator.build.publish import MARK
from generator.build.tools import BuildError
from generator.build.write import write_files
from generator.cli import main
from generator.site.i18n import native_names
from generator.site.root_page import root_pages

# The deploy's settings, which the pages and sitemaps name; a fixed time for the dates.
ENVIRONMENT = {"SOURCE_DATE_EPOCH": "1700000000", "SSKB_BASE_URL": "https://example.org/kb/",
               "SSKB_REPOSITORY": "example/kb"}


@pytest.fixture(scope="module")
def sites(tmp_path_factory):
    """The sample in Arabic and English built by one `sskb build`, and the same languages
    built apart and assembled (the parts given in another order than the one build's):
    (one build's site, the assembled site, the parts)."""
    folder = tmp_path_factory.mktemp("assemble")
    root = copy_sample(folder / "kb")
    with pytest.MonkeyPatch.context() as patch:
        for name, value in ENVIRONMENT.items():
            patch.setenv(name, value)
        build_site(root, languages=("en", "ar"), site=folder / "one-build", pdf=False)
        parts = [folder / f"part-{language}" for language in ("ar", "en")]
        for part, language in zip(parts, ("ar", "en")):
            build_site(root, languages=(language,), site=part, pdf=False)
    assembly = assemble(parts, folder / "assembled", root)
    assert assembly.findings == [] and assembly.languages == ["ar", "en"]
    return folder / "one-build", folder / "assembled", parts


def files(site: Path) -> dict[str, bytes]:
    return {path.relative_to(site).as_posix(): path.read_bytes()
            for path in site.rglob("*") if path.is_file()}


# Pagefind writes its filter index in hash-map order, which differs from run to run
# (Pagefind issue #638; two one-job builds differ the same way): these files, named by
# their content's hash, and those naming them, are compared by what they say.
SEARCH_FILTERS = re.compile(r"/pagefind/(filter/\w+\.pf_filter|pagefind\.\w+\.pf_meta|"
                            r"pagefind-entry\.json)$")


def cbor(data: bytes, at: int = 0):
    """The CBOR value at `at` (the kinds Pagefind writes), and where it ends."""
    kind, size, at = data[at] >> 5, data[at] & 31, at + 1
    if size >= 24:
        length = 1 << (size - 24)
        size, at = int.from_bytes(data[at:at + length], "big"), at + length
    if kind == 0:
        return size, at
    if kind in (2, 3):
        value = data[at:at + size]
        return (value.decode() if kind == 3 else value), at + size
    if kind == 4:
        items = []
        for _ in range(size):
            item, at = cbor(data, at)
            items.append(item)
        return items, at
    raise AssertionError(f"CBOR major type {kind}, which Pagefind 1.5 does not write")


def pagefind_file(path: Path):
    data = gzip.decompress(path.read_bytes())
    assert data.startswith(b"pagefind_dcd")
    value, end = cbor(data, len(b"pagefind_dcd"))
    assert end == len(data)
    return value


def search_index(language: Path) -> dict:
    """What a language's Pagefind filter index says: each filter's values and their pages,
    in a fixed order; its metadata and entry, the filters' hashes left out."""
    folder = language / "pagefind"
    filters = {path.stem: pagefind_file(path) for path in folder.glob("filter/*.pf_filter")}
    [meta] = folder.glob("*.pf_meta")
    version, pages, chunks, named, *rest = pagefind_file(meta)
    assert len(named) == len(filters)
    entry = json.loads((folder / "pagefind-entry.json").read_text(encoding="utf-8"))
    for about in entry["languages"].values():
        about.pop("hash")
    return {"entry": entry, "meta": [version, pages, chunks, rest], "filters": sorted(
        (name, filters[hash][0], sorted((value, tuple(pages)) for value, pages in
                                        filters[hash][1])) for name, hash in named)}


def test_an_assembled_site_is_the_site_of_one_build(sites):
    one_build, assembled, _ = sites
    one, together = files(one_build), files(assembled)
    stable = sorted(path for path in one if not SEARCH_FILTERS.search(f"/{path}"))
    assert stable == sorted(path for path in together if not SEARCH_FILTERS.search(f"/{path}"))
    assert len(stable) > 1000 and {MARK, "index.html", "404.html", "choose-language.js",
                                   "ar/index.html", "en/sitemap.xml"} <= set(stable)
    assert [path for path in stable if one[path] != together[path]] == []
    assert len(one) == len(together)
    for language in ("ar", "en"):
        assert search_index(one_build / language) == search_index(assembled / language)
    # The root pages list the languages in one order, whatever order they came in.
    chooser = (assembled / "index.html").read_text(encoding="utf-8")
    assert chooser.index('href="ar/"') < chooser.index('href="en/"')


def test_the_languages_files_are_linked_not_copied(sites):
    _, assembled, [arabic, english] = sites
    for part, page in ((arabic, "ar/index.html"), (english, "en/practices/index.html")):
        assert (part / page).stat().st_ino == (assembled / page).stat().st_ino
    assert (english / "index.html").stat().st_ino != (assembled / "index.html").stat().st_ino


# --- small sites, as `sskb build --site` leaves them --------------------------------------

def part(folder: Path, *languages: str) -> Path:
    write_files(folder, {MARK: "A site built by sskb build.\n",
                         **root_pages(languages, native_names()),
                         **{f"{language}/index.html": f"<p>{language}</p>\n"
                            for language in languages},
                         **{f"{language}/data/practices.json": "[]\n" for language in languages}})
    return folder


def sskb_assemble(capsys, *arguments) -> tuple[int, str, str]:
    code = main(["assemble", *map(str, arguments)])
    out, err = capsys.readouterr()
    return code, out, err


def test_assemble_puts_the_parts_together(tmp_path, kb, capsys):
    code, out, err = sskb_assemble(capsys, part(tmp_path / "one", "zh", "en"),
                                   part(tmp_path / "two", "fr"), "--site", tmp_path / "site",
                                   "--root", kb)
    assert (code, err) == (0, "")
    assert out == (f"The site is in {tmp_path / 'site'}/: en, fr, zh, from 2 sites built "
                   "apart (6 files).\n")
    assert sorted(files(tmp_path / "site")) == sorted([
        MARK, "404.html", "choose-language.js", "index.html", "en/data/practices.json",
        "en/index.html", "fr/data/practices.json", "fr/index.html", "zh/data/practices.json",
        "zh/index.html"])
    expected = root_pages(("en", "fr", "zh"), native_names())
    assert {name: (tmp_path / "site" / name).read_text(encoding="utf-8")
            for name in expected} == expected


@pytest.mark.parametrize("case, message", [
    ("twice", "sskb assemble: the language en is in two parts, {tmp}/one and {tmp}/two: "
              "build each language once\n"),
    ("not a site", "sskb assemble: {tmp}/two is not a site sskb built (it holds no "
                   ".sskb-site): give the folder that `sskb build --site` wrote\n"),
    ("a language's folder", "sskb assemble: {tmp}/one/en is not a site sskb built (it holds "
                            "no .sskb-site): give the folder that `sskb build --site` wrote\n"),
    ("missing", "sskb assemble: {tmp}/two: no such folder\n"),
    ("stray file", "sskb assemble: {tmp}/two/notes.txt is not a part of a site sskb builds "
                   "(a language's folder, or a root page, which sskb assemble writes anew)\n"),
    ("no language", "sskb assemble: {tmp}/two holds no language's site\n"),
])
def test_what_assemble_refuses_it_says_in_one_line(tmp_path, kb, capsys, case, message):
    part(tmp_path / "one", "en", "ar")
    given = [tmp_path / "one", tmp_path / "two"]
    if case == "twice":
        part(tmp_path / "two", "en")
    elif case == "not a site":
        (tmp_path / "two" / "fr").mkdir(parents=True)
    elif case == "a language's folder":
        given = [tmp_path / "one" / "en"]
    elif case == "stray file":
        part(tmp_path / "two", "fr")
        (tmp_path / "two" / "notes.txt").write_text("mine\n")
    elif case == "no language":
        part(tmp_path / "two")
    code, out, err = sskb_assemble(capsys, *given, "--site", tmp_path / "site", "--root", kb)
    assert (code, out, err) == (1, "", message.format(tmp=tmp_path))
    assert not (tmp_path / "site").exists()


def test_assemble_without_parts_is_a_usage_error(kb, capsys):
    with pytest.raises(SystemExit) as exit:
        main(["assemble", "--root", str(kb)])
    assert exit.value.code == 2
    err = capsys.readouterr().err
    assert "the following arguments are required: PART_DIR" in err and "Traceback" not in err
    with pytest.raises(BuildError, match="no site to assemble"):
        assemble([], kb / "site", kb)


def test_a_failed_assembly_leaves_the_previous_site(tmp_path, kb, capsys):
    site = tmp_path / "site"
    assert sskb_assemble(capsys, part(tmp_path / "one", "en"), "--site", site, "--root", kb
                         )[0] == 0
    before = files(site)
    part(tmp_path / "two", "en", "fr")
    os.symlink("/etc/passwd", tmp_path / "two" / "fr" / "passwd")
    code, out, err = sskb_assemble(capsys, tmp_path / "two", "--site", site, "--root", kb)
    assert (code, out) == (1, "")
    assert err == (f"sskb assemble: {tmp_path}/two/fr/passwd is not a file or a folder (a "
                   "symbolic link, a pipe...): a site sskb builds holds none\n")
    assert files(site) == before
    assert sorted(path.name for path in tmp_path.glob(".site*")) == [".site.lock"]


def test_files_are_copied_where_the_file_system_has_no_hard_links(tmp_path, kb, capsys,
                                                                  monkeypatch):
    def refuse(*args, **options):
        raise OSError(errno.EXDEV, os.strerror(errno.EXDEV))

    monkeypatch.setattr(write.os, "link", refuse)
    one = part(tmp_path / "one", "en")
    code, out, _ = sskb_assemble(capsys, one, "--site", tmp_path / "site", "--root", kb)
    assert code == 0 and out.endswith("(2 files, 2 of them copied (no hard link)).\n")
    assert (tmp_path / "site/en/index.html").read_bytes() == (one / "en/index.html").read_bytes()
    assert (tmp_path / "site/en/index.html").stat().st_ino != (one / "en/index.html"
                                                               ).stat().st_ino


def test_a_file_that_cannot_be_written_is_said_in_one_line(tmp_path, kb, capsys,
                                                           monkeypatch):
    def full(source, target, **options):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(target))

    monkeypatch.setattr(write.os, "link", full)
    monkeypatch.setattr(write.shutil, "copy2", full)
    code, out, err = sskb_assemble(capsys, part(tmp_path / "one", "en"), "--site",
                                   tmp_path / "site", "--root", kb)
    assert (code, out) == (1, "")
    assert err == (f"sskb assemble: cannot put {tmp_path.resolve()}/.site.building/en/data/"
                   "practices.json into the site: No space left on device\n")
    assert not (tmp_path / "site").exists()
