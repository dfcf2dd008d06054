"""Under `mkdocs build` and `mkdocs serve` (not `sskb build`, which streams the pages in),
MkDocs' process generates this language's Markdown tree from the records itself."""

from __future__ import annotations

import os
from pathlib import Path

from mkdocs.exceptions import PluginError

from ..kb.load import Editors
from ..kb.problems import as_text
from ..kb.record_files import RecordReader
from ..site.i18n import language
from ..site.settings import settings
from .generate import DOCS, Generator, load_view


class KeptBetweenBuilds:
    """What `mkdocs build` and `mkdocs serve` keep from one build to the next (MkDocs
    loads the hook anew each time): the records read, and the pages rendered."""

    def __init__(self):
        self.reader = RecordReader()
        self.generator = Generator(keep=True)
        self.view = None

    def generate(self, root: Path, config) -> None:
        """Write this language's tree from the records, or stop with their problems."""
        extra = config["extra"].get("sskb") or {}
        # MkDocs has read mkdocs.yml: the editors are taken from it, not read again.
        view, problems = load_view(root, os.environ.get("SSKB_DRAFTS") == "1", self.reader,
                                   Editors.from_extra(extra))
        if problems:
            raise PluginError("the knowledge base has problems:\n" + as_text(problems))
        if self.view is not None:
            view.keep_from(self.view)
        self.view = view
        lang = language()
        self.generator.write_language(view, lang, settings(extra, lang), root / DOCS / lang)
