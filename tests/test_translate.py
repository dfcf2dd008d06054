"""The translation workflow: `sskb translate export` to PO and XLIFF, translators' files
back into the records with `sskb translate import`, and what the site says of outdated and
unreviewed translations.

After an intended change to the exported files or the written YAML, regenerate and review:

    SSKB_UPDATE_GOLDEN=1 .venv/bin/python -m pytest tests/test_translate.py
"""

import html
import json
import os
import shutil
import subprocess
from datetime import date

import polib
import pytest
from conftest import FIXTURE_KB, REPO, TESTS
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree

from generator.authoring.yaml_edit import set_entries
from generator.cli import main
from generator.kb.codes import UN_LANGUAGES
from generator.kb.kinds import KINDS
from generator.kb.load import parse
from generator.kb.translations import freshness
from generator.kb.validate import load_knowledge_base
from generator.site.render import render_language
from generator.site.settings import Settings
from generator.site.view import make_view
from generator.translation.markup import blocks, kept

FIXTURES = TESTS / "fixtures" / "translate"
GOLDEN = TESTS / "golden" / "translate"
SCHEMA = REPO / "tools" / "xliff-schema" / "schemas" / "xliff-core-2.0.xsd"
XLIFF = "{urn:oasis:names:tc:xliff:document:2.0}"
PRACTICE = "practices/test-translated-practice.yaml"
BORDER = "practices/test-border-practice.yaml"
DESCRIPTION = "practice/test-translated-practice/description"


@pytest.fixture
def project(tmp_path, monkeypatch):
    """The fixture knowledge base with a French practice that has comments and Markdown."""
    root = tmp_path / "kb"
    shutil.copytree(FIXTURE_KB, root)
    shutil.copy(FIXTURES / "test-translated-practice.yaml", root / "practices")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1764806400")
    monkeypatch.delenv("SSKB_BASE_URL", raising=False)
    return root


def run(capsys, *args):
    code = main([str(arg) for arg in args])
    return code, capsys.readouterr().out


def matches_golden(name: str, text: str) -> None:
    path = GOLDEN / name
    if os.environ.get("SSKB_UPDATE_GOLDEN") == "1":
        path.write_text(text, encoding="utf-8")
    assert text == path.read_text(encoding="utf-8"), f"{name} differs from its golden copy"


def schema() -> etree.XMLSchema:
    assert SCHEMA.is_file(), "the XLIFF 2.0 schema is missing: run tools/xliff-schema/fetch"
    return etree.XMLSchema(etree.parse(str(SCHEMA)))


def assert_valid_xliff(path) -> None:
    checker = schema()
    assert checker.validate(etree.parse(str(path))), checker.error_log


