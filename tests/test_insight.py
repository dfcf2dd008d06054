"""The knowledge base at a glance: charts drawn as static SVG with their title and
description, mirrored in Arabic, and the coverage matrix, whose empty cells a test works
out again from the record files themselves."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from conftest import REPO, served
from lxml import etree, html

SVG = "{http://www.w3.org/2000/svg}"


@pytest.mark.parametrize("language", ["en", "ar"])
def test_each_chart_is_an_svg_with_its_title_and_description(sample_site, language):
    _, site = sample_site
    for name in ("pillars", "regions", "years", "map", "flows"):
        svg = etree.parse(str(site / language / "insight" / f"{name}.svg")).getroot()
        assert svg.tag == f"{SVG}svg" and svg.get("role") == "img"
        assert svg.find(f"{SVG}title").text and svg.find(f"{SVG}desc").text
        assert not svg.findall(f".//{SVG}script") and "href" not in etree.tostring(svg).decode()
    pillars = etree.parse(str(site / language / "insight" / "pillars.svg")).getroot()
    labels = [t for t in pillars.iter(f"{SVG}text") if "1" in (t.text or "")][:1]
    bar = next(pillars.iter(f"{SVG}rect"))
    # Arabic reads right to left: the labels stand right of the bars, which grow leftwards
    if language == "ar":
        assert float(labels[0].get("x")) > float(bar.get("x")) + float(bar.get("width"))
    else:
        assert float(labels[0].get("x")) <= float(bar.get("x"))


def test_the_charts_render_in_chromium_without_an_error(sample_site, browser, tmp_path):
    _, site = sample_site
    with served(site) as address:
        page = browser.new_page()
        errors, missing = [], []
        page.on("console", lambda message: errors.append(message.text)
                if message.type == "error" else None)
        page.on("response", lambda response: missing.append(response.url)
                if response.status >= 400 else None)
        page.on("pageerror", lambda error: errors.append(str(error)))
        page.goto(f"{address}/ar/insight/")
        for image in page.locator("img.sskb-chart").all():  # (the map and flows load lazily)
            image.scroll_into_view_if_needed()
        page.wait_for_load_state("networkidle")
        # A lazy image scrolled to last may start loading after the network fell idle:
        # wait until each has finished (loaded or failed), then look at what came.
        page.wait_for_function("[...document.querySelectorAll('img.sskb-chart')]"
                               ".every(image => image.complete)", timeout=20000)
        sizes = page.eval_on_selector_all(
            "img.sskb-chart", "images => images.map(i => [i.complete, i.naturalWidth])")
        page.screenshot(path=str(tmp_path / "insight.png"))
        page.close()
    assert sizes and all(done and width > 0 for done, width in sizes)
    # (the theme asks for the sitemaps of the languages this test did not build)
    assert all(url.endswith("/sitemap.xml") for url in missing)
    assert [e for e in errors if not e.startswith("Failed to load resource")] == []


def test_the_coverage_matrix_shows_the_cells_the_records_leave_empty(sample_site):
    root, site = sample_site
    filled = set()
    for path in sorted((root / "practices").glob("*.yaml")):
        record = yaml.safe_load(path.read_text(encoding="utf-8"))
        if record["status"] == "published":
            filled |= {(p, r) for p in record["pillars"] for r in record["regions"]}
    for path in sorted((root / "content" / "experts").glob("*.yaml")):
        record = yaml.safe_load(path.read_text(encoding="utf-8"))
        if record["status"] == "published" and record["consent"]["profile"]:
            filled |= {(p, r) for p in record.get("pillars", [])
                       for r in record.get("regions", [])}
    regions = [term["id"] for term in yaml.safe_load(
        (root / "content" / "taxonomy" / "regions.yaml").read_text())["terms"]]
    expected = {(p, r) for p in (1, 2, 3, 4) for r in regions} - filled
    assert expected  # the sample has gaps, which is the point of the matrix
    page = html.parse(str(site / "en" / "insight" / "index.html")).getroot()
    table = page.xpath("//h3[@id='by-pillar-and-region']/following::table[1]")[0]
    shown = set()
    for row in table.xpath(".//tbody/tr"):
        pillar = int(row.xpath("./th")[0].text_content().split()[-1])
        for region, cell in zip(regions, row.xpath("./td")):
            if "sskb-gap" in (cell.get("class") or ""):
                shown.add((pillar, region))
                assert cell.xpath(".//a/@href") == ["../contribute/"]
            else:
                anchor = cell.xpath(".//a/@href")[0]
                assert page.xpath(f"//*[@id='{anchor[1:]}']")  # its list is on the page
    assert shown == expected


def published_practices(root: Path) -> list[dict]:
    records = [yaml.safe_load(path.read_text(encoding="utf-8"))
               for path in sorted((root / "practices").glob("*.yaml"))]
    return [record for record in records if record["status"] == "published"]


def test_the_map_shades_the_countries_the_practices_name(sample_site):
    root, site = sample_site
    leads = {c for r in published_practices(root) for c in r["lead_countries"]}
    partners = {c for r in published_practices(root) for c in r["partner_countries"]} - leads
    svg = etree.parse(str(site / "en" / "insight" / "map.svg")).getroot()
    fills = [shape.get("fill") for shape in svg.iter(f"{SVG}path", f"{SVG}circle")]
    assert fills.count("#283593") == len(leads) and fills.count("#9fa8da") == len(partners)
    assert len(fills) > 150  # every country is drawn, involved or not
    # Bahrain and Singapore are too small to draw at this scale: they are dots
    assert {"BHR", "SGP"} <= leads | partners and len(svg.findall(f".//{SVG}circle")) >= 2
    page = html.parse(str(site / "en" / "insight" / "index.html")).getroot()
    caption = page.xpath("string(//figure[@class='sskb-map']/figcaption)")
    assert "do not imply official endorsement or acceptance by the United Nations" in caption
    table = page.xpath("//figure[@class='sskb-map']/following-sibling::table[1]")[0]
    rows = table.xpath("./tbody/tr")
    assert len(rows) == len(leads | partners)
    senegal = [row for row in rows if row.xpath("string(td[1])") == "Senegal"]
    if senegal:  # its name links to its list of practices
        assert senegal[0].xpath("td[1]/a/@href") == ["../countries/sen/"]


def test_the_flows_are_those_the_records_make(sample_site):
    """Worked out again from the record files: each country's region from the taxonomy's
    areas and the M49 table shipped with the package, the smallest area first."""
    import json

    root, site = sample_site
    terms = yaml.safe_load((root / "content" / "taxonomy" / "regions.yaml").read_text())["terms"]
    naming = {area: term["id"] for term in terms for area in term.get("areas", [])}
    m49 = json.loads((REPO / "generator" / "geo" / "world.json").read_text())["areas"]

    def region(country):
        return next(naming[a] for a in [country, *m49[country]] if a in naming)

    assert region("TUR") == "middle-east" and region("EGY") == "africa"
    assert region("MEX") == "latin-america-caribbean" and region("FJI") == "asia"
    expected = {}
    for record in published_practices(root):
        for pair in {(region(lead), region(partner)) for lead in record["lead_countries"]
                     for partner in record["partner_countries"]}:
            expected[pair] = expected.get(pair, 0) + 1
    labels = {term["label"]["en"]: term["id"] for term in terms}
    page = html.parse(str(site / "en" / "insight" / "index.html")).getroot()
    table = page.xpath("//img[@src='flows.svg']/../following-sibling::table[1]")[0]
    shown = {(labels[row.xpath("string(td[1])")], labels[row.xpath("string(td[2])")]):
             int(row.xpath("string(td[3])")) for row in table.xpath("./tbody/tr")}
    assert shown == expected and len(expected) >= 3
    # the chart draws one band per flow, its lead column on the left (on the right in Arabic)
    for language, lead_on_left in (("en", True), ("ar", False)):
        svg = etree.parse(str(site / language / "insight" / "flows.svg")).getroot()
        bands = [p for p in svg.iter(f"{SVG}path")]
        assert len(bands) == len(expected)
        start = float(bands[0].get("d")[1:].split(" ")[0])
        assert (start < 360) == lead_on_left


def test_the_offline_edition_opens_from_the_file_system(sample_site, browser, tmp_path):
    import zipfile

    from generator.build.handbook import size_text

    _, site = sample_site
    archive = site / "en" / "offline" / "south-south-knowledge-base-en.zip"
    home = (site / "en" / "index.html").read_text(encoding="utf-8")
    assert f">ZIP, {size_text(archive.stat().st_size, 'en')}</a>" in home  # its own size
    with zipfile.ZipFile(archive) as opened:
        names = opened.namelist()
        assert not [n for n in names if "/pagefind/" in n or n.endswith(".pdf")]
        opened.extractall(tmp_path)
    page = browser.new_page()
    missing = []
    page.on("requestfailed", lambda request: missing.append(request.url))
    practice = tmp_path / "en" / "practices" / "morocco-imam-training-institute" / "index.html"
    page.goto(practice.as_uri())
    assert "Mohammed VI" in page.title()
    # the theme's stylesheet was read: its header is the theme's indigo
    assert page.evaluate("getComputedStyle(document.querySelector('.md-header'))"
                         ".backgroundColor") == "rgb(64, 81, 181)"
    page.click("text=Practices")  # the navigation leads to a page, not to a folder
    assert page.url.endswith("/en/practices/index.html")
    page.close()
    assert [url for url in missing if url.startswith("file:") and "sitemap" not in url] == []


def test_embeddable_lists_per_pillar_region_and_country(sample_site, browser, tmp_path):
    _, site = sample_site
    embed = site / "en" / "embed"
    africa = html.parse(str(embed / "regions-africa.html")).getroot()
    links = africa.xpath("//ul/li/a/@href")
    region_page = html.parse(str(site / "en" / "regions" / "africa" / "index.html")).getroot()
    listed = region_page.xpath("//article//ul[@class='sskb-list']/li/a/@href")
    assert sorted(links) == sorted("../" + link[len("../../"):] for link in listed)
    assert all((embed / link / "index.html").resolve().exists() for link in links)
    assert (embed / "pillars-1.html").exists() and (embed / "countries-sen.html").exists()
    host = site / "en" / "host.html"
    host.write_text('<iframe src="embed/regions-africa.html" title="t"></iframe>')
    with served(site) as address:
        page = browser.new_page()
        page.goto(f"{address}/en/host.html")
        frame = page.frame_locator("iframe")
        assert frame.locator("li a").count() == len(links)
        assert frame.locator("li a").first.get_attribute("target") == "_blank"
        page.close()
    host.unlink()
