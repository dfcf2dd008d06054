"""The consent matrix: a person's name, email and phone appear only where their recorded
consent allows, in every file of the built site: pages, search index, sitemap. What
consent does not cover is sealed in the records; the site is the same whether the build
holds the editors' key or not."""

import gzip
import itertools
import os

import pytest
from conftest import TESTS, build_site, make_project

from generator.authoring.seal import seal_file

SAMPLE_KEY = TESTS / "fixtures" / "keys" / "sample-editor.txt"

# (status, consent to a profile, consent to publish contacts); a published profile without
# profile consent is refused by `sskb validate`, so it cannot be built.
CASES = [(s, p, c) for s, p, c in itertools.product(("published", "draft"), (True, False),
                                                    (True, False))
         if not (s == "published" and not p)]


def person(index: int) -> dict:
    return {"id": f"example-consent-{index}", "name": f"Qwyxperson{index}",
            "email": f"qwyx{index}@example.org", "phone": f"+221 33 800 00 0{index}",
            "e164": f"+22133800000{index}"}


def write_experts(root):
    for index, (status, profile, contact) in enumerate(CASES):
        who = person(index)
        path = root / "content" / "experts" / f"{who['id']}.yaml"
        path.write_text(
            f"id: {who['id']}\nstatus: {status}\nexample: true\noriginal_language: en\n"
            f"name: {who['name']}\nconsent:\n  profile: {str(profile).lower()}\n"
            f"  contact: {str(contact).lower()}\n  given_on: 2026-01-01\n"
            f"contact:\n  email: {who['email']}\n  phone: \"{who['phone']}\"\n")
        seal_file(root, path)  # what consent does not cover
    # A published practice names the published experts; a draft names the others.
    for path, statuses in (("test-border-practice", ("published",)),
                           ("test-draft-practice", ("draft",))):
        practice = root / "practices" / f"{path}.yaml"
        ids = [person(i)["id"] for i, case in enumerate(CASES) if case[0] in statuses]
        text = practice.read_text()
        old = next(line for line in text.splitlines() if line.startswith("experts:"))
        practice.write_text(text.replace(old, f"experts: [{', '.join(ids)}]"))


def everything(site) -> str:
    """Every file of the site as text, compressed search and sitemap files opened."""
    parts = []
    for path in site.rglob("*"):
        if not path.is_file():
            continue
        data = path.read_bytes()
        if data[:2] == b"\x1f\x8b":
            data = gzip.decompress(data)
        parts.append(data.decode("utf-8", errors="replace"))
    return "\n".join(parts)


@pytest.fixture(scope="module", params=[(False, False), (True, False), (False, True)],
                ids=["published", "drafts-preview", "published-with-key"])
def site_text(request, tmp_path_factory):
    drafts, key = request.param
    root = make_project(tmp_path_factory.mktemp("consent") / "kb")
    write_experts(root)
    os.environ.pop("SSKB_AGE_IDENTITY_FILE", None)
    if key:
        os.environ["SSKB_AGE_IDENTITY_FILE"] = str(SAMPLE_KEY)
    try:
        build_site(root, languages=("en",), drafts=drafts)
    finally:
        os.environ.pop("SSKB_AGE_IDENTITY_FILE", None)
    return drafts, everything(root / "site")


@pytest.mark.parametrize("index", range(len(CASES)))
def test_a_person_appears_only_as_consented(site_text, index):
    drafts, text = site_text
    status, profile, contact = CASES[index]
    who = person(index)
    shown = profile and (status == "published" or drafts)
    assert (who["name"] in text) == shown
    assert (who["email"] in text) == (shown and contact)
    digits = who["e164"][1:]
    assert (who["phone"] in text or digits in text.replace(" ", "")) == (shown and contact)
    assert (f"experts/{who['id']}/" in text) == shown  # no page, link, sitemap or index entry
