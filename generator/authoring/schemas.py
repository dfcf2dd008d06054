"""JSON Schemas of the records, generated from the models, for editors that check YAML as it
is typed (VS Code's YAML extension reads the `# yaml-language-server: $schema=` line)."""

from __future__ import annotations

import json
import posixpath

from ..kb.kinds import KINDS, VOCABULARIES
from ..kb.models import Vocabulary

FOLDER = "schemas"
DIALECT = "https://json-schema.org/draft/2020-12/schema"


def schema_texts() -> dict[str, str]:
    """File name -> JSON text, for every kind of record and for the vocabularies."""
    models = {kind.name: kind.model for kind in KINDS} | {"vocabulary": Vocabulary}
    texts = {}
    for name, model in models.items():
        schema = {"$schema": DIALECT, **model.model_json_schema()}
        texts[f"{name}.schema.json"] = json.dumps(schema, indent=2, ensure_ascii=False) + "\n"
    return texts


def schema_line(folder: str, kind: str) -> str:
    """The first line of a record file in `folder` (relative to the knowledge base root)."""
    target = posixpath.relpath(f"{FOLDER}/{kind}.schema.json", folder)
    return f"# yaml-language-server: $schema={target}"


def kind_folders() -> dict[str, str]:
    folders = {kind.folder: kind.name for kind in KINDS}
    folders.update({posixpath.dirname(path): "vocabulary" for path in VOCABULARIES.values()})
    return folders