def assert_msgfmt_passes(path) -> None:
    result = subprocess.run(["msgfmt", "--check", "-o", os.devnull, str(path)],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


def export(capsys, root, tmp_path, name, *options):
    code, out = run(capsys, "translate", "export", root, "--lang", "es", "--kind",
                    "practice", "-o", tmp_path / name, *options)
    assert code == 0, out
    return tmp_path / name


def test_po_export_matches_golden_and_passes_msgfmt(project, tmp_path, capsys):
    path = export(capsys, project, tmp_path, "es.po")
    assert_msgfmt_passes(path)
    text = path.read_text(encoding="utf-8")
    # Context, instructions and the glossary's official term travel with each text.
    assert 'msgctxt "practice/test-translated-practice/description"' in text
    assert "#. Glossary: droits de l'homme = derechos humanos" in text
    matches_golden("export-es.po", text)


def test_xliff_export_matches_golden_and_validates(project, tmp_path, capsys):
    path = export(capsys, project, tmp_path, "es.xlf")
    assert_valid_xliff(path)
    root = etree.parse(str(path)).getroot()
    assert (root.get("srcLang"), root.get("trgLang")) == ("fr", "es")
    unit = root.find(f".//{XLIFF}file[@id='practice.test-translated-practice']"
                     f"/{XLIFF}unit[@id='description']")
    # One segment per Markdown block; the link and the code as inline codes.
    assert len(unit.findall(f"{XLIFF}segment")) == 3
    assert unit.find(f".//{XLIFF}pc").text == "programme commun"
    assert "`ISO 9001`" in [data.text for data in unit.iter(f"{XLIFF}data")]
    matches_golden("export-es.xlf", path.read_text(encoding="utf-8"))


def test_po_round_trip_writes_expected_yaml(project, capsys):
    before = (project / PRACTICE).read_text(encoding="utf-8")
    code, out = run(capsys, "translate", "import", FIXTURES / "es.po", "--root", project)
    assert code == 0, out
    assert "10 translations written into 2 files, 0 unchanged, 0 refused" in out
    after = (project / PRACTICE).read_text(encoding="utf-8")
    matches_golden("test-translated-practice.yaml", after)
    matches_golden("test-border-practice.yaml", (project / BORDER).read_text("utf-8"))
    # Every line of the file as it was is still there, in the same order: comments, keys,
    # values; the import only added lines.
    remaining = iter(after.splitlines())
    assert all(line in remaining for line in before.splitlines())
    assert run(capsys, "validate", project)[0] == 0
    # Importing the same file again changes nothing.
    code, out = run(capsys, "translate", "import", FIXTURES / "es.po", "--root", project)
    assert "0 translations written into 0 files, 10 unchanged" in out
    assert (project / PRACTICE).read_text(encoding="utf-8") == after


def translate_xliff(path, state=None) -> None:
    """A translator's work on an exported XLIFF: each segment's target is its source, its
    text upper-cased, every inline code kept."""
    tree = etree.parse(str(path))
    for segment in tree.iter(f"{XLIFF}segment"):
        target = segment.find(f"{XLIFF}target")
        if target is not None:
            segment.remove(target)
        target = etree.fromstring(etree.tostring(segment.find(f"{XLIFF}source")))
        target.tag = f"{XLIFF}target"
        for element in target.iter():
            element.text = element.text and element.text.upper()
            if element is not target:
                element.tail = element.tail and element.tail.upper()
        segment.append(target)
        if state:
            segment.set("state", state)
    tree.write(str(path), xml_declaration=True, encoding="UTF-8")


def test_xliff_round_trip_keeps_markdown_structure(project, tmp_path, capsys):
    path = export(capsys, project, tmp_path, "es.xlf")
    translate_xliff(path, state="reviewed")
    code, out = run(capsys, "translate", "import", path, "--root", project)
    assert code == 0, out
    kb, problems = load_knowledge_base(project)
    assert not problems
    record = kb.get("practice", "test-translated-practice")
    source, target = record.description["fr"], record.description["es"]
    assert len(blocks(target, True)[0]) == len(blocks(source, True)[0]) == 3
    assert kept(target) == kept(source)
    assert "[PROGRAMME COMMUN](https://example.org/programme)" in target
    assert record.translations["es"]["description"].reviewed  # state="reviewed"


def test_refused_units_are_named_and_nothing_is_half_written(project, tmp_path, capsys):
    po = polib.pofile(str(FIXTURES / "es.po"), wrapwidth=0)
    for entry in po:
        if entry.msgctxt == DESCRIPTION:  # a link's address changed
            entry.msgstr = entry.msgstr.replace("example.org/programme", "example.org/x")
        if entry.msgctxt == "practice/test-translated-practice/title":
            entry.msgstr = "T" * 201
        if entry.msgctxt == "practice/test-translated-practice/summary":
            entry.msgstr = "Dos centros\u200b ficticios."
    broken = tmp_path / "broken.po"
    po.save(str(broken))
    before = (project / PRACTICE).read_bytes()
    code, out = run(capsys, "translate", "import", broken, "--root", project)
    assert code == 1
    refused = [line for line in out.splitlines() if line.startswith("refused:")]
    assert any(DESCRIPTION in line and "lost the placeholder '](https://example.org/"
               "programme)'" in line for line in refused), out
    assert any("test-translated-practice/title" in line and "at most 200" in line
               for line in refused), out
    assert any("test-translated-practice/summary" in line and "U+200B" in line
               for line in refused), out
    # The record's other texts went in; the refused ones did not.
    kb, _ = load_knowledge_base(project)
    record = kb.get("practice", "test-translated-practice")
    assert "title" not in record.translations["es"] and "es" in record.results
    assert "es" not in record.summary and before != (project / PRACTICE).read_bytes()


def test_broken_xliff_placeholder_is_refused(project, tmp_path, capsys):
    path = export(capsys, project, tmp_path, "es.xlf")
    translate_xliff(path)
    tree = etree.parse(str(path))
    unit = tree.find(f".//{XLIFF}file[@id='practice.test-translated-practice']"
                     f"/{XLIFF}unit[@id='description']")
    targets = unit.findall(f".//{XLIFF}target")
    targets[0].find(f"{XLIFF}ph").set("dataRef", "d99")   # refers to nothing
    list_item = targets[1].findall(f"{XLIFF}ph")[-1]           # a list marker dropped
    list_item.getparent().remove(list_item)
    tree.write(str(path), xml_declaration=True, encoding="UTF-8")
    before = (project / PRACTICE).read_bytes()
    code, out = run(capsys, "translate", "import", path, "--root", project)
    assert code == 1
    assert f"refused: {DESCRIPTION}" in out and "refers to no original data ('d99')" in out
    kb, _ = load_knowledge_base(project)
    assert "es" not in kb.get("practice", "test-translated-practice").description
    assert before != (project / PRACTICE).read_bytes()  # its other fields went in
    # With the unknown reference mended, the dropped list marker is what is refused.
    tree.find(f".//{XLIFF}ph[@dataRef='d99']").set("dataRef", "d3")
    tree.write(str(path), xml_declaration=True, encoding="UTF-8")
    code, out = run(capsys, "translate", "import", path, "--root", project)
    assert code == 1 and "has lost the placeholder '-'" in out


def test_changed_original_marks_translation_outdated(project, tmp_path, capsys):
    assert run(capsys, "translate", "import", FIXTURES / "es.po", "--root", project)[0] == 0
    path = project / PRACTICE
    path.write_text(path.read_text("utf-8").replace("des visites d'étude",
                                                    "des visites d'étude régulières"),
                    encoding="utf-8")
    code, out = run(capsys, "translations", project, "--format", "json")
    status = json.loads(out)["languages"]["es"]
    assert status["practice"]["outdated"] == [{"id": "test-translated-practice",
                                               "fields": ["description"]}]
    assert status["outdated_texts"] == 1
    kb, problems = load_knowledge_base(project)
    assert not problems
    settings = Settings(site_name="Test", today=date(2026, 12, 1))
    page = render_language(make_view(kb), "es", settings)[PRACTICE.replace(".yaml", ".md")]
    page = html.unescape(page)  # the notices are escaped for Markdown
    assert "se tradujo de una versión anterior del original (francés)" in page
    assert "descripción" in page.split("versión anterior")[1].split("\n")[0]
    assert "Esta traducción aún no ha sido revisada." in page
    # The translation is still shown, and the translator gets it back to update, fuzzy.
    assert "visitas de estudio" in page
    again = export(capsys, project, tmp_path, "outdated.po", "--only", "outdated")
    (entry,) = polib.pofile(str(again))
    assert (entry.msgctxt, entry.flags) == (DESCRIPTION, ["fuzzy"])
    assert "visitas de estudio" in entry.msgstr


def test_notes_that_describe_no_translation_are_problems(project, capsys):
    path = project / BORDER
    path.write_text(path.read_text("utf-8") + "translations:\n  fr:\n    title: "
                    "{source: 0123456789ab}\n  es:\n    summary: {source: 0123456789ab}\n",
                    encoding="utf-8")
    code, out = run(capsys, "validate", project)
    assert code == 1
    assert "translations.fr: is the original language ('fr')" in out
    assert "translations.es.summary: describes a translation that is not there" in out


@pytest.mark.parametrize("language", ["ar", "en", "es", "fr", "ru", "zh"])
def test_sample_exports_are_valid_po_and_xliff(language, tmp_path, capsys):
    """Every text of the sample knowledge base, exported for each language."""
    for name in (f"{language}.po", f"{language}.xlf"):
        code, out = run(capsys, "translate", "export", REPO, "--lang", language,
                        "--only", "all", "-o", tmp_path / name)
        assert code == 0, out
    written = sorted(tmp_path.iterdir())
    assert written, "nothing exported"
    for path in written:
        if path.suffix == ".po":
            assert_msgfmt_passes(path)
        else:
            assert_valid_xliff(path)


def test_sample_reads_fully_in_every_language_every_translation_unreviewed(capsys):
    code, out = run(capsys, "translations", REPO, "--format", "json")
    assert code == 0
    languages = json.loads(out)["languages"]
    assert {language: entry["percent"] for language, entry in languages.items()} == \
        {language: 100 for language in UN_LANGUAGES}
    assert all(entry["outdated_texts"] == 0 for entry in languages.values())
    kb, problems = load_knowledge_base(REPO)
    assert not problems
    for kind in KINDS:
        for entry in kb.entries(kind.name):
            record = entry.record
            for language in UN_LANGUAGES:
                for item in freshness(record, language):
                    assert item.note is not None and not item.note.reviewed, \
                        (entry.path, language, item.field)


def test_translation_status_page_shows_the_sample_complete(sample_site):
    _, site = sample_site
    page = (site / "en" / "translations" / "index.html").read_text(encoding="utf-8")
    table = page.split('id="in-each-language"')[1].split("</table>")[0]
    assert html.unescape(table).count("<td>100%</td>") == 6


# Letters, digits, punctuation, spaces and line breaks of several scripts: what translators
# write (invisible characters are refused before any edit).
TEXTS = st.text(st.characters(categories=("L", "N", "P", "S", "Zs"),
                              exclude_characters="\u2028\u2029\x85") | st.just("\n"),
                min_size=1, max_size=200).map(str.strip).filter(bool)


@given(first=TEXTS, second=TEXTS)
@settings(max_examples=200, deadline=None)
def test_set_entries_writes_what_the_strict_loader_reads_back(first, second):
    """Whatever a translator writes, the edited file reads back to it, and the rest of the
    file keeps its bytes."""
    before = (FIXTURES / "test-translated-practice.yaml").read_text(encoding="utf-8")
    text = set_entries(before, {"title": {"es": first}})
    text = set_entries(text, {"title": {"zh": second, "en": first}})
    data = parse(text)
    assert (data["title"]["es"], data["title"]["zh"], data["title"]["en"]) == \
        (first, second, first)
    assert data["title"]["fr"] == parse(before)["title"]["fr"]
    head, tail = before.split("title:\n", 1)[0], before.split("summary:\n", 1)[1]
    assert text.startswith(head) and text.endswith("summary:\n" + tail)
