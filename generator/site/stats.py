"""How much the knowledge base holds, and where it is thin (pure): `sskb stats`.

The grid of pillars by the regions of the South is the programme's map of what is
documented; a cell with fewer than two practices, a theme with none, are gaps to fill.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass

from ..kb.codes import UN_LANGUAGES
from .insight import PILLARS, coverage
from .view import SOUTH_SOUTH, TRIANGULAR, View, support

# The regions of the global South (the others, `europe-north-america` and `global`, are
# where support comes from or what spans everything).
SOUTH = ("africa", "asia", "middle-east", "latin-america-caribbean")
MIN_PER_CELL, MIN_PER_THEME = 2, 1


@dataclass
class Stats:
    practices: int
    centres: int
    experts: int
    organizations: int
    cells: dict        # (pillar, region) -> practices
    themes: dict       # theme -> practices
    languages: dict    # original language -> practices
    support: dict      # SOUTH_SOUTH / TRIANGULAR -> practices

    @property
    def thin_cells(self) -> list[tuple[int, str]]:
        return [cell for cell, count in self.cells.items() if count < MIN_PER_CELL]

    @property
    def empty_themes(self) -> list[str]:
        return [theme for theme, count in self.themes.items() if count < MIN_PER_THEME]


def stats(view: View) -> Stats:
    cells = coverage(view, "pillars").practices  # the insight page's matrix
    return Stats(
        len(view.practices), len(view.centres), len(view.experts), len(view.organizations),
        {(pillar, region): len(cells.get((pillar, region), ()))
         for pillar in PILLARS for region in SOUTH},
        {theme: len(view.facets["themes"].get(theme, ())) for theme in view.themes},
        {language: sum(p.original_language == language for p in view.practices)
         for language in UN_LANGUAGES},
        Counter(support(p) for p in view.practices))


def as_text(found: Stats) -> str:
    lines = [f"practices {found.practices}, centres {found.centres}, experts "
             f"{found.experts}, organisations {found.organizations}",
             f"South-South {found.support[SOUTH_SOUTH]}, triangular "
             f"{found.support[TRIANGULAR]}", "",
             "practices per pillar and region (at least 2 each):",
             f"{'pillar':<8}" + "".join(f"{region:>25}" for region in SOUTH)]
    for pillar in PILLARS:
        lines.append(f"{pillar:<8}" + "".join(f"{found.cells[(pillar, region)]:>25}"
                                             for region in SOUTH))
    lines += ["", "practices per theme (at least 1 each):"]
    lines += [f"  {theme:<32}{count:>4}" for theme, count in found.themes.items()]
    lines += ["", "practices per original language:"]
    lines += [f"  {language:<32}{count:>4}" for language, count in found.languages.items()]
    gaps = [f"pillar {pillar} x {region}" for pillar, region in found.thin_cells]
    gaps += [f"theme {theme}" for theme in found.empty_themes]
    lines += ["", "gaps: " + (", ".join(gaps) if gaps else "none")]
    return "\n".join(lines)


def as_json(found: Stats) -> str:
    return json.dumps({
        "practices": found.practices, "centres": found.centres, "experts": found.experts,
        "organizations": found.organizations, "support": dict(found.support),
        "cells": [{"pillar": pillar, "region": region, "practices": count}
                  for (pillar, region), count in found.cells.items()],
        "themes": found.themes, "languages": found.languages,
        "thin_cells": [{"pillar": pillar, "region": region}
                       for pillar, region in found.thin_cells],
        "empty_themes": found.empty_themes}, ensure_ascii=False, indent=2)
