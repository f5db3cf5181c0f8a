"""Primary and complementary suppression of counts.

Primary: an estimate based on fewer answers than the minimum is not published
(and, in open questionnaires, a count between 1 and the minimum).

Complementary: a table of counts that shows totals is a set of cells tied by
additive equations (cells of a row add up to the row total, and so on).  A
suppressed cell can be worked out exactly when its value is the same in every
solution of those equations, i.e. when the unit vector of the cell lies in the
row space of the equations restricted to the unknown cells — equivalently,
every vector of their null space is zero at that cell.  Cells are added
greedily (small positive interior counts first, then zeros, totals last) until
no suppressed cell is determined.
"""

from __future__ import annotations

import numpy as np

_TOLERANCE = 1e-9


def determined_cells(constraints: np.ndarray, unknown: np.ndarray) -> np.ndarray:
    """Return the mask of unknown cells that the shown cells and the equations
    ``constraints @ cells == 0`` determine exactly."""
    determined = np.zeros(len(unknown), dtype=bool)
    columns = np.flatnonzero(unknown)
    if len(columns) == 0:
        return determined
    matrix = constraints[:, columns]
    matrix = matrix[np.any(matrix != 0, axis=1)]
    if len(matrix) == 0:
        return determined
    _, singular, vt = np.linalg.svd(matrix, full_matrices=True)
    rank = int(np.sum(singular > _TOLERANCE * max(singular.max(initial=0.0), 1.0)))
    null_space = vt[rank:]
    if len(null_space) == 0:
        determined[columns] = True
        return determined
    determined[columns] = np.all(np.abs(null_space) < 1e-7, axis=0)
    return determined


def complementary_suppression(
    values: np.ndarray,
    primary: np.ndarray,
    constraints: np.ndarray,
    *,
    hidden: np.ndarray | None = None,
    is_total: np.ndarray | None = None,
    protected: np.ndarray | None = None,
) -> np.ndarray:
    """Return the suppressed cells: ``primary`` plus complementary cells so that
    no suppressed cell is determined.

    ``hidden`` cells are never shown (e.g. respondents without a sub-area);
    ``protected`` cells are shown whatever happens (e.g. the numbers of answers
    that the estimates are based on); ``is_total`` cells are chosen last.
    """
    n = len(values)
    hidden = np.zeros(n, dtype=bool) if hidden is None else hidden
    is_total = np.zeros(n, dtype=bool) if is_total is None else is_total
    protected = np.zeros(n, dtype=bool) if protected is None else protected
    suppressed = primary.copy()
    if not suppressed.any():
        return suppressed
    touches = constraints != 0
    # Cost order: totals last, zeros after positive counts, small before large.
    priority = np.lexsort((values, values == 0, is_total))
    rank_of = np.empty(n, dtype=np.int64)
    rank_of[priority] = np.arange(n)
    while True:
        determined = determined_cells(constraints, suppressed | hidden) & suppressed
        if not determined.any():
            return suppressed
        related = touches[touches[:, determined].any(axis=1)].any(axis=0)
        candidates = np.flatnonzero(related & ~suppressed & ~hidden & ~protected)
        if len(candidates) == 0:
            # Nothing sharing an equation can be hidden: widen to every cell.
            candidates = np.flatnonzero(~suppressed & ~hidden & ~protected)
            if len(candidates) == 0:
                return suppressed
        candidates = candidates[np.argsort(rank_of[candidates])]
        before = int(determined.sum())
        chosen = candidates[0]
        for candidate in candidates:
            trial = suppressed.copy()
            trial[candidate] = True
            if int((determined_cells(constraints, trial | hidden) & trial).sum()) < before:
                chosen = candidate
                break
        suppressed[chosen] = True


def table_constraints(n_rows: int, n_columns: int, *, row_totals: bool = True, column_totals: bool = True) -> np.ndarray:
    """Return the equations of an (R + 1) × (C + 1) table whose last row and
    column hold the totals, as a matrix over the cells in row-major order."""
    R, C = n_rows + 1, n_columns + 1
    rows = []

    def cell(r, c):
        return r * C + c

    if row_totals:
        for r in range(n_rows + (1 if column_totals else 0)):
            equation = np.zeros(R * C)
            equation[[cell(r, c) for c in range(n_columns)]] = 1.0
            equation[cell(r, n_columns)] = -1.0
            rows.append(equation)
    if column_totals:
        for c in range(n_columns + (1 if row_totals else 0)):
            equation = np.zeros(R * C)
            equation[[cell(r, c) for r in range(n_rows)]] = 1.0
            equation[cell(n_rows, c)] = -1.0
            rows.append(equation)
    return np.array(rows).reshape(-1, R * C)


def suppress_count_table(counts: np.ndarray, min_count: int, *, row_totals: bool = True, column_totals: bool = True) -> np.ndarray:
    """Return the suppression mask of an (R + 1) × (C + 1) count table whose
    last row and column are totals: counts from 1 to ``min_count − 1`` are
    suppressed, then complementary cells so that none can be worked out."""
    counts = np.asarray(counts, dtype=float)
    R, C = counts.shape
    values = counts.ravel()
    primary = (values > 0) & (values < min_count)
    is_total = np.zeros((R, C), dtype=bool)
    is_total[-1, :] = column_totals
    is_total[:, -1] |= row_totals
    hidden = np.zeros((R, C), dtype=bool)
    if not row_totals:
        hidden[:, -1] = True
    if not column_totals:
        hidden[-1, :] = True
    primary &= ~hidden.ravel()
    constraints = table_constraints(R - 1, C - 1, row_totals=row_totals, column_totals=column_totals)
    mask = complementary_suppression(values, primary, constraints, hidden=hidden.ravel(), is_total=is_total.ravel())
    return mask.reshape(R, C) & ~hidden
