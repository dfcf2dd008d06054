"""Sealed fields: a personal value of an expert record encrypted to the editors' age keys,
stored in the YAML file as the ASCII-armoured age message (any `age -d` opens it too).

The clear value is written as JSON, padded to a multiple of 64 bytes so that the sealed
text does not tell a short name from a long one. Reading opens a sealed value with the
identities given (`SSKB_AGE_IDENTITY`, the identity's text, or `SSKB_AGE_IDENTITY_FILE`,
its file); without them the value is withheld. Nothing here writes a file.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path

import pyrage
from pyrage import x25519

BEGIN = "-----BEGIN AGE ENCRYPTED FILE-----"
END = "-----END AGE ENCRYPTED FILE-----"
PADDING = 64
IDENTITY_ENV = "SSKB_AGE_IDENTITY"
IDENTITY_FILE_ENV = "SSKB_AGE_IDENTITY_FILE"
# The sample knowledge base's key: its identity is public (tests/fixtures/keys/), so
# `sskb seal` uses it for fictional examples only.
SAMPLE_RECIPIENT = "age1tnaj8t3024x2ep8nwznq65wv25m7rs8497l9l6x6fd3rt6d754msx6450a"


class KeyProblem(Exception):
    """A key or identity that cannot be used; the message says which and why."""


class SealError(Exception):
    """A sealed value that cannot be opened; `code` and the message say why (never what)."""

    def __init__(self, code: str, message: str):
        super().__init__(message)
        self.code, self.message = code, message


def is_sealed(value) -> bool:
    # Only the start is looked at: a long text is not copied to strip it.
    return isinstance(value, str) and value[:80].lstrip().startswith(BEGIN)


def seal(value, recipients: list) -> str:
    """`value` (text, list or mapping) as an armoured age message to every recipient."""
    clear = json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    clear += b" " * (-len(clear) % PADDING)
    return pyrage.encrypt(clear, recipients, armored=True).decode("ascii")


def unseal(text: str, identities: list):
    """The value a sealed text holds; SealError when these identities cannot open it."""
    try:
        clear = pyrage.decrypt(text.strip().encode("ascii", "replace") + b"\n", identities)
    except pyrage.DecryptError as error:
        if "No matching keys" in str(error):
            raise SealError("sealed-key", "cannot be opened with the identity given: it was "
                            "sealed to other keys (is the right key in "
                            f"{IDENTITY_ENV}?)") from None
        raise SealError("sealed-damaged", "is not a whole sealed value (the text between "
                        "its BEGIN and END lines was changed or cut)") from None
    try:
        return json.loads(clear.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        raise SealError("sealed-damaged", "opens, but holds no value sealed by sskb") from None


def open_sealed(data: dict, keys: Keys, sealable: frozenset[str]
                ) -> tuple[dict, frozenset[str], list[tuple]]:
    """(the record's data with its sealed fields opened, or left out without `keys`; the
    names of the sealed fields; (field path, code, message) for those that cannot be)."""
    sealed = frozenset(name for name, value in data.items() if is_sealed(value))
    if not sealed:
        return data, sealed, []
    opened, findings = dict(data), []
    for name in sorted(sealed):
        value = opened.pop(name)
        if name not in sealable:
            findings.append(((name,), "not-sealable", "holds a sealed value, but only the "
                             "personal fields of an expert record can be sealed"
                             + (f" ({', '.join(sorted(sealable))})" if sealable else "")))
        elif keys:
            try:
                opened[name] = unseal(value, list(keys.identities))
            except SealError as error:
                findings.append(((name,), error.code, error.message))
    return opened, sealed & sealable, findings


def parse_recipients(keys: list) -> list:
    """The editors' public keys (`age1...`) as recipients; KeyProblem names a bad one."""
    recipients = []
    for index, key in enumerate(keys):
        try:
            recipients.append(x25519.Recipient.from_str(str(key).strip()))
        except pyrage.RecipientError:
            raise KeyProblem(f"editors' key {index + 1} in mkdocs.yml (extra.sskb.editors.keys) "
                            "is not an age public key (age1...)") from None
    return recipients


def parse_identities(text: str, where: str) -> list:
    """The identities of an age identity file's text (comments and blank lines aside)."""
    identities = []
    for number, line in enumerate(text.splitlines(), 1):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        try:
            identities.append(x25519.Identity.from_str(line))
        except pyrage.IdentityError:
            raise KeyProblem(f"{where}, line {number}: not an age identity "
                            "(AGE-SECRET-KEY-1...)") from None
    if not identities:
        raise KeyProblem(f"{where}: holds no age identity")
    return identities


@dataclass(frozen=True)
class Keys:
    """The identities that open sealed values in this run (none: they stay withheld)."""

    identities: tuple = ()

    @classmethod
    def from_environment(cls, environ=os.environ) -> "Keys":
        if environ.get(IDENTITY_ENV, "").strip():
            return cls(tuple(parse_identities(environ[IDENTITY_ENV], IDENTITY_ENV)))
        path = environ.get(IDENTITY_FILE_ENV, "").strip()
        if path:
            return cls.from_file(Path(path))
        return cls()

    @classmethod
    def from_file(cls, path: Path) -> "Keys":
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as error:
            raise KeyProblem(f"{path}: cannot read the identity file "
                            f"({getattr(error, 'strerror', None) or 'not UTF-8 text'})"
                            ) from None
        return cls(tuple(parse_identities(text, str(path))))

    def __bool__(self) -> bool:
        return bool(self.identities)


def new_identity() -> tuple[str, str]:
    """(identity text, public key) of a new key pair."""
    identity = x25519.Identity.generate()
    return str(identity), str(identity.to_public())
