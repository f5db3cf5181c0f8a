"""The population table a survey is weighted to.

``population_cells_for(survey)`` is the one place that decides where the
population comes from: SCB's population by municipality, year, age group and
sex from the statistics app
(``medborgarloften.statistics.selectors.population_cells``) for every
municipality-year it has, and the table entered or imported by hand for the
survey (:class:`~medborgarloften.surveys.models.PopulationCell`, the engine's
population layout) where SCB has nothing — or wherever the survey has its own
table, which then overrides SCB's (a coordinator who entered figures meant
them). Nothing else in the surveys app reads a population.
"""

import numpy as np

from medborgarloften.statistics.selectors import population_cells

from .estimation.data import AGE_GROUPS, SEXES, PopulationEntry
from .models import PopulationCell


def population_cells_for(survey, *, years=None):
    """Return ``{(municipality code, year): PopulationEntry}`` for the survey's municipalities.

    ``years`` defaults to the survey's year (pass more for a comparison with an
    earlier survey). Municipality-years with an incomplete table are left out
    (the caller reports them as not weighted).
    """
    years = set(years or [survey.year])
    rows = (PopulationCell.objects.filter(survey=survey, year__in=years)
            .values_list("municipality__code", "year", "age_group", "sex", "population"))
    entered = entries_from_rows(rows)
    codes = [m.code for m in survey.municipalities.all()]
    from_scb = {}
    for year in years:
        from_scb.update(entries_from_rows(
            (row["municipality"], row["year"], row["age_group"], row["sex"], row["population"])
            for row in population_cells(codes, year)
        ))
    return {**from_scb, **entered}


def entries_from_rows(rows):
    """Return engine population entries from (code, year, age_group, sex, population) rows; incomplete ones left out."""
    grouped = {}
    for code, year, age, sex, value in rows:
        grouped.setdefault((code, year), {})[(age, sex)] = value
    table = {}
    for key, cells in grouped.items():
        if all((a, s) in cells for a in AGE_GROUPS for s in SEXES):
            grid = np.array([[cells[(a, s)] for s in SEXES] for a in AGE_GROUPS], dtype=float)
            table[key] = PopulationEntry(grid, grid.sum(axis=1), grid.sum(axis=0), 0)
        elif all((a, "") in cells for a in AGE_GROUPS) and all(("", s) in cells for s in SEXES):
            ages = np.array([cells[(a, "")] for a in AGE_GROUPS], dtype=float)
            sexes = np.array([cells[("", s)] for s in SEXES], dtype=float)
            table[key] = PopulationEntry(None, ages, sexes, 0)
    return table
