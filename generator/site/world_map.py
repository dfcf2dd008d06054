"""The map of the countries involved, drawn at build time as a static SVG file (pure) from
the geometry shipped with the package: each country shaded by its part, a <title> and a
<desc> in the page's language (a map is never mirrored). The page gives the legend as
text (legible on a phone, where the map is a third of its size), the same as a table,
the UN map disclaimer and the geometry's source."""

from __future__ import annotations

from lxml import etree

from ..geo import world
from .charts import SVG, svg_image

# (the page's legend, in sskb.css, has the same colours)
SHADES = {"lead": "#283593", "partner": "#9fa8da", "none": "#e4e4e4"}


def world_map(title: str, description: str, parts: dict[str, str], language: str) -> str:
    """`parts`: country -> "lead" or "partner" (others are "none")."""
    geometry = world()
    width, height = geometry["width"], geometry["height"]
    svg = svg_image(width, height, title, description, language)
    land = etree.SubElement(svg, f"{{{SVG}}}g", stroke="#ffffff", attrib={
        "stroke-width": "0.5", "stroke-linejoin": "round"})
    for country, path in geometry["countries"].items():
        etree.SubElement(land, f"{{{SVG}}}path", d=path,
                         fill=SHADES[parts.get(country, "none")])
    # A country too small to draw at this scale is a dot, if it takes part.
    for country, (x, y) in geometry["points"].items():
        if country in parts:
            etree.SubElement(land, f"{{{SVG}}}circle", cx=str(x), cy=str(y), r="4",
                             fill=SHADES[parts[country]])
    return etree.tostring(svg, encoding="unicode", xml_declaration=False) + "\n"
