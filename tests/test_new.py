"""`sskb new`: a commented record file that `sskb validate` guides to completion."""

import pytest
import yaml

from generator.authoring.new_record import field_help, scaffold
from generator.cli import main
from generator.kb.codes import UN_LANGUAGES
from generator.kb.kinds import KINDS
from generator.kb.models import WRITTEN_BY_TOOLS


@pytest.mark.parametrize("kind", [k.name for k in KINDS])
@pytest.mark.parametrize("language", UN_LANGUAGES)
def test_every_field_is_present_and_commented_in_the_language(kind, language):
    text = scaffold(kind, "a-new-record", language)
    model = next(k.model for k in KINDS if k.name == kind)
    data = yaml.safe_load(text)
    assert set(data) == set(model.model_fields) - WRITTEN_BY_TOOLS
    assert data["id"] == "a-new-record" and data["status"] == "draft"
    help_texts = field_help(language)
    assert f"# {help_texts[f'{kind}.id']}" in text


def test_a_new_practice_is_guided_to_a_valid_record(kb, capsys):
    assert main(["new", "practice", "shared-border-posts", "--lang", "fr", "--root",
                 str(kb)]) == 0
    path = kb / "practices" / "shared-border-posts.yaml"
    assert main(["validate", str(kb)]) == 1
    out = capsys.readouterr().out
    for field in ("title.fr", "summary.fr", "description.fr", "pillars", "themes",
                  "regions", "lead_countries", "cooperation", "period.start"):
        assert "practices/shared-border-posts.yaml:" in out and f" {field}: " in out
    # Fill it in as a contributor would, following the comments.
    text = path.read_text()
    for old, new in [('title:\n  fr: ""', "title:\n  fr: Postes frontaliers partagés"),
                     ('summary:\n  fr: ""', "summary:\n  fr: Deux pays partagent des postes."),
                     ("description:\n  fr: |\n", "description:\n  fr: |\n    Un texte.\n"),
                     ("pillars: []", "pillars: [3]"), ("themes: []", "themes: [border-security]"),
                     ("regions: []", "regions: [africa]"),
                     ("lead_countries: []", "lead_countries: [SEN]"),
                     ('cooperation: ""', "cooperation: bilateral"),
                     ('start: ""', "start: 2020")]:
        assert old in text, old
        text = text.replace(old, new)
    # Optional fields left empty are deleted, as their comments say.
    kept = []
    skip = False
    for line in text.splitlines():
        if line.startswith(("results:", "lessons_learned:", "replicability:", "human_rights:",
                            "sources:", "challenge:", "supported_by:", "evaluation:")):
            skip = True
        elif skip and not line.startswith((" ", "#")) and line.strip():
            skip = False
        if not skip:
            kept.append(line)
    path.write_text("\n".join(kept) + "\n")
    assert main(["validate", str(kb)]) == 0, capsys.readouterr().out


def test_new_refuses_an_existing_record_and_a_bad_id(kb, capsys):
    assert main(["new", "centre", "test-centre", "--root", str(kb)]) == 1
    assert "already exists" in capsys.readouterr().err
    assert main(["new", "practice", "Bad_Id", "--root", str(kb)]) == 1
    assert "not a valid id" in capsys.readouterr().err
    assert not (kb / "practices" / "Bad_Id.yaml").exists()
