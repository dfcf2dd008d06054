"""schema.org JSON-LD for record pages, so that search engines and harvesters read what a
page describes (pure). Built from what the page itself shows: a person's page only with
their consent, and their contact details only with consent to publish them.

The text goes into a <script type="application/ld+json"> of the page's head (the theme's
override prints the front matter's `sskb_jsonld`), with `<`, `>` and `&` escaped, so that
no value can end the element.
"""

from __future__ import annotations

import json

from . import urls

CONTEXT = "https://schema.org"


def script_text(data: dict) -> str:
    """JSON that stays inside its <script> element whatever the values hold."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def linked_data(r, record, kind: str) -> dict:
    """The JSON-LD object of a record's page, as rendered by `r` (a LanguageRenderer)."""
    return {"@context": CONTEXT, **_BUILDERS[kind](r, record), **_address(r, kind, record)}


def _address(r, kind: str, record) -> dict:
    """The page's address, when the site has one (a relative one would mean nothing)."""
    if not r.settings.site_url:
        return {}
    return {"url": r.address(urls.record_page(kind, record.id))}


def _text(r, record, name: str) -> str | None:
    value = r.text(record, name) if isinstance(getattr(record, name, None), dict) else None
    return value.text if value else None


def _practice(r, p) -> dict:
    title, body = r.localized_name(p), r.text(p, "description")
    data = {
        "@type": "Article", "headline": title.text, "name": title.text,
        "inLanguage": body.lang, "abstract": _text(r, p, "summary"),
        "about": [{"@type": "DefinedTerm", "name": r.facet_label(facet, value),
                   "termCode": str(value)}
                  for facet, values in (("pillars", p.pillars), ("themes", p.themes))
                  for value in values],
        "spatialCoverage": [{"@type": "Country", "name": r.t.country(code),
                             "identifier": code}
                            for code in dict.fromkeys(p.lead_countries + p.partner_countries)],
        "citation": [{"@type": "CreativeWork", "name": source.title, "url": source.url}
                     for source in p.sources],
        "isPartOf": {"@type": "WebSite", "name": r.settings.site_name}}
    if p.last_reviewed:
        data["dateModified"] = p.last_reviewed.isoformat()
    return {key: value for key, value in data.items() if value not in (None, [])}


def _organization(r, record) -> dict:
    name = r.localized_name(record)
    data = {"@type": "Organization", "name": name.text, "alternateName": record.acronym,
            "url": record.website, "description": _text(r, record, "description")}
    country = getattr(record, "country", None)
    if country:
        data["address"] = {"@type": "PostalAddress", "addressCountry": country,
                           **({"addressLocality": record.city} if record.city else {})}
    # the page's own address goes to `url`; the organisation's site to `sameAs`
    data["sameAs"] = data.pop("url")
    return {key: value for key, value in data.items() if value is not None}


def _person(r, e) -> dict:
    """A consented expert: only the fields their page shows."""
    data = {"@type": "Person", "name": r.name(e),
            "affiliation": {"@type": "Organization", "name": e.affiliation}
            if e.affiliation else None,
            "knowsLanguage": list(e.languages) or None,
            "knowsAbout": r.terms("themes", e.themes) or None,
            "description": _text(r, e, "bio")}
    if e.country:
        data["workLocation"] = {"@type": "Country", "name": r.t.country(e.country),
                                "identifier": e.country}
    if e.contact and r.view.shows_contact(e):
        data.update({"email": e.contact.email, "telephone": e.contact.phone,
                     "sameAs": e.contact.url})
    return {key: value for key, value in data.items() if value is not None}


def _request(r, q) -> dict:
    """A request for expertise: schema.org's announcement of what someone seeks."""
    data = {"@type": "Demand", "name": r.name(q), "description": _text(r, q, "need"),
            "availabilityStarts": q.opened_on.isoformat(),
            "availabilityEnds": q.closed_on.isoformat() if q.closed_on else None,
            "areaServed": {"@type": "Country", "name": r.t.country(q.requesting_country),
                           "identifier": q.requesting_country}
            if q.requesting_country else None}
    return {key: value for key, value in data.items() if value is not None}


_BUILDERS = {"practice": _practice, "centre": _organization,
             "organization": _organization, "expert": _person, "request": _request}
