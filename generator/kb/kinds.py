"""The kinds of record: the one table of where each lives, what checks it, what it is called."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .models import Model


@dataclass(frozen=True)
class Kind:
    name: str        # practice
    plural: str      # practices: the site's folder, the view's attribute, the field naming them
    folder: str      # where its files are, relative to the knowledge base's root
    model_name: str  # the class of models.py that checks it
    personal: bool = False  # values never appear in messages

    @property
    def model(self) -> type[Model]:
        # Imported when first asked: MkDocs' process needs the kinds' names and folders
        # (page addresses), never the models, whose import (pydantic and its schemas) was
        # a tenth of a second of every language's MkDocs process.
        from . import models

        return getattr(models, self.model_name)

    def source_file(self, record_id: str) -> str:
        """The YAML file a record comes from, relative to the repository."""
        return f"{self.folder}/{record_id}.yaml"


KINDS = (
    Kind("practice", "practices", "practices", "Practice"),
    Kind("expert", "experts", "content/experts", "Expert", personal=True),
    Kind("centre", "centres", "content/centres", "Centre"),
    Kind("organization", "organizations", "content/organizations", "Organization"),
    Kind("request", "requests", "content/requests", "Request"),
)
BY_NAME = {kind.name: kind for kind in KINDS}
# The kinds a practice names (in its fields of the same plural name), each with a page.
NAMED_BY_PRACTICES = KINDS[1:4]

VOCABULARIES = {"themes": "content/taxonomy/themes.yaml",
                "regions": "content/taxonomy/regions.yaml",
                "glossary": "content/taxonomy/glossary.yaml"}
# Vocabularies a knowledge base may do without: the translators' glossary.
OPTIONAL_VOCABULARIES = frozenset({"glossary"})
