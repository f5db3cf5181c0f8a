"""Open questionnaires (anyone can answer, no sample): unweighted counts and
shares, labelled as such, with no standard error or interval.

Each split (by sex, age group, sub-area) has a category for respondents who
did not state it, so the counts of a split always add up to the total shown
beside it.  Counts from 1 to ``min_count − 1`` are suppressed, with
complementary suppression over the table of options × categories with its
totals and its row of numbers of answers; a share is hidden with its count,
and a whole column is hidden when its number of answers is.
"""

from __future__ import annotations

import numpy as np

from .data import AGE_GROUPS, DONT_KNOW, SEXES, UNANSWERED, Responses, official_counties, official_municipalities
from .report import COMPLEMENTARY, PRIMARY, ResultTable, no_change_columns
from .suppression import complementary_suppression

OPEN_METHOD = "unweighted, self-selected (open questionnaire)"
NOT_STATED = "ej angiven"
SPLITS = ("sex", "age_group", "subarea")
DEFAULT_MIN_COUNT = 5


def _split_categories(responses: Responses, split: str) -> tuple[np.ndarray, tuple[str, ...]]:
    """Return per respondent a category index (the last is 'not stated') and the labels."""
    if split == "sex":
        codes, labels = responses.sex, SEXES
    elif split == "age_group":
        codes, labels = responses.age, AGE_GROUPS
    elif split == "subarea":
        codes, labels = responses.subarea, responses.subarea_names
    else:
        raise ValueError(f"unknown split {split!r}")
    codes = np.where(codes >= 0, codes, len(labels)).astype(np.int64)
    return codes, tuple(labels) + (NOT_STATED,)


def _table_suppression(values: np.ndarray, min_count: int, exclusive: bool) -> tuple[np.ndarray, np.ndarray]:
    """Return the primary and final suppression masks of an (options + 1) × (categories + 1) table."""
    R, C = values.shape
    equations = []
    for r in range(R):
        eq = np.zeros((R, C))
        eq[r, :-1] = 1.0
        eq[r, -1] = -1.0
        equations.append(eq.ravel())
    if exclusive:
        for c in range(C):
            eq = np.zeros((R, C))
            eq[:-1, c] = 1.0
            eq[-1, c] = -1.0
            equations.append(eq.ravel())
    primary = (values > 0) & (values < min_count)
    is_total = np.zeros((R, C), dtype=bool)
    is_total[:, -1] = True
    is_total[-1, :] = True
    mask = complementary_suppression(values.ravel().astype(float), primary.ravel(), np.array(equations),
                                     is_total=is_total.ravel())
    return primary, mask.reshape(R, C)


OPEN_LEVELS = ("municipality", "lpo", "county")


def open_areas(responses: Responses, level: str, lpo_map: dict[str, str] | None = None) -> tuple[list[str | None], dict[str, str]]:
    """Return per municipality code index the area it counts in at ``level`` (None: in none) and area names."""
    municipalities = official_municipalities()
    if level == "municipality":
        return list(responses.municipality_codes), {c: n for c, (n, _) in municipalities.items()}
    if level == "county":
        return [municipalities[c][1] for c in responses.municipality_codes], official_counties()
    if level == "lpo":
        from .groups import JAMTLAND_LPO

        mapping = JAMTLAND_LPO if lpo_map is None else lpo_map
        return [mapping.get(c) for c in responses.municipality_codes], {}
    raise ValueError(f"open questionnaires are counted per {', '.join(OPEN_LEVELS)}, not per {level!r}"
                     " (sub-areas are a split of every area)")


