"""Cooperation flows drawn at build time as a static SVG file (pure): the lead regions in
one column, the partner regions in the other, and a band from one to the other as wide
as the practices they share. The lead column is at the start of the line: on the left,
or on the right in a right-to-left language. The page shows the same as a table."""

from __future__ import annotations

from lxml import etree

from .charts import SVG, _fit, svg_image

WIDTH, LABELS, NODE, GAP, TOP, SCALE_HEIGHT = 720, 210, 10, 16, 34, 300
COLOURS = ("#3f51b5", "#00897b", "#f4511e", "#8e24aa", "#6d4c41", "#546e7a")


def flow_chart(title: str, description: str, flows: list[tuple[str, str, int]],
               labels: dict[str, str], headings: tuple[str, str], language: str,
               rtl: bool) -> str:
    """`flows`: (lead region, partner region, practices), in order; `labels`: region ->
    its name (with its count, as written); `headings`: the two columns' titles."""
    leads = list(dict.fromkeys(lead for lead, _, _ in flows))
    partners = list(dict.fromkeys(partner for _, partner, _ in flows))
    total = sum(count for _, _, count in flows) or 1
    scale = SCALE_HEIGHT / total
    gaps = GAP * (max(len(leads), len(partners)) - 1)
    height = TOP + SCALE_HEIGHT + max(gaps, 0) + 10
    svg = svg_image(WIDTH, height, title, description, language, font_size=15)

    def x(position: float) -> float:  # from the start of the line, in the page's direction
        return WIDTH - position if rtl else position

    start, end = LABELS, WIDTH - LABELS  # the two columns' inner edges
    tops = {("lead", r): y for r, y in _stack(leads, flows, 0, scale)}
    tops |= {("partner", r): y for r, y in _stack(partners, flows, 1, scale)}
    colour = {lead: COLOURS[i % len(COLOURS)] for i, lead in enumerate(leads)}
    for lead, partner, count in flows:
        thick = count * scale
        y0, y1 = tops[("lead", lead)], tops[("partner", partner)]
        tops[("lead", lead)] += thick
        tops[("partner", partner)] += thick
        middle = (start + end) / 2
        d = (f"M{x(start):.1f} {y0:.1f}C{x(middle):.1f} {y0:.1f} {x(middle):.1f} {y1:.1f} "
             f"{x(end):.1f} {y1:.1f}L{x(end):.1f} {y1 + thick:.1f}C{x(middle):.1f} "
             f"{y1 + thick:.1f} {x(middle):.1f} {y0 + thick:.1f} {x(start):.1f} "
             f"{y0 + thick:.1f}Z")
        etree.SubElement(svg, f"{{{SVG}}}path", d=d, fill=colour[lead],
                         attrib={"fill-opacity": "0.45"})
    for column, regions, edge, outward in (("lead", leads, start, -1),
                                           ("partner", partners, end, 1)):
        for region, y in _stack(regions, flows, 0 if column == "lead" else 1, scale):
            size = _sum(flows, region, 0 if column == "lead" else 1) * scale
            left = edge - NODE if outward < 0 else edge
            etree.SubElement(svg, f"{{{SVG}}}rect", x=f"{min(x(left), x(left + NODE)):.1f}",
                             y=f"{y:.1f}", width=str(NODE), height=f"{max(size, 1):.1f}",
                             fill=colour.get(region, "#616161") if column == "lead"
                             else "#616161")
            _text(svg, x(edge + outward * (NODE + 6)), y + size / 2 + 5, labels[region],
                  outward, rtl)
        _text(svg, x(edge + outward * 6), 18, headings[0 if column == "lead" else 1],
              outward, rtl, bold=True)
    return etree.tostring(svg, encoding="unicode", xml_declaration=False) + "\n"


def _sum(flows, region, side: int) -> int:
    return sum(flow[2] for flow in flows if flow[side] == region)


def _stack(regions, flows, side: int, scale: float):
    """Each region's top in its column: stacked from the top, a gap between them."""
    y = TOP
    for region in regions:
        yield region, y
        y += _sum(flows, region, side) * scale + GAP


def _text(svg, x: float, y: float, text: str, outward: int, rtl: bool,
          bold: bool = False):
    """A label beside a column, away from the bands: toward the start of the line (it
    ends at x) when `outward` is -1, toward its end (it starts at x) when 1."""
    element = etree.SubElement(svg, f"{{{SVG}}}text", x=f"{x:.1f}", y=f"{y:.1f}", attrib={
        "text-anchor": "end" if outward < 0 else "start",
        "direction": "rtl" if rtl else "ltr"})
    if bold:
        element.set("font-weight", "bold")
    lines = _lines(text)
    if len(lines) == 1:
        element.text = text
        return
    for index, line in enumerate(lines):  # centred on y, one line under the other
        tspan = etree.SubElement(element, f"{{{SVG}}}tspan", x=f"{x:.1f}",
                                 dy="-0.5em" if index == 0 else "1.2em")
        tspan.text = line


def _lines(label: str, most: int = 20) -> list[str]:
    """A label on one line if it is short, else on two, cut between words (each line cut
    short if still too long: the table beside the chart has it whole)."""
    words = label.split(" ")
    if len(label) <= most or len(words) == 1:
        return [_fit(label, most + 6)]
    cut = min(range(1, len(words)), key=lambda i: abs(len(" ".join(words[:i])) - len(label) / 2))
    return [_fit(" ".join(words[:cut]), most + 6), _fit(" ".join(words[cut:]), most + 6)]
