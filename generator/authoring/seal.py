"""`sskb seal` and `sskb unseal`: an expert record's personal fields encrypted to the
editors' keys (listed in mkdocs.yml, `extra.sskb.editors.keys`), or opened again for an
editor who holds one. Each field is rewritten in place; the rest of the file is kept."""

from __future__ import annotations

from pathlib import Path

from ..build.write import write_whole
from ..kb.kinds import BY_NAME
from ..kb.load import read_editors
from ..kb.models import PERSONAL_FIELDS, Expert
from ..kb.problems import Problem
from ..kb.record_files import Entry, read_record
from ..kb.sealing import SAMPLE_RECIPIENT, Keys, KeyProblem, parse_recipients, seal
from .yaml_edit import block_yaml, field_yaml, replace_fields

# What sealing sets right: these problems do not stop it.
SEALING_FIXES = frozenset({"must-be-sealed", "id-names-person"})


class SealRefused(Exception):
    """Nothing was written: the message says why, `problems` what to fix first."""

    def __init__(self, message: str, problems: list[Problem] = ()):
        super().__init__(message)
        self.problems = list(problems)


def seal_file(root: Path, path: Path, every_field: bool = False,
              keys: Keys = Keys()) -> list[str]:
    """Seal the personal fields of the expert record at `path` that its consent does not
    let be public (with `every_field`, all of them); return their names. The record's
    clear values are checked first: a sealed value was valid when it was sealed."""
    entry = _expert_entry(root, path, keys)
    record: Expert = entry.record
    wanted = PERSONAL_FIELDS if every_field or not record.consent.profile else \
        () if record.consent.contact else ("contact",)
    names = [name for name in wanted
             if name in entry.data and name not in record.sealed]
    if not names:
        return []
    recipients = _recipients(root, record)
    write_whole(path, replace_fields(entry.text, {
        name: block_yaml(name, seal(entry.data[name], recipients)) for name in names}))
    return names


def reseal_file(root: Path, path: Path, keys: Keys) -> list[str]:
    """Seal again, to the editors' keys listed now, every field that is sealed (an editor
    joined or left); return their names."""
    entry = _expert_entry(root, path, keys, need_keys=True)
    names = sorted(entry.record.sealed)
    recipients = _recipients(root, entry.record)
    write_whole(path, replace_fields(entry.text, {
        name: block_yaml(name, seal(entry.data[name], recipients)) for name in names}))
    return names


def unseal_file(root: Path, path: Path, keys: Keys) -> list[str]:
    """Write the sealed fields of the record at `path` in the clear again, for an editor
    to change them (`sskb seal` seals them once more); return their names."""
    entry = _expert_entry(root, path, keys, need_keys=True)
    names = sorted(entry.record.sealed)
    write_whole(path, replace_fields(entry.text, {
        name: field_yaml(name, entry.data[name]) for name in names}))
    return names


def _expert_entry(root: Path, path: Path, keys: Keys, need_keys: bool = False) -> Entry:
    folder = root / BY_NAME["expert"].folder
    if path.parent.resolve() != folder.resolve() or path.suffix != ".yaml":
        raise SealRefused(f"{path}: only expert records ({BY_NAME['expert'].folder}/*.yaml) "
                          "have personal fields to seal")
    if need_keys and not keys:
        raise SealRefused("no identity to open sealed fields: give one with --identity FILE "
                          "or SSKB_AGE_IDENTITY_FILE")
    entry, problems = read_record(root, path, Expert, personal=True, keys=keys)
    blocking = [p for p in problems if p.code not in SEALING_FIXES]
    if entry is None or entry.record is None or blocking:
        raise SealRefused(f"{path.name}: nothing sealed; fix these first", blocking)
    return entry


def _recipients(root: Path, record: Expert) -> list:
    keys = read_editors(root).keys
    if not keys:
        raise SealRefused("mkdocs.yml lists no editors' keys (extra.sskb.editors.keys): add "
                          "the public key (age1...) of each editor who may open sealed fields")
    if SAMPLE_RECIPIENT in keys and not record.example:
        raise SealRefused("mkdocs.yml still lists the sample knowledge base's key, whose "
                          "identity is public: replace it with your editors' keys before "
                          "sealing a real person's data")
    try:
        return parse_recipients(list(keys))
    except KeyProblem as error:
        raise SealRefused(str(error)) from None
