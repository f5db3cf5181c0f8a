"""The areas that estimates are made for: municipality, sub-areas as domains of
the municipality's design, and local police area (LPO) and county as
stratified designs with the municipality-years as strata."""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from .data import Responses, official_counties, official_municipalities
from .weights import Design

LEVELS = ("municipality", "subarea", "lpo", "county")

# Jämtland's two local police areas (DOMAIN.md); the default when no
# --lpo-map is given.  Other counties need a mapping file.
JAMTLAND_LPO = {
    "2380": "Östersund",
    "2305": "Östersund",
    "2303": "Östersund",
    "2309": "Jämtland/Härjedalen",
    "2313": "Jämtland/Härjedalen",
    "2321": "Jämtland/Härjedalen",
    "2326": "Jämtland/Härjedalen",
    "2361": "Jämtland/Härjedalen",
}


@dataclass
class Grouping:
    """Respondents' group per level (-1: in no group) with one label per group."""

    level: str
    group: np.ndarray
    area: list[str]
    area_name: list[str]
    year: list[int]
    domain: list[str]
    method: list[str]

    def __len__(self) -> int:
        return len(self.area)


def read_lpo_map(path: str | Path) -> dict[str, str]:
    """Return ``{municipality code: local police area}`` from a CSV with the
    header ``municipality_code,lpo``."""
    with open(path, newline="", encoding="utf-8-sig") as handle:
        reader = csv.DictReader(handle)
        if reader.fieldnames is None or not {"municipality_code", "lpo"} <= set(reader.fieldnames):
            raise ValueError(f"{path}: expected the header municipality_code,lpo")
        return {row["municipality_code"].strip(): row["lpo"].strip() for row in reader}


def _methods(design: Design, group_of_stratum: np.ndarray, n_groups: int) -> list[str]:
    methods: list[set[str]] = [set() for _ in range(n_groups)]
    for h, g in enumerate(group_of_stratum):
        if g >= 0:
            methods[g].add(design.method[h])
    return ["+".join(sorted(m)) for m in methods]


def _group_strata(design: Design, area_of_stratum: list[str | None], name_of: dict[str, str], level: str) -> Grouping:
    """Return a grouping whose groups are unions of whole strata (area × year)."""
    labels: dict[tuple[str, int], int] = {}
    group_of_stratum = np.full(len(design.strata), -1, dtype=np.int64)
    for h, ((_, year), area) in enumerate(zip(design.strata, area_of_stratum)):
        if area is None:
            continue
        group_of_stratum[h] = labels.setdefault((area, year), len(labels))
    keys = list(labels)
    return Grouping(
        level=level,
        group=group_of_stratum[design.stratum],
        area=[a for a, _ in keys],
        area_name=[name_of.get(a, a) for a, _ in keys],
        year=[y for _, y in keys],
        domain=[""] * len(keys),
        method=_methods(design, group_of_stratum, len(keys)),
    )


def group_by_municipality(responses: Responses, design: Design) -> Grouping:
    """Return one group per municipality-year (the design's strata)."""
    names = {code: name for code, (name, _) in official_municipalities().items()}
    return _group_strata(design, [code for code, _ in design.strata], names, "municipality")


def group_by_county(responses: Responses, design: Design) -> Grouping:
    """Return one group per county-year; the county is the first two digits of the SCB code."""
    municipalities = official_municipalities()
    areas = [municipalities[code][1] for code, _ in design.strata]
    return _group_strata(design, areas, official_counties(), "county")


def group_by_lpo(responses: Responses, design: Design, lpo_map: dict[str, str]) -> tuple[Grouping, list[str]]:
    """Return one group per local police area and year, and the municipality
    codes left out because the mapping does not name them."""
    areas = [lpo_map.get(code) for code, _ in design.strata]
    missing = sorted({code for (code, _), area in zip(design.strata, areas) if area is None})
    return _group_strata(design, areas, {}, "lpo"), missing


def group_by_subarea(responses: Responses, design: Design) -> Grouping:
    """Return one group per sub-area and year: a domain of its municipality's design."""
    names = {code: name for code, (name, _) in official_municipalities().items()}
    n_sub = max(len(responses.subarea_names), 1)
    inside = responses.subarea >= 0
    key = design.stratum.astype(np.int64) * n_sub + responses.subarea
    keys, inverse = np.unique(key[inside], return_inverse=True)
    group = np.full(len(responses), -1, dtype=np.int64)
    group[inside] = inverse
    strata = keys // n_sub
    return Grouping(
        level="subarea",
        group=group,
        area=[design.strata[h][0] for h in strata],
        area_name=[names.get(design.strata[h][0], design.strata[h][0]) for h in strata],
        year=[design.strata[h][1] for h in strata],
        domain=[responses.subarea_names[s] for s in keys % n_sub],
        method=[design.method[h] for h in strata],
    )
