"""Recognising people in any text: the names, emails and phones of experts who may not
appear, and any contact detail that no consenting expert published.

Texts are folded before they are searched (compatibility forms such as a fullwidth `＠`,
case, accents and other combining marks, invisible and format characters such as soft
hyphens and joiners, and the Arabic letters written two ways), so that a name or an
address written otherwise is still the same one. A name matches with any separators
between its words, or none, in its order or the reverse one; an email also written
`name (at) host (dot) org`; a phone by its digits, with or without the country prefix,
the international `00` or a trunk `0`. Pure: the caller says which people to look for.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache

import phonenumbers

from .load import INVISIBLE_ASTRAL_RANGES, INVISIBLE_RANGES, JOINERS

# Arabic letters written two ways (teh marbuta and heh, alef maksura and yeh) and the
# tatweel, which only stretches a word.
_ARABIC = (("\u0629", "\u0647"), ("\u0649", "\u064a"), ("\u0640", ""))
_OBFUSCATED_AT = re.compile(r"\s*[(\[{]\s*(?:at|@)\s*[)\]}]\s*")
_BRACKETED_AT = re.compile(r"[(\[{]\s*at\s*[)\]}]")  # found fast: it starts with a bracket
# Signs and digits that folding turns into `@`, `+` and digits (fullwidth, small).
_FULLWIDTH = re.compile("[\uff0b\uff10-\uff20\ufe6b\ufe62]")
# A phone number found without a region is written in international form: a plus, then
# (after brackets, spaces or other signs) a digit. A plus followed by anything else (the
# theme's scripts hold many) cannot start one, and the costly matcher is not run for it.
_PLUS_DIGIT = re.compile(r"\+\W*\d")
# Around such a plus, what the matcher reads: a bracket or two before it, and the digits
# and signs after it (an extension, after a letter, is not needed to find the number).
_BEFORE_PLUS = 4
_NUMBER_RUN = re.compile(r"[\d\W]*")
# The fewest digits of a phone number in international form (+690 1234, Tokelau: seven).
_FEWEST_DIGITS = 6


def _international_00(text: str) -> bool:
    """Whether `00` starts a number somewhere (as _INTERNATIONAL_00 finds it, but looked
    for as a literal: the pattern's search tried every position, a fifth of a page's
    audit), with digits enough around it to be one (`practice-00103/` has not)."""
    at = text.find("00")
    while at >= 0:
        before, after = text[at - 1:at] if at else "", text[at + 2:at + 4]
        if not (before.isdigit() or before == "+") and len(after) == 2 \
                and after[0] in "123456789" and after[1].isdigit() \
                and _digits_around(text, at, at + 2) >= _FEWEST_DIGITS:
            return True
        at = text.find("00", at + 1)
    return False


def _digits_around(text: str, start: int, end: int) -> int:
    """The digits of what `_around_pluses` reads around a plus written `text[start:end]`:
    the run of digits and signs after it, and the characters before it (one more than it
    reads: a `00` before them, read as a plus, would have moved them by one)."""
    run = _NUMBER_RUN.match(text, end).end()
    return _digits(text[max(0, start - _BEFORE_PLUS - 1):start] + text[end:run])


def _digits(text: str) -> int:
    return sum(map(str.isdigit, text))


def _plus_digit(text: str) -> bool:
    """Whether a plus that a digit follows may start a phone number somewhere."""
    return "+" in text and _PLUS_DIGIT.search(text) is not None


def _may_hold_contact(text: str) -> bool:
    """Whether `text` holds what a contact detail holds, in any form that folding turns
    into it (most texts do not). Tests cheapest first: this runs on every record."""
    if _email_at(text) or _plus_digit(text):
        return True
    if _international_00(text):
        return True
    if not text.isascii() and _FULLWIDTH.search(text):
        return True
    return ("(" in text or "[" in text or "{" in text) and _BRACKETED_AT.search(text) is not None
_OBFUSCATED_DOT = re.compile(r"\s*[(\[{]\s*dot\s*[)\]}]\s*")
# An email is looked for from each `@` (a pattern starting with its local part was tried at
# every letter of a page): its local part before it, its domain after, in the ASCII that
# addresses are written in once folded (a word of another script written against it, as
# text extracted from a right-to-left PDF line can be, is not part of it).
_LOCAL_PART = re.compile(r"[A-Za-z0-9_.+-]{1,64}\Z")
_DOMAIN = re.compile(r"[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+")


def emails_in(text: str):
    """(start, address) for every email address in `text`."""
    at = text.find("@")
    while at >= 0:
        local, domain = _LOCAL_PART.search(text, max(0, at - 64), at), _DOMAIN.match(text, at + 1)
        if local and domain:
            yield local.start(), f"{local.group()}@{domain.group()}"
        at = text.find("@", at + 1)
# `00` that starts a number is the international prefix, as `+` is.
_INTERNATIONAL_00 = re.compile(r"(?<![\d+])00(?=[1-9]\d)")
_ANNOTATION = re.compile(r"\([^)]*\)|\[[^\]]*\]")
_WORD = re.compile(r"\w+")
_SEPARATORS = r"[\W_]*"
_DIGIT_SEPARATORS = r"[\s.\-/()\u00a0]*"
# Scripts written with spaces between words, where a name is a whole word (a short name
# inside a longer word is not the person): Latin, Greek, Cyrillic, Armenian. Arabic words
# take prefixes (و, ب, ال), Chinese and Thai have no spaces: there a name is any match.
_SPACED = re.compile(r"[a-z\u00c0-\u058f]")
_NO_WORD_BEFORE = r"(?<!\w)"


@lru_cache(maxsize=1)
def _hidden() -> re.Pattern:
    """Combining marks (accents, Arabic vowel signs) and invisible characters."""
    marks = "".join(chr(c) for c in range(0x10000)
                    if unicodedata.category(chr(c)) in ("Mn", "Me")
                    and not 0xd800 <= c <= 0xdfff)
    return re.compile(f"[{re.escape(marks)}{INVISIBLE_RANGES}{JOINERS}"
                      f"{INVISIBLE_ASTRAL_RANGES}]+")


def _email_at(text: str) -> bool:
    """Whether an `@` stands where an email address holds it, before folding: after a
    character of a local part, or after characters that folding removes (accents,
    invisible characters) that follow one. JSON-LD's `"@context"`, on every page, is not
    one. Each `@` is found as a literal, and looked behind (a pattern tried every
    position of a page)."""
    at = text.find("@")
    while at >= 0:
        before = at - 1
        while before >= 0 and _hidden().match(text, before):
            before -= 1
        if before >= 0 and (text[before].isalnum() or text[before] in "_.+-"):
            return True
        at = text.find("@", at + 1)
    return False


def fold(text: str) -> str:
    """`text` as it is compared: one spelling per letter, lower case, nothing hidden."""
    if text.isascii():
        return text.lower()
    text = _hidden().sub("", unicodedata.normalize("NFKD", text))
    text = text.casefold()
    # (str.translate with a table took most of the time folding a page.)
    for written, same in _ARABIC:
        if written in text:
            text = text.replace(written, same)
    return text


def name_pattern(name: str) -> str | None:
    """A regular expression for a person's name in folded text (None when too short to
    tell apart). Parenthesised notes such as "(fictional example)"
    are not part of the name."""
    words = _WORD.findall(fold(_ANNOTATION.sub(" ", name)))
    letters = sum(len(word) for word in words)
    # Two letters are a name in Chinese (陈伟), not in a script with spaces.
    if letters < 2 or (letters < 3 and any(_SPACED.match(word) for word in words)):
        return None
    orders = [words] + ([words[::-1]] if len(words) > 1 else [])
    return "|".join(_whole(_SEPARATORS.join(map(re.escape, order)), order)
                    for order in orders)


def _whole(pattern: str, words: list[str]) -> str:
    before = _NO_WORD_BEFORE if _SPACED.match(words[0]) else ""
    after = r"(?!\w)" if _SPACED.match(words[-1][-1]) else ""
    return f"{before}(?:{pattern}){after}"


def email_pattern(email: str) -> str:
    """An email address in folded text, written plainly or as `a.b (at) host (dot) org`."""
    local, _, domain = fold(email).partition("@")
    local_part = _SEPARATORS.join(map(re.escape, re.split(r"[._+-]+", local)))
    domain_part = r"\W*(?:dot\W*)?".join(map(re.escape, domain.split(".")))
    return rf"{_NO_WORD_BEFORE}{local_part}\W*(?:@|\bat\b)\W*{domain_part}(?!\w)"


def phone_pattern(phone: str) -> str | None:
    """A phone number in folded text by its national digits, whatever is written before
    them (+221, 00221, 0) and between them."""
    try:
        number = phonenumbers.parse(phone, None)
    except phonenumbers.NumberParseException:
        return None
    national = phonenumbers.national_significant_number(number)
    if len(national) < 6:
        return None
    # No boundary before: a country code or a trunk prefix may stand there.
    return _DIGIT_SEPARATORS.join(national) + r"(?!\d)"


def e164(text: str) -> str | None:
    try:
        number = phonenumbers.parse(text, None)
    except phonenumbers.NumberParseException:
        return None
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


@dataclass(frozen=True)
class Withheld:
    """A person who may not appear: whose name may not (`name`), or only whose contact
    details may not (the patterns of what may not appear, in folded text)."""

    expert_id: str
    names: tuple[str, ...] = ()
    contacts: tuple[str, ...] = ()


@dataclass(frozen=True)
class Sighting:
    start: int          # in the folded text
    code: str           # personal-data
    message: str
    expert_id: str | None = None  # the withheld person seen, if it is one
    name: bool = False            # seen by their name (not a contact detail)


@dataclass
class PersonalData:
    """What may not be published about people: the withheld, and every contact detail but
    those published with consent (`emails` lower case, `phones` in E.164). Sent to the
    audit's worker processes: patterns are compiled there, once."""

    emails: frozenset[str] = frozenset()
    phones: frozenset[str] = frozenset()
    withheld: tuple[Withheld, ...] = ()
    _compiled: tuple | None = field(default=None, repr=False, compare=False)

    def __getstate__(self):
        return {**self.__dict__, "_compiled": None}

    def _patterns(self) -> tuple:
        if self._compiled is None:
            # Contacts first: an email holds the name, and is the better finding.
            # Everyone's patterns in one, without the word boundaries before them: each
            # then starts with a letter or digit, which the search skips to (a boundary
            # first made it try every position). Each person's own pattern says at once
            # whether a candidate is them, boundary included.
            alternatives = [p.replace(_NO_WORD_BEFORE, "") for w in self.withheld
                            for p in w.contacts + w.names]
            everyone = re.compile("|".join(f"(?:{p})" for p in alternatives)) \
                if alternatives else None
            people = [(w, re.compile("|".join(f"(?:{p})" for p in w.names)) if w.names
                       else None, re.compile("|".join(f"(?:{p})" for p in w.contacts))
                       if w.contacts else None) for w in self.withheld]
            self._compiled = (everyone, people)
        return self._compiled

    def may_see(self, text: str) -> bool:
        """Whether a text not folded yet may hold anything to find (most do not: no one is
        withheld, and no contact detail is there), before the cost of folding it."""
        return bool(self.withheld) or _may_hold_contact(text)

    def sightings_in(self, text: str) -> list[Sighting]:
        """`sightings` of a text not folded yet, folding it only if it `may_see` any."""
        return self.sightings(fold(text)) if self.may_see(text) else []

    def sightings(self, text: str, regions=()) -> list[Sighting]:
        """Every person who may not appear, and every unpublished contact detail, in
        `text` (already folded: see `fold`). Phones are found in international form, and
        in the national forms of `regions` (ISO 3166-1 alpha-2) when given."""
        found = self._withheld(text)
        if "@" in text or _BRACKETED_AT.search(text):
            found += self._emails(text)
        if _plus_digit(text) or _international_00(text):
            found += self._phones(text)
        for region in regions:
            found += self._phones(text, region)
        return found

    def _withheld(self, text: str) -> list[Sighting]:
        everyone, people = self._patterns()
        if everyone is None:
            return []
        found = []
        for match in everyone.finditer(text):
            start = match.start()
            for person, names, contacts in people:
                if contacts and contacts.match(text, start):
                    found.append(Sighting(match.start(), "personal-data", "a contact detail "
                                          "of an expert who has not consented to its "
                                          f"publication ({person.expert_id})",
                                          person.expert_id))
                    break
                if names and names.match(text, start):
                    found.append(Sighting(match.start(), "personal-data", "the name of an "
                                          "expert who has not consented to appear "
                                          f"({person.expert_id})", person.expert_id, True))
                    break
        return found

    def _emails(self, text: str) -> list[Sighting]:
        if _BRACKETED_AT.search(text):
            text = _OBFUSCATED_DOT.sub(".", _OBFUSCATED_AT.sub("@", text))
        return [Sighting(start, "personal-data", "an email address that no consenting "
                         "expert has published")
                for start, email in emails_in(text) if email.lower() not in self.emails
                and not self._withheld_contact(email)]

    def _phones(self, text: str, region: str | None = None) -> list[Sighting]:
        if _international_00(text):  # the pattern tried every position of a page
            text = _INTERNATIONAL_00.sub("+", text)
        found = {}
        for offset, part in ([(0, text)] if region else _around_pluses(text)):
            for match in phonenumbers.PhoneNumberMatcher(part, region):
                number = phonenumbers.format_number(match.number,
                                                    phonenumbers.PhoneNumberFormat.E164)
                if number not in self.phones and not self._withheld_contact(match.raw_string):
                    found.setdefault(offset + match.start, Sighting(
                        offset + match.start, "personal-data",
                        "a phone number that no consenting expert has published"))
        return [found[start] for start in sorted(found)]

    def _withheld_contact(self, text: str) -> bool:
        """Whether a withheld person's contact detail is this one (reported as theirs)."""
        return any(contacts and contacts.search(text) for _, _, contacts in self._patterns()[1])


