"""Sealed fields: an expert's personal data encrypted to the editors' keys in the public
repository, opened only by a build that holds a key (the deploy), and withheld, saying so,
by one that does not (pull-request previews, contributors' machines)."""

from __future__ import annotations

import html
import os
import re
import stat

import pytest
import yaml
from conftest import TESTS, build_site, make_project
from test_consent import everything

from generator.authoring.seal import SealRefused, reseal_file, seal_file, unseal_file
from generator.cli import main
from generator.kb.models import Expert
from generator.kb.record_files import read_record
from generator.kb.sealing import BEGIN, END, Keys, new_identity

SAMPLE_KEY = TESTS / "fixtures" / "keys" / "sample-editor.txt"
EXPERT = """# yaml-language-server: $schema=../../schemas/expert.schema.json
# A comment that stays, and the key order too.
id: example-sealed-expert
status: published
example: true
original_language: en
# her name as she writes it
name: Zyxwa Sealperson
consent:
  profile: true
  contact: true
  given_on: 2026-02-01
country: SEN
languages: [fr, wo]
themes: [victims]
bio:
  en: |
    Works with **victims' associations**.
contact:
  email: zyxwa.sealperson@example.org
  phone: "+221 77 123 45 67"
regions: [asia]
"""


@pytest.fixture
def project(tmp_path):
    root = make_project(tmp_path / "kb")
    path = root / "content" / "experts" / "example-sealed-expert.yaml"
    path.write_text(EXPERT, encoding="utf-8")
    practice = root / "practices" / "test-border-practice.yaml"
    practice.write_text(practice.read_text().replace(
        "experts: [example-test-expert]", "experts: [example-test-expert, example-sealed-expert]"))
    return root, path


def sample_keys() -> Keys:
    return Keys.from_file(SAMPLE_KEY)


def test_sealing_rewrites_only_the_personal_fields(project):
    root, path = project
    assert seal_file(root, path, every_field=True) == ["name", "country", "languages", "bio",
                                                      "contact"]
    text = path.read_text(encoding="utf-8")
    # (the ciphertexts are left out: their base64 holds "SEN" about once in a hundred runs)
    clear = re.sub(f"{BEGIN}.*?{END}", "", text, flags=re.S)
    assert "Zyxwa" not in clear and "Sealperson" not in clear and "77 123" not in clear
    assert "SEN" not in clear and "wo]" not in clear and "victims' associations" not in clear
    assert text.count(BEGIN) == 5
    # Everything else is kept byte for byte, comments and order included.
    assert text.startswith(EXPERT.split("name:")[0])
    assert "consent:\n  profile: true\n  contact: true\n  given_on: 2026-02-01\n" in text
    assert "themes: [victims]\nbio: |\n" in text and text.endswith("regions: [asia]\n")
    # Without a key the record still validates: its sealed fields are withheld.
    entry, problems = read_record(root, path, Expert, personal=True, keys=Keys())
    assert problems == [] and entry.record.name is None and entry.record.sealed == {
        "name", "country", "languages", "bio", "contact"}
    # With the key, the values are as they were written.
    entry, problems = read_record(root, path, Expert, personal=True, keys=sample_keys())
    assert problems == [] and entry.record.name == "Zyxwa Sealperson"
    assert entry.record.contact.phone == "+221 77 123 45 67"


def test_unsealing_gives_the_clear_values_back(project):
    root, path = project
    seal_file(root, path, every_field=True)
    assert unseal_file(root, path, sample_keys()) == ["bio", "contact", "country", "languages",
                                                      "name"]
    text = path.read_text(encoding="utf-8")
    assert yaml.safe_load(text) == yaml.safe_load(EXPERT)
    assert BEGIN not in text and text.startswith(EXPERT.split("name:")[0])


def test_sealing_seals_what_consent_does_not_cover(project):
    root, path = project
    path.write_text(EXPERT.replace("  contact: true", "  contact: false"), encoding="utf-8")
    _, problems = read_record(root, path, Expert, personal=True, keys=Keys())
    assert [(p.field, p.code) for p in problems] == [("contact", "must-be-sealed")]
    assert seal_file(root, path) == ["contact"]
    assert seal_file(root, path) == []  # nothing left to seal
    assert read_record(root, path, Expert, personal=True, keys=Keys())[1] == []


