"""The knowledge base at a glance: how many practices per pillar, region and year started,
and where practices and experts are missing (the coverage matrices), from the view
(pure). The charts are drawn from these numbers (`charts`), and the page shows the same
numbers as tables."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from .charts import bar_chart
from .flow_chart import flow_chart
from .geography import countries_involved, flows
from .view import SOUTH_SOUTH, TRIANGULAR, support
from .world_map import world_map

PILLARS = (1, 2, 3, 4)


def per_pillar(view) -> list[tuple[int, int]]:
    counts = Counter(pillar for p in view.practices for pillar in p.pillars)
    return [(pillar, counts[pillar]) for pillar in PILLARS]


def per_region(view) -> list[tuple[str, int]]:
    counts = Counter(region for p in view.practices for region in p.regions)
    return [(region, counts[region]) for region in view.regions]


def per_region_support(view) -> list[tuple[str, int, int]]:
    """(region, South-South practices, triangular practices) for each region."""
    counts = Counter((region, support(p)) for p in view.practices for region in p.regions)
    return [(region, counts[(region, SOUTH_SOUTH)], counts[(region, TRIANGULAR)])
            for region in view.regions]


def per_year(view) -> list[tuple[int, int]]:
    """Practices by the year they started, every year from the first to the last."""
    counts = Counter(int(p.period.start[:4]) for p in view.practices)
    if not counts:
        return []
    return [(year, counts[year]) for year in range(min(counts), max(counts) + 1)]


@dataclass
class Matrix:
    """Practices and experts in each (row, region) cell: rows are pillars or themes."""

    rows: list
    regions: list[str]
    practices: dict = field(default_factory=dict)  # (row, region) -> [practice]
    experts: dict = field(default_factory=dict)    # (row, region) -> [expert]
    requests: dict = field(default_factory=dict)   # (row, region) -> [open request]

    def empty(self) -> list[tuple]:
        """The cells with neither a practice nor an expert: the gaps to fill next."""
        return [(row, region) for row in self.rows for region in self.regions
                if not self.practices.get((row, region))
                and not self.experts.get((row, region))]


def coverage(view, facet: str) -> Matrix:
    """The matrix of `facet` (pillars or themes) by region."""
    rows = list(PILLARS) if facet == "pillars" else list(view.themes)
    matrix = Matrix(rows, list(view.regions))
    for kind, records in (("practices", view.practices), ("experts", view.experts.values()),
                          ("requests", view.open_requests())):
        cells = getattr(matrix, kind)
        for record in records:
            for row in getattr(record, facet):
                for region in record.regions:
                    cells.setdefault((row, region), []).append(record)
    return matrix


@dataclass(frozen=True)
class Chart:
    name: str          # its file: <name>.svg, beside the page
    title: str
    description: str
    bars: list         # (label, value, value as written)


def charts(r) -> list[Chart]:
    """The page's charts, labelled by `r` (a LanguageRenderer) in its language."""
    view, t = r.view, r.t
    specs = [("pillars", "insight_per_pillar",
              [(r.facet_label("pillars", p), n) for p, n in per_pillar(view)]),
             ("regions", "insight_per_region",
              [(r.term("regions", g), n) for g, n in per_region(view)]),
             ("years", "insight_per_year", [(str(y), n) for y, n in per_year(view)])]
    found = []
    for name, key, bars in specs:
        total = sum(value for _, value in bars)
        top = max(bars, key=lambda bar: bar[1], default=("", 0))
        description = t("insight_chart_description", total=t.number(total),
                        label=top[0], count=t.number(top[1]))
        found.append(Chart(name, t(key), description,
                           [(label, value, t.number(value)) for label, value in bars]))
    return found


def map_parts(involved: dict) -> dict[str, str]:
    """Country -> its part on the map: "lead" if it leads a practice, else "partner"
    (`involved`: from `geography.countries_involved`)."""
    return {country: "lead" if involvement.leads else "partner"
            for country, involvement in involved.items()}


def map_description(r, parts: dict[str, str]) -> str:
    values = list(parts.values())
    return r.t("insight_map_description", countries=r.t.number(len(values)),
               leads=r.t.number(values.count("lead")),
               partners=r.t.number(values.count("partner")))


def flows_description(r, found: dict) -> str:
    """`found`: from `geography.flows`."""
    if not found:
        return r.t("insight_flows_none")
    (lead, partner), practices = max(found.items(), key=lambda item: len(item[1]))
    total = len({p.id for practices in found.values() for p in practices})
    return r.t("insight_flows_description", total=r.t.number(total),
               lead=r.term("regions", lead), partner=r.term("regions", partner),
               count=r.t.number(len(practices)))


def chart_files(r) -> dict[str, str]:
    """File name -> SVG of each chart, the map and the flows, in `r`'s language (right to
    left in Arabic)."""
    rtl = r.t.direction == "rtl"
    files = {f"{chart.name}.svg": bar_chart(chart.title, chart.description, chart.bars,
                                            r.language, rtl) for chart in charts(r)}
    parts = map_parts(countries_involved(r.view))
    files["map.svg"] = world_map(r.t("insight_map"), map_description(r, parts), parts,
                                 r.language)
    found = flows(r.view)
    labels = {region: r.term("regions", region) for region in r.view.regions}
    files["flows.svg"] = flow_chart(
        r.t("insight_flows"), flows_description(r, found),
        [(lead, partner, len(practices)) for (lead, partner), practices in found.items()],
        labels, (r.t("insight_flows_lead"), r.t("insight_flows_partner")), r.language, rtl)
    return files
