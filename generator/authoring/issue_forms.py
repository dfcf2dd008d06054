"""GitHub issue forms for people who do not use Git, generated from one description of
their fields, which `sskb import-issue` reads back to turn a submitted issue into a record.

`sskb forms` writes `.github/ISSUE_TEMPLATE/`; a test checks the committed files match.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml

from ..kb.codes import UN_LANGUAGES
from ..kb.kinds import VOCABULARIES
from ..kb.load import read_editors, read_file

FOLDER = Path(".github") / "ISSUE_TEMPLATE"
FORM_LANGUAGES = ("en", "fr")


@dataclass(frozen=True)
class Field:
    id: str            # the record field it fills ("" for fields that are not imported)
    kind: str          # input, textarea, dropdown, multiple (dropdown), checkboxes
    label: dict        # language -> label
    help: dict         # language -> description
    required: bool = False
    options: str = ""  # "languages", "pillars", "themes", "regions", "cooperation"


def _f(id, kind, en, fr, help_en="", help_fr="", required=False, options=""):
    return Field(id, kind, {"en": en, "fr": fr}, {"en": help_en, "fr": help_fr}, required,
                 options)


PUBLIC = {"en": "This issue is public: write nothing here that must not be published.",
          "fr": "Ce ticket est public : n'y écrivez rien qui ne doive pas être publié."}

PRACTICE = (
    _f("original_language", "dropdown", "Language of this submission", "Langue de cette "
       "soumission", required=True, options="languages"),
    _f("title", "input", "Title", "Titre", "Short, plain text (200 characters at most).",
       "Court, texte simple (200 caractères au plus).", True),
    _f("summary", "textarea", "Summary", "Résumé", "One paragraph, plain text.",
       "Un paragraphe, texte simple.", True),
    _f("description", "textarea", "Description", "Description",
       "What the practice is and how it works.", "Ce qu'est la pratique et comment elle "
       "fonctionne.", True),
    _f("pillars", "multiple", "Pillars of the Global Counter-Terrorism Strategy",
       "Piliers de la Stratégie antiterroriste mondiale", required=True, options="pillars"),
    _f("themes", "multiple", "Themes", "Thèmes", required=True, options="themes"),
    _f("regions", "multiple", "Regions", "Régions", required=True, options="regions"),
    _f("lead_countries", "input", "Lead countries", "Pays chefs de file",
       "ISO 3166-1 alpha-3 codes, separated by commas, e.g. SEN, MLI.",
       "Codes ISO 3166-1 alpha-3 séparés par des virgules, p. ex. SEN, MLI.", True),
    _f("partner_countries", "input", "Partner countries", "Pays partenaires",
       "ISO 3166-1 alpha-3 codes, separated by commas.",
       "Codes ISO 3166-1 alpha-3 séparés par des virgules."),
    _f("cooperation", "dropdown", "Type of cooperation", "Type de coopération",
       required=True, options="cooperation"),
    _f("period.start", "input", "Start (year or year-month)", "Début (année ou année-mois)",
       "e.g. 2016 or 2016-05", "p. ex. 2016 ou 2016-05", True),
    _f("period.end", "input", "End (year or year-month), if it has ended",
       "Fin (année ou année-mois), si elle a pris fin"),
    _f("results", "textarea", "Results", "Résultats", "What it achieved, as the sources "
       "state.", "Ce qu'elle a permis d'obtenir, selon les sources.", True),
    _f("lessons_learned", "textarea", "Lessons learned", "Enseignements tirés"),
    _f("replicability", "textarea", "Replicability", "Reproductibilité",
       "What another country would need to adapt it.", "Ce dont un autre pays aurait "
       "besoin pour l'adapter."),
    _f("human_rights", "textarea", "Human rights and international law",
       "Droits de l'homme et droit international", "How the practice respects human rights "
       "and international law.", "Comment la pratique respecte les droits de l'homme et le "
       "droit international.", True),
    _f("sources", "textarea", "Public sources", "Sources publiques",
       "One per line: title | https://address", "Une par ligne : titre | https://adresse",
       True),
    _f("submitted_by", "input", "Submitted by", "Soumis par",
       "Your institution (optional).", "Votre institution (facultatif)."),
    _f("", "checkboxes", "Confirmation", "Confirmation", required=True),
)
PRACTICE_CONFIRM = {"en": "The information comes from the public sources cited.",
                    "fr": "Les informations proviennent des sources publiques citées."}

EXPERT = (
    _f("original_language", "dropdown", "Language of this submission", "Langue de cette "
       "soumission", required=True, options="languages"),
    _f("name", "input", "Name", "Nom", "As it should appear.", "Tel qu'il doit apparaître.",
       True),
    _f("affiliation", "input", "Institution", "Institution"),
    _f("country", "input", "Country (ISO 3166-1 alpha-3 code)",
       "Pays (code ISO 3166-1 alpha-3)", "e.g. SEN", "p. ex. SEN"),
    _f("languages", "input", "Languages you speak (ISO 639-1 codes)",
       "Langues parlées (codes ISO 639-1)", "e.g. fr, en, wo", "p. ex. fr, en, wo"),
    _f("themes", "multiple", "Themes of expertise", "Thèmes d'expertise", options="themes"),
    _f("regions", "multiple", "Regions where you have worked",
       "Régions où vous avez travaillé", options="regions"),
    _f("bio", "textarea", "Short professional biography", "Courte biographie "
       "professionnelle", "No email address, phone number or postal address: this issue is "
       "public.", "Ni adresse électronique, ni téléphone, ni adresse postale : ce ticket est "
       "public.", required=True),
    _f("", "checkboxes", "Consent", "Consentement", required=True),
)
# Contact details never pass through a public issue: there is no field for them, and the
# second box is a reminder the person ticks.
EXPERT_CONSENT = {
    "profile": {"en": "I agree that this profile, as written here, is published in the "
                      "expert network.",
                "fr": "J'accepte que ce profil, tel qu'il est écrit ici, soit publié dans le "
                      "réseau d'experts."},
    "no_contact": {"en": "I wrote no email address, phone number or other contact detail in "
                         "this issue.",
                   "fr": "Je n'ai écrit dans ce ticket ni adresse électronique, ni numéro de "
                         "téléphone, ni autre coordonnée."},
}
# Said at the top of the expert form, with the editors' address (mkdocs.yml).
EXPERT_PRIVATE = {
    "en": "**This issue is public as soon as it is opened, and GitHub keeps every edit of "
          "it.** Write only what you agree to publish about yourself. To give contact "
          "details (the site shows them only if you consent), to propose a profile that must "
          "not be public, or to withdraw one, write to the programme's editors instead: "
          "{email}. Editors keep such details encrypted (sealed) in the knowledge base.",
    "fr": "**Ce ticket est public dès qu'il est ouvert, et GitHub en garde chaque "
          "modification.** N'écrivez que ce que vous acceptez de publier sur vous. Pour donner "
          "vos coordonnées (le site ne les montre qu'avec votre consentement), proposer un "
          "profil qui ne doit pas être public ou retirer le vôtre, écrivez plutôt aux éditeurs "
          "du programme : {email}. Les éditeurs conservent ces informations chiffrées "
          "(scellées) dans la base de connaissances.",
}

EXCHANGE = (
    _f("title", "input", "What you ask for, in one line", "Votre demande, en une ligne",
       "Short, plain text (200 characters at most).",
       "Court, texte simple (200 caractères au plus).", True),
    _f("requester", "input", "Requesting country or body", "Pays ou organisme demandeur",
       "A country (name or ISO code, e.g. SEN) or a body of the knowledge base (e.g. IGAD).",
       "Un pays (nom ou code ISO, p. ex. SEN) ou un organisme de la base de connaissances "
       "(p. ex. IGAD).", required=True),
    _f("themes", "multiple", "Themes", "Thèmes", required=True, options="themes"),
    _f("need_kind", "dropdown", "What is needed", "Besoin", required=True, options="needs"),
    _f("need", "textarea", "Description of the need", "Description du besoin",
       required=True),
    _f("languages", "input", "Preferred languages", "Langues souhaitées",
       "ISO 639-1 codes or names, separated by commas, e.g. fr, ar.",
       "Codes ISO 639-1 ou noms, séparés par des virgules, p. ex. fr, ar."),
)
NEEDS = {"en": ["An expert to invite", "A practice to adapt", "Training", "Other"],
         "fr": ["Un ou une experte à inviter", "Une pratique à adapter", "Une formation",
                "Autre"]}

FORMS = {
    "practice": (PRACTICE, {"en": "Submit a good practice", "fr": "Proposer une bonne pratique"},
                 {"en": "A South-South CT/PVE practice, with its public sources.",
                  "fr": "Une pratique Sud-Sud de lutte antiterroriste ou de prévention de "
                        "l'extrémisme violent, avec ses sources publiques."},
                 ["submission", "practice"]),
    "expert": (EXPERT, {"en": "Propose your expert profile", "fr": "Proposer votre profil "
                        "d'expert"},
               {"en": "Your own profile only, with your consent. " + PUBLIC["en"],
                "fr": "Votre propre profil uniquement, avec votre consentement. "
                      + PUBLIC["fr"]},
               ["submission", "expert"]),
    "exchange-request": (EXCHANGE, {"en": "Request an exchange", "fr": "Demander un "
                                    "échange"},
                         {"en": "A country or body asks for experts or a practice on a "
                                "theme.",
                          "fr": "Un pays ou un organisme demande des experts ou une pratique "
                                "sur un thème."},
                         ["exchange-request"]),
}


def options(kind: str, language: str, root: Path) -> list[str]:
    """The choices of a dropdown, as the form shows them."""
    from ..site.i18n import Translator

    t = Translator(language)
    if kind == "languages":
        return [f"{code} — {t.native_name(code)}" for code in UN_LANGUAGES]
    if kind == "pillars":
        return [f"{n} — {t(f'pillar_{n}')}" for n in (1, 2, 3, 4)]
    if kind == "cooperation":
        return [f"{value} — {t(f'cooperation_{value}')}"
                for value in ("bilateral", "regional", "interregional", "triangular")]
    if kind == "needs":
        return NEEDS[language]
    terms = read_file(root / VOCABULARIES[kind]).data["terms"]
    return [f"{term['id']} — {term['label'].get(language, term['label']['en'])}"
            for term in terms]


def _element(field: Field, form: str, language: str, root: Path) -> dict:
    attributes = {"label": field.label[language]}
    if field.help[language]:
        attributes["description"] = field.help[language]
    element = {"type": "dropdown" if field.kind == "multiple" else field.kind}
    if field.id:
        element["id"] = field.id.replace(".", "-")
    if field.kind in ("dropdown", "multiple"):
        attributes["options"] = options(field.options, language, root)
        if field.kind == "multiple":
            attributes["multiple"] = True
    if field.kind == "checkboxes":
        boxes = ([PRACTICE_CONFIRM[language]] if form == "practice" else
                 [EXPERT_CONSENT["profile"][language], EXPERT_CONSENT["no_contact"][language]])
        attributes["options"] = [{"label": label, "required": True} for label in boxes]
    element["attributes"] = attributes
    if field.required and field.kind != "checkboxes":
        element["validations"] = {"required": True}
    return element


def form_yaml(form: str, language: str, root: Path) -> str:
    fields, names, descriptions, labels = FORMS[form]
    notice = PUBLIC[language]
    if form == "expert":
        email = read_editors(root).email or "(the address in mkdocs.yml, extra.sskb.editors)"
        notice = EXPERT_PRIVATE[language].format(email=email)
    document = {
        "name": f"{names[language]} ({language})",
        "description": descriptions[language],
        "title": f"[{form}] ",
        "labels": labels + [f"lang:{language}"],
        "body": [{"type": "markdown", "attributes": {"value": notice}}]
        + [_element(field, form, language, root) for field in fields],
    }
    header = ("# Generated by `sskb forms` from generator/authoring/issue_forms.py: edit that "
              "file, not this one.\n")
    return header + yaml.safe_dump(document, allow_unicode=True, sort_keys=False, width=100)


def form_files(root: Path) -> dict[str, str]:
    """File name -> text of every issue form, plus the chooser's configuration."""
    files = {f"{form}-{language}.yml": form_yaml(form, language, root)
             for form in FORMS for language in FORM_LANGUAGES}
    files["config.yml"] = yaml.safe_dump({"blank_issues_enabled": True})
    return files
