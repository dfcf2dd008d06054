"""Property-based tests: whatever a contributor writes, the only outcomes are data or reported
problems, never an exception, a crash or a hang."""

import string

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.kb.load import LoadError, decode, parse
from generator.kb.models import Expert, Practice
from generator.kb.record_files import read_record

FUZZ = settings(max_examples=300, deadline=2000,
                suppress_health_check=[HealthCheck.function_scoped_fixture])

# Pieces of YAML syntax, so that generated texts reach deep into the parser.
TOKENS = st.sampled_from([
    "id: x", "title:", "  fr: t", "- ", "[", "]", "{", "}", ": ", ", ", "\n", "  ", "&a ",
    "*a", "!!python/object:os.system", "!tag ", "---\n", "...\n", "? ", "|\n", ">\n", "'",
    '"', "\\u202e", "#", " # c", "%YAML 1.1\n", "<<: *a", "\t", "NO", "1.10", "2024-01-01",
    "~", "null", "yes", "\ufeff", "\u200c", "é", "中文", "عربي",
])
YAML_LIKE = st.lists(st.one_of(TOKENS, st.text(string.printable, max_size=8)),
                     max_size=60).map("".join)
PLAIN = st.none() | st.booleans() | st.integers() | st.text(max_size=30)
DATA = st.recursive(PLAIN, lambda inner: st.lists(inner, max_size=4)
                    | st.dictionaries(st.text(max_size=12), inner, max_size=4), max_leaves=25)


def loads_or_refuses(text: str) -> None:
    try:
        parse(text)
    except LoadError as error:
        assert error.line >= 1 and error.column >= 1 and error.message


@FUZZ
@given(st.text(max_size=300))
def test_any_text_loads_or_is_refused(text):
    loads_or_refuses(text)


@FUZZ
@given(YAML_LIKE)
def test_any_yaml_like_text_loads_or_is_refused(text):
    loads_or_refuses(text)


@FUZZ
@given(st.binary(max_size=300))
def test_any_bytes_decode_or_are_refused(raw):
    try:
        loads_or_refuses(decode(raw))
    except LoadError as error:
        assert error.code in ("not-utf8", "invisible-character")


def field_values(model):
    """Records with the model's own field names and arbitrary values."""
    names = st.sampled_from(sorted(model.model_fields) + ["unknown", "tittle"])
    return st.dictionaries(names, DATA, max_size=12)


@FUZZ
@given(st.one_of(YAML_LIKE, field_values(Practice).map(
    lambda d: yaml.safe_dump(d, allow_unicode=True))))
def test_a_practice_file_gives_a_record_or_problems(tmp_path, text):
    check_file(tmp_path, "practices", text, Practice)


@FUZZ
@given(field_values(Expert).map(lambda d: yaml.safe_dump(d, allow_unicode=True)))
def test_an_expert_file_gives_a_record_or_problems(tmp_path, text):
    check_file(tmp_path, "content/experts", text, Expert, personal=True)


def check_file(root, folder, text, model, personal=False):
    path = root / folder / "fuzzed.yaml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    entry, problems = read_record(root, path, model, personal)
    assert entry is not None or problems
    for problem in problems:
        assert problem.path == f"{folder}/fuzzed.yaml" and problem.line >= 1
        assert problem.message and "Traceback" not in problem.message