def test_a_value_is_checked_before_it_is_sealed(project):
    root, path = project
    path.write_text(EXPERT.replace("zyxwa.sealperson@example.org", "not an email"))
    before = path.read_bytes()
    with pytest.raises(SealRefused) as refused:
        seal_file(root, path, every_field=True)
    assert [(p.field, p.code) for p in refused.value.problems] == [("contact.email", "email")]
    assert path.read_bytes() == before


def test_the_sample_key_seals_fictional_examples_only(project):
    root, path = project
    real = root / "content" / "experts" / "sealed-expert.yaml"
    real.write_text(EXPERT.replace("id: example-sealed-expert", "id: sealed-expert")
                    .replace("example: true", "example: false"))
    with pytest.raises(SealRefused, match="sample knowledge base's key"):
        seal_file(root, real, every_field=True)


def test_resealing_follows_the_editors_keys_in_mkdocs_yml(project, tmp_path):
    root, path = project
    seal_file(root, path, every_field=True)
    identity, public = new_identity()
    config = root / "mkdocs.yml"
    config.write_text(config.read_text().replace(
        "        - age1tnaj8t3024x2ep8nwznq65wv25m7rs8497l9l6x6fd3rt6d754msx6450a",
        f"        - age1tnaj8t3024x2ep8nwznq65wv25m7rs8497l9l6x6fd3rt6d754msx6450a\n"
        f"        - {public}"))
    assert reseal_file(root, path, sample_keys())
    (tmp_path / "new.key").write_text(identity)
    entry, problems = read_record(root, path, Expert, personal=True,
                                  keys=Keys.from_file(tmp_path / "new.key"))
    assert problems == [] and entry.record.name == "Zyxwa Sealperson"


@pytest.fixture
def with_key():
    os.environ["SSKB_AGE_IDENTITY_FILE"] = str(SAMPLE_KEY)
    yield
    os.environ.pop("SSKB_AGE_IDENTITY_FILE", None)


def expert_page(root) -> str:
    return html.unescape((root / "site" / "en" / "experts" / "example-sealed-expert" /
                          "index.html").read_text(encoding="utf-8"))


def test_a_build_with_the_key_shows_what_consent_allows(project, with_key):
    root, path = project
    seal_file(root, path, every_field=True)
    build_site(root, languages=("en",))
    page = expert_page(root)
    assert "Zyxwa Sealperson" in page and "zyxwa.sealperson@example.org" in page
    assert "Senegal" in page and "victims' associations" in page


def test_a_build_without_the_key_shows_none_of_it_and_says_so(project):
    root, path = project
    seal_file(root, path, every_field=True)
    build_site(root, languages=("en",))
    text = everything(root / "site")
    assert "Sealperson" not in text and "zyxwa" not in text.lower() and "77 123" not in text
    page = expert_page(root)
    assert "Name withheld" in page and "withheld (sealed" in page
    assert "Contact on request through the programme" in page
    assert "editors@example.org" in page


def test_a_wrong_key_is_a_clear_error(project, tmp_path, capsys):
    root, path = project
    seal_file(root, path, every_field=True)
    (tmp_path / "other.key").write_text(new_identity()[0])
    os.environ["SSKB_AGE_IDENTITY_FILE"] = str(tmp_path / "other.key")
    try:
        assert main(["build", str(root), "--lang", "en"]) == 1
    finally:
        os.environ.pop("SSKB_AGE_IDENTITY_FILE")
    out = capsys.readouterr().out
    assert ("content/experts/example-sealed-expert.yaml:8:7: name: cannot be opened with the "
            "identity given: it was sealed to other keys") in out
    assert "Traceback" not in out and not (root / "site").exists()


def test_an_identity_that_is_no_key_is_one_line(project, tmp_path, capsys):
    root, _ = project
    (tmp_path / "bad.key").write_text("AGE-SECRET-KEY-1NOTAKEY\n")
    assert main(["seal", "--identity", str(tmp_path / "bad.key"), "--reseal",
                 str(root / "content" / "experts" / "example-sealed-expert.yaml")]) == 2
    err = capsys.readouterr().err
    assert err.strip().endswith("line 1: not an age identity (AGE-SECRET-KEY-1...)")
    assert "AGE-SECRET-KEY-1NOTAKEY" not in err


