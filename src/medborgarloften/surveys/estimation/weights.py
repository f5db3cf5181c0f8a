"""Design weights: simple random sampling within each municipality-year
(stratum) with finite population correction, calibrated to the population by
age group × sex (post-stratification) or, when only the margins are known, to
the age and sex margins (raking).

Respondents are never looped over: everything is computed on the at most
7 × 2 cells of each stratum and gathered back with fancy indexing.

Collapsing rule (applied per stratum; the R reference script applies the same):
cells with neither respondents nor population are dropped; then, while some
group has fewer than ``min_cell_size`` respondents and more than one group is
left, the smallest group (the youngest on ties) is merged with the adjacent
age group (of the same sex) that has fewer respondents (the younger on ties).
For post-stratification the groups are the age groups of one sex; if a whole
sex still has too few respondents, the stratum falls back to one cell (plain
SRS weights).  For raking the age margin is collapsed the same way, and a sex
margin with too few respondents is dropped (the two sexes merged).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from .data import AGE_GROUPS, SEXES, PopulationEntry, Responses, check_population_coverage

POST_STRATIFIED = "post-stratified"
RAKED = "raked"
DEFAULT_MIN_CELL_SIZE = 10
RAKING_TOLERANCE = 1e-13
RAKING_MAX_ITERATIONS = 2000

_A = len(AGE_GROUPS)
_S = len(SEXES)


class RakingError(ValueError):
    """Raking did not converge for a municipality-year."""


@dataclass
class Design:
    """A stratified SRS design calibrated within strata.

    Per respondent: ``stratum`` and ``cell`` (calibration cell) indices and
    ``weight``.  Per cell: stratum, respondents, weight, label and the two
    margin ids that the variance projection uses (a post-stratum is its own
    margin; a raked cell belongs to an age-margin and a sex-margin group).
    """

    strata: list[tuple[str, int]]
    stratum: np.ndarray
    sample_size: np.ndarray
    population_size: np.ndarray
    method: list[str]
    cell: np.ndarray
    cell_stratum: np.ndarray
    cell_size: np.ndarray
    cell_weight: np.ndarray
    cell_label: list[str]
    cell_margin_a: np.ndarray
    cell_margin_b: np.ndarray
    collapsing: list[str] = field(default_factory=list)

    @property
    def weight(self) -> np.ndarray:
        """Return the weight of every respondent."""
        return self.cell_weight[self.cell]

    @property
    def is_raked(self) -> bool:
        return RAKED in self.method

    def stratum_summary(self) -> dict[str, np.ndarray]:
        """Return per stratum n, N, sum of weights, Kish design effect and effective n."""
        w = self.cell_weight
        n = self.cell_size
        sum_w = np.bincount(self.cell_stratum, weights=n * w, minlength=len(self.strata))
        sum_w2 = np.bincount(self.cell_stratum, weights=n * w * w, minlength=len(self.strata))
        kish = self.sample_size * sum_w2 / (sum_w * sum_w)
        return {
            "n": self.sample_size,
            "population": self.population_size,
            "sum_weights": sum_w,
            "deff_kish": kish,
            "effective_n": sum_w * sum_w / sum_w2,
        }


def collapse_groups(sizes: list[float], present: list[bool], min_size: float) -> list[list[int]]:
    """Return the age groups merged into runs of adjacent groups (see the module rule)."""
    groups = [[i] for i, p in enumerate(present) if p]
    totals = [sizes[i] for i, p in enumerate(present) if p]
    while len(groups) > 1 and min(totals) < min_size:
        smallest = min(range(len(groups)), key=lambda g: (totals[g], g))
        if smallest == 0:
            neighbour = 1
        elif smallest == len(groups) - 1:
            neighbour = smallest - 1
        else:
            left, right = smallest - 1, smallest + 1
            neighbour = left if totals[left] <= totals[right] else right
        first, second = sorted((smallest, neighbour))
        groups[first:second + 1] = [groups[first] + groups[second]]
        totals[first:second + 1] = [totals[first] + totals[second]]
    return groups


def _age_label(group: list[int]) -> str:
    return "+".join(AGE_GROUPS[a] for a in group)


def build_design(
    responses: Responses,
    population: dict[tuple[str, int], PopulationEntry],
    *,
    min_cell_size: int = DEFAULT_MIN_CELL_SIZE,
) -> Design:
    """Return the calibrated design for the respondents (see the module docstring)."""
    check_population_coverage(responses, population)
    # A cell needs at least one respondent to carry a weight.
    min_cell_size = max(min_cell_size, 1)
    key = responses.municipality.astype(np.int64) * 10000 + responses.year
    stratum_keys, stratum = np.unique(key, return_inverse=True)
    strata = [(responses.municipality_codes[int(k // 10000)], int(k % 10000)) for k in stratum_keys]
    n_strata = len(strata)
    sample_size = np.bincount(stratum, minlength=n_strata).astype(float)
    raw = stratum * (_A * _S) + responses.sex.astype(np.int64) * _A + responses.age
    raw_n = np.bincount(raw, minlength=n_strata * _A * _S).reshape(n_strata, _S, _A).astype(float)

    raw_to_cell = np.full((n_strata, _S, _A), -1, dtype=np.int64)
    cell_stratum, cell_size, cell_target, cell_label = [], [], [], []
    margin_a, margin_b = [], []
    methods, population_size, notes = [], np.zeros(n_strata), []
    raked_cells = []  # (cell id, age margin group id, sex margin group id)
    age_targets, sex_targets = [], []
    n_margin_b = 0

    def add_cell(h, label, size, target):
        cell_stratum.append(h)
        cell_size.append(size)
        cell_target.append(target)
        cell_label.append(label)
        return len(cell_stratum) - 1

    for h, (code, year) in enumerate(strata):
        entry = population[(code, year)]
        population_size[h] = entry.total
        counts = raw_n[h]
        if entry.cells is not None:
            methods.append(POST_STRATIFIED)
            cells_pop = entry.cells.T  # sex × age
            sex_groups = []
            for s in range(_S):
                present = [bool(counts[s, a] > 0 or cells_pop[s, a] > 0) for a in range(_A)]
                sex_groups.append(collapse_groups(counts[s].tolist(), present, min_cell_size))
            too_small = [
                s for s in range(_S)
                if sex_groups[s] and sum(counts[s, a] for g in sex_groups[s] for a in g) < min_cell_size
            ]
            if too_small:
                notes.append(f"{code} {year}: too few respondents ({', '.join(SEXES[s] for s in too_small)}); one cell for the municipality (SRS weights)")
                c = add_cell(h, "all", counts.sum(), cells_pop.sum())
                raw_to_cell[h] = c
                margin_a.append(c)
                margin_b.append(n_margin_b)
                n_margin_b += 1
                continue
            for s in range(_S):
                for group in sex_groups[s]:
                    label = f"{SEXES[s]} {_age_label(group)}"
                    if len(group) > 1:
                        notes.append(f"{code} {year}: collapsed {label} ({', '.join(str(int(counts[s, a])) for a in group)} respondents)")
                    c = add_cell(h, label, counts[s, group].sum(), cells_pop[s, group].sum())
                    raw_to_cell[h, s, group] = c
                    margin_a.append(c)
                    margin_b.append(n_margin_b)
                    n_margin_b += 1
            continue
        methods.append(RAKED)
        age_counts = counts.sum(axis=0)
        present = [bool(age_counts[a] > 0 or entry.age_margin[a] > 0) for a in range(_A)]
        age_groups = collapse_groups(age_counts.tolist(), present, min_cell_size)
        for group in age_groups:
            if len(group) > 1:
                notes.append(f"{code} {year}: collapsed age margin {_age_label(group)} ({', '.join(str(int(age_counts[a])) for a in group)} respondents)")
        sex_counts = counts.sum(axis=1)
        sex_present = [s for s in range(_S) if sex_counts[s] > 0 or entry.sex_margin[s] > 0]
        if any(sex_counts[s] < min_cell_size for s in sex_present) and len(sex_present) > 1:
            notes.append(f"{code} {year}: too few respondents of one sex ({', '.join(str(int(sex_counts[s])) for s in sex_present)}); sex margin dropped")
            sex_groups = [sex_present]
        else:
            sex_groups = [[s] for s in sex_present]
        age_group_ids = {}
        for group in age_groups:
            age_targets.append(entry.age_margin[group].sum())
            for a in group:
                age_group_ids[a] = len(age_targets) - 1
        sex_group_ids = {}
        for group in sex_groups:
            sex_targets.append(entry.sex_margin[group].sum())
            for s in group:
                sex_group_ids[s] = len(sex_targets) - 1
        for s in range(_S):
            for a in range(_A):
                if counts[s, a] > 0:
                    c = add_cell(h, f"{SEXES[s]} {AGE_GROUPS[a]}", counts[s, a], np.nan)
                    raw_to_cell[h, s, a] = c
                    raked_cells.append((c, age_group_ids[a], sex_group_ids[s]))

    cell_stratum = np.array(cell_stratum, dtype=np.int64)
    cell_size = np.array(cell_size, dtype=float)
    cell_target = np.array(cell_target, dtype=float)
    cell_weight = np.zeros(len(cell_stratum))
    ps = ~np.isnan(cell_target)
    cell_weight[ps] = cell_target[ps] / cell_size[ps]
    margin_a_arr = np.zeros(len(cell_stratum), dtype=np.int64)
    margin_b_arr = np.zeros(len(cell_stratum), dtype=np.int64)
    margin_a_arr[ps] = np.array(margin_a, dtype=np.int64)
    margin_b_arr[ps] = np.array(margin_b, dtype=np.int64)
    if raked_cells:
        ids = np.array(raked_cells, dtype=np.int64)
        weights = _rake(
            cells=ids[:, 0], age_group=ids[:, 1], sex_group=ids[:, 2],
            sizes=cell_size[ids[:, 0]], start=(population_size / sample_size)[cell_stratum[ids[:, 0]]],
            age_targets=np.array(age_targets), sex_targets=np.array(sex_targets), strata=strata,
            stratum_of_cell=cell_stratum[ids[:, 0]],
        )
        cell_weight[ids[:, 0]] = weights
        # Margin ids live in two separate spaces: post-strata take the first
        # ids of each, raking groups follow.
        margin_a_arr[ids[:, 0]] = len(cell_stratum) + ids[:, 1]
        margin_b_arr[ids[:, 0]] = n_margin_b + ids[:, 2]
    cell = raw_to_cell.reshape(-1)[raw]
    return Design(
        strata=strata, stratum=stratum, sample_size=sample_size, population_size=population_size,
        method=methods, cell=cell, cell_stratum=cell_stratum, cell_size=cell_size,
        cell_weight=cell_weight, cell_label=cell_label,
        cell_margin_a=np.unique(margin_a_arr, return_inverse=True)[1],
        cell_margin_b=np.unique(margin_b_arr, return_inverse=True)[1],
        collapsing=notes,
    )


def _rake(*, cells, age_group, sex_group, sizes, start, age_targets, sex_targets, strata, stratum_of_cell):
    """Return raked cell weights by iterative proportional fitting, age margin
    then sex margin, as R's ``rake`` alternates ``postStratify`` calls, but
    iterated to a tight tolerance instead of R's default ``epsilon = 1`` person."""
    weights = start.astype(float).copy()
    n_age, n_sex = len(age_targets), len(sex_targets)
    for _ in range(RAKING_MAX_ITERATIONS):
        fitted = np.bincount(age_group, weights=sizes * weights, minlength=n_age)
        weights *= (age_targets / fitted)[age_group]
        fitted = np.bincount(sex_group, weights=sizes * weights, minlength=n_sex)
        factor = sex_targets / fitted
        weights *= factor[sex_group]
        fitted_age = np.bincount(age_group, weights=sizes * weights, minlength=n_age)
        if np.max(np.abs(fitted_age / age_targets - 1.0)) < RAKING_TOLERANCE:
            return weights
    off = np.abs(np.bincount(age_group, weights=sizes * weights, minlength=n_age) / age_targets - 1.0)
    bad = sorted({strata[stratum_of_cell[np.flatnonzero(age_group == g)[0]]] for g in np.flatnonzero(off >= RAKING_TOLERANCE)})
    raise RakingError("raking did not converge for " + ", ".join(f"{c} {y}" for c, y in bad))
