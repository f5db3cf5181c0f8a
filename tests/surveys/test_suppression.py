"""Primary and complementary suppression: no suppressed cell can be worked out
from the totals and the cells shown."""

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from medborgarloften.surveys.estimation.data import read_population, read_responses
from medborgarloften.surveys.estimation.suppression import suppress_count_table, table_constraints
from medborgarloften.surveys.estimation.survey import estimate_survey

from .test_against_r import REFERENCE


def is_determined(constraints: np.ndarray, unknown: np.ndarray, cell: int) -> bool:
    """Return whether the equations fix ``cell`` when the ``unknown`` cells are hidden:
    its unit vector lies in their row space (rank test, independent of the SVD
    null-space test the code uses)."""
    columns = np.flatnonzero(unknown)
    matrix = constraints[:, columns]
    unit = (columns == cell).astype(float)
    return np.linalg.matrix_rank(np.vstack([matrix, unit])) == np.linalg.matrix_rank(matrix)


def with_totals(inner: np.ndarray) -> np.ndarray:
    table = np.zeros((inner.shape[0] + 1, inner.shape[1] + 1))
    table[:-1, :-1] = inner
    table[-1, :-1] = inner.sum(axis=0)
    table[:-1, -1] = inner.sum(axis=1)
    table[-1, -1] = inner.sum()
    return table


tables = st.integers(1, 5).flatmap(
    lambda rows: st.integers(1, 5).flatmap(
        lambda cols: st.lists(st.integers(0, 25), min_size=rows * cols, max_size=rows * cols).map(
            lambda values: np.array(values, dtype=float).reshape(rows, cols))))


@settings(max_examples=300, deadline=None)
@given(inner=tables, min_count=st.integers(1, 12))
def test_no_suppressed_cell_is_determined_by_what_is_shown(inner, min_count):
    table = with_totals(inner)
    mask = suppress_count_table(table, min_count)
    primary = (table > 0) & (table < min_count)
    assert not (primary & ~mask).any(), "every small count is suppressed"
    constraints = table_constraints(*inner.shape)
    unknown = mask.ravel()
    for cell in np.flatnonzero(unknown):
        assert not is_determined(constraints, unknown, cell), (table, mask)


@settings(max_examples=200, deadline=None)
@given(inner=tables, min_count=st.integers(2, 12))
def test_no_suppressed_cell_is_determined_from_row_totals_alone(inner, min_count):
    """Multiple-choice tables: options are not exclusive, so only rows add up."""
    table = with_totals(inner)
    mask = suppress_count_table(table, min_count, column_totals=False)
    constraints = table_constraints(*inner.shape, column_totals=False)
    shown_part = mask.ravel().copy()
    shown_part[np.arange(table.size).reshape(table.shape)[-1]] = True  # the hidden totals row
    for cell in np.flatnonzero(mask.ravel()):
        assert not is_determined(constraints, shown_part, cell)


def test_it_adds_a_second_cell_to_a_row_with_one_small_count():
    table = with_totals(np.array([[3.0, 40.0, 50.0]]))
    mask = suppress_count_table(table, 5)
    assert mask[0, 0] and mask[0].sum() == 2
    assert mask[0, 1], "the smaller of the other counts is the complement"


def test_it_shows_a_table_without_small_counts_whole():
    table = with_totals(np.array([[30.0, 40.0], [0.0, 50.0]]))
    assert not suppress_count_table(table, 5).any()


def test_it_breaks_a_bridge_between_two_suppressed_cycles():
    """Suppressing two cells per row and column is not enough when one cell
    links two closed groups: that cell is still determined."""
    inner = np.array([
        [2.0, 2.0, 50.0, 50.0],
        [2.0, 2.0, 2.0, 50.0],
        [50.0, 50.0, 2.0, 2.0],
        [50.0, 50.0, 2.0, 2.0],
    ])
    table = with_totals(inner)
    mask = suppress_count_table(table, 5)
    constraints = table_constraints(4, 4)
    for cell in np.flatnonzero(mask.ravel()):
        assert not is_determined(constraints, mask.ravel(), cell)


def test_it_protects_subareas_that_add_up_to_their_municipality():
    responses = read_responses(REFERENCE / "responses.csv")
    # Only respondents with a sub-area, so that the sub-areas add up to the
    # municipality exactly: Torvalla 2023 (88 answers) alone below 92 would
    # be the municipality minus Centrum and Odenslund.
    responses = responses.subset(responses.subarea >= 0)
    population = read_population(REFERENCE / "population_cells.csv")
    result = estimate_survey(responses, population, levels=("municipality", "subarea"), min_n=92)
    table = result.table
    flags = table["suppressed"]
    assert (flags == "primary").any() and (flags == "complementary").any()
    for item in ("utsatt_vald", "trygg_kvall", "oro"):
        municipality = (table["level"] == "municipality") & (table["area"] == "2380") & (table["year"] == 2023) & (table["item"] == item) & (table["kind"] == "share")
        subareas = (table["level"] == "subarea") & (table["area"] == "2380") & (table["year"] == 2023) & (table["item"] == item) & (table["kind"] == "share")
        options = list(table["option"][municipality])
        domains = sorted(set(table["domain"][subareas]))
        k, m = len(options), len(domains)
        counts = np.zeros((k, m + 2))
        unknown = np.zeros((k, m + 2), dtype=bool)
        for j, domain in enumerate(domains):
            rows = np.flatnonzero(subareas & (table["domain"] == domain))
            counts[:, j] = table["count"][rows]
            unknown[:, j] = flags[rows] != ""
        counts[:, m + 1] = table["count"][municipality]
        unknown[:, m + 1] = flags[municipality] != ""
        counts[:, m] = counts[:, m + 1] - counts[:, :m].sum(axis=1)
        assert not counts[:, m].any()
        assert (flags[subareas] == "primary").any()
        n = np.array([table["n"][np.flatnonzero(subareas & (table["domain"] == d))[0]] for d in domains]
                     + [0, table["n"][np.flatnonzero(municipality)[0]]], dtype=float)
        n[m] = n[m + 1] - n[:m].sum()
        cells = np.vstack([counts, n])
        equations = []
        for r in range(k):
            eq = np.zeros(cells.shape)
            eq[r, :m + 1] = 1
            eq[r, m + 1] = -1
            equations.append(eq.ravel())
        if item != "oro":  # multiple choice: options do not add up to n
            for c in range(m + 2):
                eq = np.zeros(cells.shape)
                eq[:k, c] = 1
                eq[k, c] = -1
                equations.append(eq.ravel())
        hidden = np.vstack([unknown, np.zeros((1, m + 2), dtype=bool)]).ravel()
        for cell in np.flatnonzero(hidden):
            assert not is_determined(np.array(equations), hidden, cell), (item, cell)


def test_it_hides_suppressed_values_when_published():
    responses = read_responses(REFERENCE / "responses.csv")
    population = read_population(REFERENCE / "population_cells.csv")
    result = estimate_survey(responses, population, levels=("municipality", "subarea"), min_n=150)
    for row in result.table.rows():
        if row["suppressed"]:
            assert row["estimate"] == row["count"] == row["se"] == row["ci_low"] == ""
            assert row["n"] != ""
