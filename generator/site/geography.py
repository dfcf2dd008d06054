"""Where the practices are: the countries involved (leading or as partners) and the
cooperation flows from the lead countries' regions to the partner countries' (pure)."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..geo import country_areas, world


def region_of(regions: dict) -> dict[str, str]:
    """Country (ISO 3166-1 alpha-3) -> the region id of the taxonomy it is in: the region
    naming the country itself, or else the one naming its smallest M49 area."""
    naming: dict[str, str] = {}
    for term in regions.values():
        for area in term.areas:
            naming.setdefault(area, term.id)
    found = {}
    for country in world()["areas"]:
        region = next((naming[a] for a in country_areas(country) if a in naming), None)
        if region:
            found[country] = region
    return found


@dataclass
class Involvement:
    leads: list = field(default_factory=list)     # the practices the country leads
    partners: list = field(default_factory=list)  # those it takes part in as a partner


def countries_involved(view) -> dict[str, Involvement]:
    found: dict[str, Involvement] = {}
    for practice in view.practices:
        for country in practice.lead_countries:
            found.setdefault(country, Involvement()).leads.append(practice)
        for country in practice.partner_countries:
            found.setdefault(country, Involvement()).partners.append(practice)
    return found


def flows(view) -> dict[tuple[str, str], list]:
    """(lead region, partner region) -> the practices with a lead country in the one and a
    partner country in the other, in the taxonomy's order of regions. A practice without
    partner countries has no flow."""
    regions = region_of(view.regions)
    found: dict[tuple[str, str], list] = {}
    for practice in view.practices:
        leads = {regions[c] for c in practice.lead_countries if c in regions}
        partners = {regions[c] for c in practice.partner_countries if c in regions}
        for pair in ((lead, partner) for lead in leads for partner in partners):
            found.setdefault(pair, []).append(practice)
    order = {region: index for index, region in enumerate(view.regions)}
    return dict(sorted(found.items(), key=lambda item: (order[item[0][0]], order[item[0][1]])))
