"""The world map's geometry and the UN M49 areas of each country, shipped with the package
(world.json, made by tools/world-map from Natural Earth's public-domain 1:110m countries and
the UN M49 standard): the site's map is drawn from it, and a region of the taxonomy names
the M49 areas it covers."""

from __future__ import annotations

import json
from functools import cache
from importlib.resources import files


@cache
def world() -> dict:
    """{source, width, height, countries: {ISO3: SVG path}, points: {ISO3: [x, y] of a
    country too small to draw}, areas: {ISO3: [M49 codes, from the country's sub-region
    up to the world]}}"""
    return json.loads(files(__package__).joinpath("world.json").read_text(encoding="utf-8"))


@cache
def area_codes() -> frozenset[str]:
    """Every M49 area some country is in."""
    return frozenset(code for codes in world()["areas"].values() for code in codes)


def country_areas(country: str) -> list[str]:
    """The country itself, then its M49 areas from the smallest to the world."""
    return [country, *world()["areas"].get(country, [])]
