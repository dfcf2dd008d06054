"""Synthetic knowledge bases of any size, for benchmarks: valid, varied, multi-lingual."""

from __future__ import annotations

import shutil
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
THEMES = ["border-security", "terrorist-financing", "victims", "community-engagement",
          "criminal-justice", "education-youth", "online-content", "women-gender"]
REGIONS = ["africa", "asia", "middle-east", "latin-america-caribbean"]
COUNTRIES = ["SEN", "MLI", "NER", "IDN", "MYS", "PHL", "COL", "PER", "JOR", "MAR", "KEN", "BRA"]
TEXTS = {
    "fr": ("Formation régionale des enquêteurs numéro {n}",
           "Un programme partagé entre plusieurs pays pour renforcer les enquêtes ({n}).",
           "Premier paragraphe de la description {n}, avec plusieurs phrases qui décrivent la "
           "pratique, ses partenaires et son fonctionnement.\n\nDeuxième paragraphe :\n\n"
           "- un élément\n- un autre élément\n"),
    "en": ("Regional training of investigators number {n}",
           "A programme shared between several countries to strengthen investigations ({n}).",
           "First paragraph of description {n}, with several sentences that describe the "
           "practice, its partners and how it works.\n\nSecond paragraph:\n\n- one item\n"
           "- another item\n"),
    "es": ("Formación regional de investigadores número {n}",
           "Un programa compartido entre varios países para reforzar las investigaciones ({n}).",
           "Primer párrafo de la descripción {n}, con varias frases que describen la práctica."
           "\n"),
}


def _block(text: str, indent: int = 4) -> str:
    pad = " " * indent
    return "|\n" + "".join(pad + line + "\n" if line else "\n" for line in text.splitlines())


def _localized(field: int, n: int, languages) -> str:
    out = ""
    for lang in languages:
        text = TEXTS[lang][field].format(n=n)
        out += f"  {lang}: " + (_block(text) if "\n" in text else text + "\n")
    return out


def practice_yaml(n: int) -> str:
    """The YAML text of the n-th synthetic practice (a published, valid record)."""
    original = ["fr", "en", "es"][n % 3]
    languages = [original] + [lang for lang in ("en", "fr") if lang != original][: n % 2 + 1]
    pillars = sorted({n % 4 + 1, (n // 4) % 4 + 1})
    return (
        f"id: practice-{n:05d}\nstatus: published\noriginal_language: {original}\n"
        f"title:\n{_localized(0, n, languages)}summary:\n{_localized(1, n, languages)}"
        f"description:\n{_localized(2, n, languages)}"
        f"pillars: [{', '.join(map(str, pillars))}]\n"
        f"themes: [{THEMES[n % 8]}, {THEMES[(n + 3) % 8]}]\nregions: [{REGIONS[n % 4]}]\n"
        f"lead_countries: [{COUNTRIES[n % 12]}]\n"
        f"partner_countries: [{COUNTRIES[(n + 1) % 12]}, {COUNTRIES[(n + 5) % 12]}]\n"
        f"cooperation: {['bilateral', 'regional', 'interregional', 'triangular'][n % 4]}\n"
        f"organizations: [aseanapol]\ncentres: []\nexperts: []\n"
        f"period:\n  start: {2000 + n % 20}\n  end: {2021 + n % 4}-0{n % 9 + 1}\n"
        f"results:\n{_localized(2, n, languages[:1])}"
        f"human_rights:\n{_localized(2, n, languages[:1])}"
        f"sources:\n  - title: Source {n}\n    url: https://example.org/source/{n}\n"
        f"submitted_by: Benchmark\nlast_reviewed: 2026-11-0{n % 9 + 1}\n"
    )


def make_knowledge_base(root: Path, practices: int) -> Path:
    """Write a knowledge base of `practices` practices, with the sample vocabularies."""
    if root.exists():
        shutil.rmtree(root)
    shutil.copytree(REPO / "content" / "taxonomy", root / "content" / "taxonomy")
    shutil.copytree(REPO / "content" / "pages", root / "content" / "pages")
    (root / "content" / "organizations").mkdir(parents=True)
    shutil.copy(REPO / "content" / "organizations" / "aseanapol.yaml",
                root / "content" / "organizations")
    folder = root / "practices"
    folder.mkdir()
    for n in range(practices):
        (folder / f"practice-{n:05d}.yaml").write_text(practice_yaml(n), encoding="utf-8")
    return root