def test_keygen_writes_a_private_identity_and_prints_its_public_key(tmp_path, capsys):
    assert main(["keygen", "-o", str(tmp_path / "editor.key")]) == 0
    assert stat.S_IMODE((tmp_path / "editor.key").stat().st_mode) == 0o600
    public = capsys.readouterr().out.strip().splitlines()[-1]
    assert public.startswith("age1")
    assert Keys.from_file(tmp_path / "editor.key")
    with pytest.raises(SystemExit):  # an identity is never overwritten
        main(["keygen", "-o", str(tmp_path / "editor.key")])


def test_the_deploy_build_refuses_a_page_naming_a_sealed_person(project, with_key):
    """A preview without the key cannot tell that a practice names the fixture's
    unconsented expert (her name is sealed); the deploy, which holds the key, refuses."""
    root, _ = project
    practice = root / "practices" / "test-border-practice.yaml"
    practice.write_text(practice.read_text().replace("Une description en **Markdown**.",
                                                     "Avec Dana Ortiz."))
    from generator.build.pipeline import build

    report = build(root, languages=("en",), say=lambda line: None)
    assert [(p.field, p.code) for p in report.problems] == [("description.fr", "personal-data")]
    assert not (root / "site").exists()
    os.environ.pop("SSKB_AGE_IDENTITY_FILE")
    assert not build(root, languages=("en",), say=lambda line: None).problems


def test_a_deployment_with_its_own_key_pair(project, tmp_path, capsys):
    """A throwaway key pair stands for a deployment's editors: a real (not example) record
    is sealed to it, validates without the key, shows what consent allows in a build with
    the key and none of it without, and another key is a clear error."""
    root, _ = project
    identity, public = new_identity()
    (tmp_path / "editor.key").write_text(identity)
    config = root / "mkdocs.yml"
    config.write_text(config.read_text().replace(
        "age1tnaj8t3024x2ep8nwznq65wv25m7rs8497l9l6x6fd3rt6d754msx6450a", public))
    path = root / "content" / "experts" / "zyxwa-expert.yaml"
    path.write_text(EXPERT.replace("example-sealed-expert", "zyxwa-expert")
                    .replace("example: true", "example: false"))
    (root / "content" / "experts" / "example-sealed-expert.yaml").unlink()
    # The fixture's draft expert is sealed to the sample key: gone, with its mention.
    (root / "content" / "experts" / "example-draft-expert.yaml").unlink()
    draft = root / "practices" / "test-draft-practice.yaml"
    draft.write_text(draft.read_text().replace("experts: [example-draft-expert]\n", ""))
    practice = root / "practices" / "test-border-practice.yaml"
    practice.write_text(practice.read_text().replace("example-sealed-expert", "zyxwa-expert"))
    # Every personal field sealed, the id not naming the person: nothing of her in the file.
    assert seal_file(root, path, every_field=True)
    assert "Zyxwa" not in path.read_text() and "zyxwa.sealperson" not in path.read_text()
    assert main(["validate", str(root)]) == 0
    assert main(["build", str(root), "--lang", "en"]) == 0
    page = (root / "site" / "en" / "experts" / "zyxwa-expert" / "index.html").read_text()
    assert "Sealperson" not in page and "Name withheld" in page
    os.environ["SSKB_AGE_IDENTITY_FILE"] = str(tmp_path / "editor.key")
    try:
        assert main(["build", str(root), "--lang", "en"]) == 0
        page = (root / "site" / "en" / "experts" / "zyxwa-expert" / "index.html").read_text()
        assert "Zyxwa Sealperson" in page and "zyxwa.sealperson@example.org" in page
        os.environ["SSKB_AGE_IDENTITY_FILE"] = str(SAMPLE_KEY)  # a key, not this one
        capsys.readouterr()
        assert main(["validate", str(root)]) == 1
        assert "zyxwa-expert.yaml:8:7: name: cannot be opened" in capsys.readouterr().out
    finally:
        os.environ.pop("SSKB_AGE_IDENTITY_FILE", None)
