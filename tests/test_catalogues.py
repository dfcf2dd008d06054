"""The interface catalogues: every language has every key English has, and its placeholders."""

import re

import pytest

from generator.codes import UN_LANGUAGES
from generator.i18n import LOCALES, catalogue

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
