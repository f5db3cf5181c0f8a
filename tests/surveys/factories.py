"""Small in-memory survey data for hand-computed tests."""

import numpy as np

from medborgarloften.surveys.estimation.data import AGE_GROUPS, SEXES, Item, PopulationEntry, Responses


def make_responses(rows, *, items, municipality="2380", year=2024):
    """Return Responses from dicts with age_group, sex, optional subarea and item answers.

    ``items`` maps item name to (kind, options); answers are option labels,
    "vet_ej" or "" (multiple choice: a tuple of labels).
    """
    subareas = tuple(sorted({r.get("subarea", "") for r in rows} - {""}))
    item_objects = {}
    for name, (kind, options) in items.items():
        codes = np.full(len(rows), -1, dtype=np.int16)
        chosen = np.zeros((len(rows), len(options)), dtype=bool) if kind == "multi" else None
        for i, row in enumerate(rows):
            value = row.get(name, "")
            if value == "vet_ej":
                codes[i] = -2
            elif value in ("", ()):
                codes[i] = -1
            elif kind == "multi":
                codes[i] = 0
                chosen[i, [options.index(v) for v in value]] = True
            else:
                codes[i] = options.index(value)
        item_objects[name] = Item(name, kind, tuple(options), codes, chosen)
    return Responses(
        municipality_codes=(municipality,),
        municipality=np.zeros(len(rows), dtype=np.int32),
        year=np.array([r.get("year", year) for r in rows], dtype=np.int32),
        subarea_names=subareas,
        subarea=np.array([subareas.index(r["subarea"]) if r.get("subarea") else -1 for r in rows], dtype=np.int32),
        age=np.array([AGE_GROUPS.index(r["age_group"]) for r in rows], dtype=np.int8),
        sex=np.array([SEXES.index(r["sex"]) for r in rows], dtype=np.int8),
        items=item_objects,
    )


def cells_population(cells, *, municipality="2380", year=2024):
    """Return a population table with the given {(age_group, sex): count} cells, others 0."""
    table = np.zeros((len(AGE_GROUPS), len(SEXES)))
    for (age, sex), count in cells.items():
        table[AGE_GROUPS.index(age), SEXES.index(sex)] = count
    return {(municipality, year): PopulationEntry(table, table.sum(axis=1), table.sum(axis=0), 2)}


def margins_population(age_margin, sex_margin, *, municipality="2380", year=2024):
    """Return a population table with margins only."""
    ages = np.array([age_margin.get(a, 0) for a in AGE_GROUPS], dtype=float)
    sexes = np.array([sex_margin.get(s, 0) for s in SEXES], dtype=float)
    return {(municipality, year): PopulationEntry(None, ages, sexes, 2)}
