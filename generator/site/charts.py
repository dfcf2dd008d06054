"""Bar charts drawn at build time as static SVG files (pure): no script, no font or file
from elsewhere, a <title> and a <desc> for screen readers, labels in the page's
language, mirrored for a right-to-left one. The page beside each chart shows its numbers
as a table."""

from __future__ import annotations

from lxml import etree

SVG = "http://www.w3.org/2000/svg"
WIDTH, BAR, GAP, LABELS, TOP = 640, 26, 10, 250, 10
FONTS = "'Noto Sans', 'Noto Sans Arabic', 'Noto Sans CJK SC', sans-serif"
COLOUR = "#3f51b5"


def svg_image(width, height, title: str, description: str, language: str,
              font_size: int = 16):
    """An SVG image's root: its size, its role and language, its <title> and <desc>."""
    svg = etree.Element(f"{{{SVG}}}svg", nsmap={None: SVG}, attrib={
        "viewBox": f"0 0 {width} {height}", "width": str(width), "height": str(height),
        "role": "img", "aria-labelledby": "title desc", "lang": language,
        "font-family": FONTS, "font-size": str(font_size)})
    etree.SubElement(svg, f"{{{SVG}}}title", id="title").text = title
    etree.SubElement(svg, f"{{{SVG}}}desc", id="desc").text = description
    return svg


def bar_chart(title: str, description: str, bars: list[tuple[str, int, str]],
              language: str, rtl: bool) -> str:
    """An SVG of horizontal bars: (label, value, value as written) each, in order."""
    height = TOP * 2 + len(bars) * (BAR + GAP)
    svg = svg_image(WIDTH, height, title, description, language)
    most = max((value for _, value, _ in bars), default=0) or 1
    room = WIDTH - LABELS - 60
    for index, (label, value, written) in enumerate(bars):
        y = TOP + index * (BAR + GAP)
        length = round(room * value / most)
        # Left to right: label, then the bar; right to left, the mirror image (a label's
        # start is then its right end, at the right margin).
        label_x, anchor = (WIDTH - 10, "start") if rtl else (LABELS - 10, "end")
        bar_x = WIDTH - LABELS - length if rtl else LABELS
        text = etree.SubElement(svg, f"{{{SVG}}}text", x=str(label_x), y=str(y + 19),
                                attrib={"text-anchor": anchor, "direction":
                                        "rtl" if rtl else "ltr"})
        text.text = _fit(label)
        etree.SubElement(svg, f"{{{SVG}}}rect", x=str(bar_x), y=str(y), width=str(length),
                         height=str(BAR), fill=COLOUR)
        value_x = bar_x - 6 if rtl else bar_x + length + 6
        number = etree.SubElement(svg, f"{{{SVG}}}text", x=str(value_x), y=str(y + 19),
                                  attrib={"text-anchor": "end" if rtl else "start"})
        number.text = written
    return etree.tostring(svg, encoding="unicode", xml_declaration=False) + "\n"


def _fit(label: str, most: int = 34) -> str:
    """A label short enough for its column (the table beside the chart has it whole)."""
    return label if len(label) <= most else label[:most - 1].rstrip() + "…"