def estimate_open(responses: Responses, *, splits: tuple[str, ...] = SPLITS, min_count: int = DEFAULT_MIN_COUNT,
                  level: str = "municipality", lpo_map: dict[str, str] | None = None,
                  notes: list[str] | None = None) -> ResultTable:
    """Return unweighted counts and shares per area-year at ``level``, item, option and split category.

    Municipalities that no area of the level covers (an LPO mapping without
    them) are left out with a line in ``notes``.
    """
    areas_of, names = open_areas(responses, level, lpo_map)
    area_labels = sorted({a for a in areas_of if a is not None})
    missing = sorted(c for c, a in zip(responses.municipality_codes, areas_of) if a is None)
    if missing and notes is not None:
        notes.append(f"no {level} known for " + ", ".join(missing) + f"; left out of the {level} level")
    area_lut = np.array([area_labels.index(a) if a is not None else -1 for a in areas_of] or [0], dtype=np.int64)
    area_of_respondent = area_lut[responses.municipality] if len(responses) else np.zeros(0, dtype=np.int64)
    keep = area_of_respondent >= 0
    area_key = np.where(keep, area_of_respondent * 10000 + responses.year, -1)
    columns: dict[str, list] = {name: [] for name in (
        "area", "year", "domain", "item", "option", "n", "count", "n_dont_know", "n_unanswered", "estimate", "suppressed")}
    split_codes = {split: _split_categories(responses, split) for split in splits}
    for key in np.unique(area_key[keep]):
        in_area = area_key == key
        code, year = area_labels[int(key // 10000)], int(key % 10000)
        for item in responses.items.values():
            codes = item.codes[in_area]
            valid = codes >= 0
            K = len(item.options)
            if item.kind == "multi":
                option_hits = item.chosen[in_area] & valid[:, None]
            else:
                option_hits = (codes[:, None] == np.arange(K)) & valid[:, None]
            for split in splits:
                categories, labels = split_codes[split]
                categories = categories[in_area]
                C = len(labels)
                counts = np.zeros((K + 1, C + 1))
                for k in range(K):
                    counts[k, :C] = np.bincount(categories[option_hits[:, k]], minlength=C)
                counts[K, :C] = np.bincount(categories[valid], minlength=C)
                counts[:, C] = counts[:, :C].sum(axis=1)
                dont_know = np.bincount(categories[codes == DONT_KNOW], minlength=C)
                unanswered = np.bincount(categories[codes == UNANSWERED], minlength=C)
                primary, mask = _table_suppression(counts, min_count, item.kind != "multi")
                # A hidden number of answers hides every share of its column.
                column_hidden = mask[K]
                domains = [f"{split}={label}" for label in labels] + [""]
                for c, domain in enumerate(domains):
                    if domain == "" and split != splits[0]:
                        continue  # the total is the same for every split
                    n = counts[K, c]
                    for k in range(K):
                        hidden = mask[k, c] or column_hidden[c]
                        columns["area"].append(code)
                        columns["year"].append(year)
                        columns["domain"].append(domain)
                        columns["item"].append(item.name)
                        columns["option"].append(item.options[k])
                        columns["n"].append(-1 if column_hidden[c] else int(n))
                        columns["count"].append(-1 if hidden else int(counts[k, c]))
                        columns["n_dont_know"].append(int(dont_know[c]) if c < C else int(dont_know.sum()))
                        columns["n_unanswered"].append(int(unanswered[c]) if c < C else int(unanswered.sum()))
                        columns["estimate"].append(np.nan if hidden or n == 0 else counts[k, c] / n)
                        flag = ""
                        if hidden:
                            flag = PRIMARY if (primary[k, c] or primary[K, c]) else COMPLEMENTARY
                        columns["suppressed"].append(flag)
    size = len(columns["area"])
    return ResultTable({
        "level": np.full(size, level, dtype=object),
        "area": np.array(columns["area"], dtype=object),
        "area_name": np.array([names.get(c, c) for c in columns["area"]], dtype=object),
        "year": np.array(columns["year"], dtype=np.int64),
        "domain": np.array(columns["domain"], dtype=object),
        "item": np.array(columns["item"], dtype=object),
        "kind": np.full(size, "share", dtype=object),
        "option": np.array(columns["option"], dtype=object),
        "n": np.array(columns["n"], dtype=np.int64),
        "count": np.array(columns["count"], dtype=np.int64),
        "n_dont_know": np.array(columns["n_dont_know"], dtype=np.int64),
        "n_unanswered": np.array(columns["n_unanswered"], dtype=np.int64),
        "estimate": np.array(columns["estimate"], dtype=float),
        "se": np.full(size, np.nan),
        "ci_low": np.full(size, np.nan),
        "ci_high": np.full(size, np.nan),
        "df": np.full(size, -1, dtype=np.int64),
        "method": np.full(size, OPEN_METHOD, dtype=object),
        "suppressed": np.array(columns["suppressed"], dtype=object),
        **no_change_columns(size),
    })
