"""`sskb import-issue FILE`: the body of a submitted issue form (the Markdown GitHub writes)
turned into a draft record file, or the list of what is missing."""

from __future__ import annotations

import html
import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import pycountry
import yaml

from ..build.write import write_new
from ..kb.kinds import BY_NAME
from ..kb.people import PersonalData, fold
from ..kb.problems import Problem
from ..kb.validate import load_knowledge_base
from .issue_forms import EXCHANGE, EXPERT, EXPERT_CONSENT, FORM_LANGUAGES, NEEDS, PRACTICE, Field
from .schemas import schema_line

NO_RESPONSE = "_No response_"
_HEADING = re.compile(r"^### (.+?)\s*$", re.M)
_CODE = re.compile(r"(?:^|,\s*)([A-Za-z0-9-]+) — ")
FORMS = {"practice": PRACTICE, "expert": EXPERT, "request": EXCHANGE}
# The exchange form's choices, in the order the form lists them.
NEED_KINDS = ("expert", "practice", "training", "other")


class IncompleteSubmission(Exception):
    """The issue cannot become a record; `missing` lists what to ask the contributor."""

    def __init__(self, missing: list[str], problems: list[Problem] = (),
                 refused: list[str] = ()):
        super().__init__("the submission is incomplete")
        self.missing, self.problems, self.refused = missing, list(problems), list(refused)


@dataclass
class Answers:
    kind: str
    language: str  # of the form's labels
    values: dict = field(default_factory=dict)  # field id -> text ("" when unanswered)


def parse_body(body: str) -> Answers:
    """Match the body's `### Label` sections with one of the forms, in one of its languages."""
    sections = _sections(body)
    for kind, fields in FORMS.items():
        for language in FORM_LANGUAGES:
            labels = {f.label[language]: f for f in fields}
            if sum(label in sections for label in labels) >= len(labels) // 2:
                answers = Answers(kind, language)
                for label, form_field in labels.items():
                    key = form_field.id or "consent"
                    answers.values[key] = sections.get(label, "")
                return answers
    raise IncompleteSubmission(["this is not the body of a practice, expert or exchange "
                                "request form"])


def _sections(body: str) -> dict[str, str]:
    parts = _HEADING.split(body.replace("\r\n", "\n"))
    sections = {}
    for label, text in zip(parts[1::2], parts[2::2]):
        text = text.strip()
        sections[label.strip()] = "" if text == NO_RESPONSE else text
    return sections


def _codes(text: str) -> list[str]:
    return _CODE.findall(text)


def _list(text: str) -> list[str]:
    return [item for item in re.split(r"[,;\s]+", text) if item]


