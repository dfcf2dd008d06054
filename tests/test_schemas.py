"""The JSON Schemas under schemas/ match the models, accept the sample records, and every
record file points its editor at its schema."""

import json

import jsonschema
import pytest
import yaml
from conftest import REPO

from generator.authoring.schemas import FOLDER, kind_folders, schema_line, schema_texts
from generator.cli import main

SCHEMAS = schema_texts()


@pytest.mark.parametrize("name", sorted(SCHEMAS))
def test_committed_schema_matches_the_models(name):
    committed = (REPO / FOLDER / name).read_text(encoding="utf-8")
    assert committed == SCHEMAS[name], "run `sskb schema` and commit schemas/"


def properties(schema: dict):
    yield from schema.get("properties", {}).items()
    for definition in schema.get("$defs", {}).values():
        yield from definition.get("properties", {}).items()


@pytest.mark.parametrize("name", sorted(SCHEMAS))
def test_every_field_has_a_description(name):
    for field, spec in properties(json.loads(SCHEMAS[name])):
        assert spec.get("description"), f"{name}: {field}"


def sample_files():
    for folder, kind in kind_folders().items():
        for path in sorted((REPO / folder).glob("*.yaml")):
            yield path, folder, kind


@pytest.mark.parametrize("path, folder, kind", list(sample_files()),
                         ids=lambda value: getattr(value, "name", ""))
def test_sample_records_follow_their_schema_and_point_at_it(path, folder, kind):
    text = path.read_text(encoding="utf-8")
    assert text.splitlines()[0] == schema_line(folder, kind)
    schema = json.loads(SCHEMAS[f"{kind}.schema.json"])
    # Editors read YAML 1.1 (dates become dates); the schema sees what they see, as JSON.
    data = json.loads(json.dumps(yaml.safe_load(text), default=str))
    jsonschema.Draft202012Validator(schema).validate(data)


def test_schema_command_writes_and_checks(tmp_path, capsys):
    (tmp_path / "practices").mkdir()
    assert main(["schema", str(tmp_path), "--check"]) == 1
    assert main(["schema", str(tmp_path)]) == 0
    assert main(["schema", str(tmp_path), "--check"]) == 0
    assert sorted(p.name for p in (tmp_path / FOLDER).iterdir()) == sorted(SCHEMAS)