def _around_pluses(text: str):
    """(offset, part) of `text` around each plus that may start a phone number: without a
    region, the matcher finds only numbers in international form, and run over a whole page
    it tried every run of digits (half of the audit's time). A part runs from just before
    the plus over the digits and signs that follow it, and is left out when it holds too
    few digits to be a number (`practice-00103/`, once `00` is read as a plus)."""
    end = -1
    for plus in _PLUS_DIGIT.finditer(text):
        if plus.start() < end:
            continue  # inside the part already given
        start = max(0, plus.start() - _BEFORE_PLUS)
        end = _NUMBER_RUN.match(text, plus.start() + 1).end()
        if _digits(text[start:end]) >= _FEWEST_DIGITS:
            yield start, text[start:end]


class Searched:
    """The records `kb.mentions` found to name no one, and for whom: kept between searches
    (`sskb serve` searches again only the records it read again, while the people are the
    same)."""

    def __init__(self):
        self.people: PersonalData | None = None
        self.clear: dict[int, object] = {}  # id() of an entry -> the entry


def personal_data(experts, may_appear, may_show_contact, emails=()) -> PersonalData:
    """What may not be published about these experts (Expert records): the names of those
    who may not appear, and the contacts of those whose contacts may not be shown; every
    other contact detail but `emails` is refused as no one's."""
    allowed_emails, allowed_phones, withheld = {e.lower() for e in emails}, set(), []
    for expert in experts:
        appears = may_appear(expert)
        email = expert.contact.email if expert.contact else None
        phone = expert.contact.phone if expert.contact else None
        if appears and may_show_contact(expert):
            allowed_emails.update([email.lower()] if email else [])
            allowed_phones.update([e164(phone)] if phone else [])
            contacts = ()
        else:
            contacts = ((email_pattern(email),) if email else ()) + \
                ((phone_pattern(phone),) if phone else ())
        names = (name_pattern(expert.name),) if expert.name and not appears else ()
        names, contacts = tuple(filter(None, names)), tuple(filter(None, contacts))
        if names or contacts:
            withheld.append(Withheld(expert.id, names, contacts))
    return PersonalData(frozenset(allowed_emails), frozenset(allowed_phones), tuple(withheld))