def slug(text: str) -> str:
    """An id from a title: ASCII letters and digits, lowercase, joined by hyphens."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")[:80].strip("-")


def _missing(answers: Answers, fields: tuple[Field, ...]) -> list[str]:
    missing = [f.label[answers.language] for f in fields
               if f.required and f.id and not answers.values.get(f.id)]
    confirmations = answers.values.get("consent", "")
    boxes = [f.label[answers.language] for f in fields if f.kind == "checkboxes"]
    if boxes and not re.search(r"^- \[[xX]\] ", confirmations, re.M):
        missing.append(boxes[0])
    return missing


def _refuse_contacts(answers: Answers, fields: tuple[Field, ...]) -> None:
    """An expert issue holding an email or a phone is refused: the issue is public, and
    contact details reach the editors privately (the values are never repeated)."""
    anyone = PersonalData()
    labels = {f.id or "consent": f.label[answers.language] for f in fields}
    # A phone written in the national form of the person's country is found too.
    country = pycountry.countries.get(alpha_3=answers.values.get("country", "").upper())
    regions = (country.alpha_2,) if country else ()
    found = [labels.get(key, key) for key, text in answers.values.items()
             if anyone.sightings(fold(html.unescape(text)), regions)]
    if found:
        raise IncompleteSubmission([], refused=[
            f"{label}: holds an email address or a phone number. The issue is public: ask "
            "the person to delete it from the issue (and to delete the edit from the "
            "issue's history), and to send contact details to the editors privately"
            for label in found])


def record_data(answers: Answers, record_id: str | None, consent_date: date) -> dict:
    values = answers.values
    codes = _codes(values.get("original_language", ""))
    language = codes[0] if codes else None
    if answers.kind == "practice":
        return _practice(values, language, record_id)
    if answers.kind == "request":
        return _request(values, answers.language, record_id, consent_date)
    return _expert(values, language, record_id, answers.language, consent_date)


def _localized(language, text):
    return {language: text.strip() + ("\n" if "\n" in text.strip() else "")} if text else None


def _year(text: str):
    text = text.strip()
    return int(text) if re.fullmatch(r"\d{4}", text) else text


def _practice(values: dict, language, record_id) -> dict:
    data = {"id": record_id or slug(values.get("title", "")), "status": "draft",
            "original_language": language}
    for name in ("title", "summary", "description", "results", "lessons_learned",
                 "replicability", "human_rights"):
        if values.get(name):
            data[name] = _localized(language, values[name])
    data["pillars"] = [int(code) for code in _codes(values.get("pillars", "")) if code.isdigit()]
    data["themes"] = _codes(values.get("themes", ""))
    data["regions"] = _codes(values.get("regions", ""))
    data["lead_countries"] = [c.upper() for c in _list(values.get("lead_countries", ""))]
    data["partner_countries"] = [c.upper() for c in _list(values.get("partner_countries", ""))]
    cooperation = _codes(values.get("cooperation", ""))
    if cooperation:
        data["cooperation"] = cooperation[0]
    period = {"start": _year(values.get("period.start", ""))}
    if values.get("period.end"):
        period["end"] = _year(values["period.end"])
    data["period"] = period
    data["sources"] = [
        {"title": title.strip(), "url": url.strip()}
        for title, _, url in (line.rpartition("|") for line in
                              values.get("sources", "").splitlines() if "|" in line)]
    if values.get("submitted_by"):
        data["submitted_by"] = values["submitted_by"]
    return data


def _expert(values: dict, language, record_id, form_language: str, consent_date: date) -> dict:
    boxes = values.get("consent", "")
    ticked = set(re.findall(r"^- \[[xX]\] (.+?)\s*$", boxes, re.M))
    profile = EXPERT_CONSENT["profile"][form_language] in ticked
    # Consent to publish contact details is given to the editors, with the details.
    data = {"id": record_id or slug(values.get("name", "")), "status": "draft",
            "original_language": language, "name": values.get("name", ""),
            "consent": {"profile": profile, "contact": False,
                        **({"given_on": consent_date.isoformat()} if profile else {})}}
    for name in ("affiliation", "country"):
        if values.get(name):
            data[name] = values[name].upper() if name == "country" else values[name]
    if values.get("languages"):
        data["languages"] = [code.lower() for code in _list(values["languages"])]
    data["themes"] = _codes(values.get("themes", ""))
    data["regions"] = _codes(values.get("regions", ""))
    if values.get("bio"):
        data["bio"] = _localized(language, values["bio"])
    return data


def _request(values: dict, language: str, record_id, day: date) -> dict:
    """An exchange request in the form's language, opened the day it is imported."""
    data = {"id": record_id or slug(values.get("title", "")), "status": "draft",
            "original_language": language, "title": _localized(language, values["title"])}
    data.update(_requester(values.get("requester", "")))
    needs = NEEDS[language]
    choice = values.get("need_kind", "").strip()
    data["need_kind"] = NEED_KINDS[needs.index(choice)] if choice in needs else choice
    data["need"] = _localized(language, values.get("need", ""))
    data["themes"] = _codes(values.get("themes", ""))
    if values.get("languages"):
        data["languages"] = [_language_code(item) for item in
                             re.split(r"[,;]+", values["languages"]) if item.strip()]
    data.update({"state": "open", "opened_on": day.isoformat()})
    return data


def _requester(text: str) -> dict:
    """A country (ISO code or name, as pycountry knows it) or else a body's id."""
    text = text.strip()
    try:
        country = pycountry.countries.lookup(text)
    except LookupError:
        return {"requesting_organization": slug(text)}
    return {"requesting_country": country.alpha_3}


def _language_code(text: str) -> str:
    text = text.strip()
    try:
        language = pycountry.languages.lookup(text)
    except LookupError:
        return text.lower()
    return getattr(language, "alpha_2", text.lower())


class _Dumper(yaml.SafeDumper):
    """Markdown in literal blocks, so that its line breaks stay as written."""


def _text(dumper, value: str):
    style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _text)


def record_text(kind: str, data: dict) -> str:
    folder = BY_NAME[kind].folder
    body = yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=1000)
    return f"{schema_line(folder, kind)}\n{body}"


def import_issue(root: Path, body: str, record_id: str | None = None,
                 consent_date: date | None = None) -> Path:
    """Write the record the issue describes; raise IncompleteSubmission with what is missing."""
    answers = parse_body(body)
    fields = FORMS[answers.kind]
    missing = _missing(answers, fields)
    if missing:
        raise IncompleteSubmission(missing)
    if answers.kind == "expert":
        _refuse_contacts(answers, fields)
    data = record_data(answers, record_id, consent_date or date.today())
    if not data["id"]:
        raise IncompleteSubmission(["an id: the title has no Latin letters; give one with --id"])
    path = root / BY_NAME[answers.kind].source_file(data["id"])
    if not write_new(path, record_text(answers.kind, data)):
        raise IncompleteSubmission([f"another id: {path.relative_to(root)} already exists "
                                    "(give one with --id)"])
    _, problems = load_knowledge_base(root)
    mine = [p for p in problems if p.path == path.relative_to(root).as_posix()]
    if mine:
        path.unlink()
        raise IncompleteSubmission([], mine)
    return path

