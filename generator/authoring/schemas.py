"""JSON Schemas of the records, generated from the models, for editors that check YAML as it
is typed (VS Code's YAML extension reads the `# yaml-language-server: $schema=` line)."""

from __future__ import annotations

import json
import posixpath

from ..kb.kinds import KINDS, VOCABULARIES
from ..kb.models import REQUIRED_PERSONAL, SEALABLE, Vocabulary
from ..kb.sealing import BEGIN

FOLDER = "schemas"
DIALECT = "https://json-schema.org/draft/2020-12/schema"


def schema_texts() -> dict[str, str]:
    """File name -> JSON text, for every kind of record and for the vocabularies."""
    models = {kind.name: kind.model for kind in KINDS} | {"vocabulary": Vocabulary}
    texts = {}
    for name, model in models.items():
        schema = {"$schema": DIALECT, **model.model_json_schema()}
        if model in SEALABLE:
            schema = _sealable(schema, SEALABLE[model])
        texts[f"{name}.schema.json"] = json.dumps(schema, indent=2, ensure_ascii=False) + "\n"
    return texts


SEALED = {"type": "string", "pattern": f"^\\s*{BEGIN}",
          "description": "A sealed value: encrypted to the editors' keys by `sskb seal`."}


def _sealable(schema: dict, fields) -> dict:
    """Each of `fields` holds its value, or that value sealed."""
    schema.setdefault("$defs", {})["Sealed"] = SEALED
    properties = schema["properties"]
    for name in fields:
        clear = properties[name]
        outer = {key: clear.pop(key) for key in ("title", "description", "default")
                 if key in clear}
        choices = clear["anyOf"] if list(clear) == ["anyOf"] else [clear]
        if name in REQUIRED_PERSONAL:
            choices = [choice for choice in choices if choice != {"type": "null"}]
            outer.pop("default", None)
            schema["required"] = sorted({*schema.get("required", ()), name},
                                        key=list(properties).index)
        properties[name] = {"anyOf": [*choices, {"$ref": "#/$defs/Sealed"}], **outer}
    return schema


def schema_line(folder: str, kind: str) -> str:
    """The first line of a record file in `folder` (relative to the knowledge base root)."""
    target = posixpath.relpath(f"{FOLDER}/{kind}.schema.json", folder)
    return f"# yaml-language-server: $schema={target}"


def kind_folders() -> dict[str, str]:
    folders = {kind.folder: kind.name for kind in KINDS}
    folders.update({posixpath.dirname(path): "vocabulary" for path in VOCABULARIES.values()})
    return folders
