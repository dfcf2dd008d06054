"""The interface catalogues: every language has every key English has, and its placeholders."""

import re

import pytest
import yaml

from generator.kb.codes import UN_LANGUAGES
from generator.site.i18n import LOCALES, catalogue

ENGLISH = catalogue("en")


@pytest.mark.parametrize("language", [lang for lang in UN_LANGUAGES if lang != "en"])
def test_catalogue_has_every_key_and_placeholder(language):
    strings = catalogue(language)
    assert sorted(strings) == sorted(ENGLISH), f"{language}.yaml keys differ from en.yaml"
    for key, text in ENGLISH.items():
        assert set(re.findall(r"{\w+}", strings[key])) == set(re.findall(r"{\w+}", text)), key
        assert strings[key].strip(), key


def test_there_is_one_catalogue_per_un_language():
    assert sorted(p.stem for p in LOCALES.glob("*.yaml")) == sorted(UN_LANGUAGES)


FIELDS_EN = yaml.safe_load((LOCALES / "fields" / "en.yaml").read_text(encoding="utf-8"))


@pytest.mark.parametrize("language", [lang for lang in UN_LANGUAGES if lang != "en"])
def test_field_help_has_every_key(language):
    path = LOCALES / "fields" / f"{language}.yaml"
    assert list(yaml.safe_load(path.read_text(encoding="utf-8"))) == list(FIELDS_EN)


def test_english_field_help_is_the_models_descriptions():
    """The schema and `sskb new` say the same: the help is the models' descriptions."""
    from generator.kb.kinds import KINDS
    from generator.kb.models import WRITTEN_BY_TOOLS

    for kind in KINDS:
        for name, field in kind.model.model_fields.items():
            if name in WRITTEN_BY_TOOLS:  # `sskb new` leaves them out
                continue
            assert FIELDS_EN[f"{kind.name}.{name}"] == field.description, (kind.name, name)
