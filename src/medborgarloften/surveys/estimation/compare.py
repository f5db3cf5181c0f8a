"""Year-on-year change.

The samples of two years are independent, so the change d = p_t − p_{t−1} has
SE = √(SE_t² + SE_{t−1}²), which is what R's ``svycontrast`` of the two year
domains in one design with municipality-year strata gives.  The interval is
d ± qt(0.975, df) · SE with df = df_t + df_{t−1} (that design's ``degf``), and
the change is significant at the 5 % level when the interval excludes 0.
"""

from __future__ import annotations

import numpy as np

from .estimates import wald_interval


def previous_year_groups(grouping) -> np.ndarray:
    """Return per group the group of the same area and domain a year earlier, or -1."""
    index = {(a, d, y): g for g, (a, d, y) in enumerate(zip(grouping.area, grouping.domain, grouping.year))}
    return np.array([index.get((a, d, y - 1), -1) for a, d, y in zip(grouping.area, grouping.domain, grouping.year)],
                    dtype=np.int64)


def add_year_on_year_change(result) -> None:
    """Fill the change columns of every row whose area, domain, item and option
    also has a row for the year before (a SurveyResult's table, in place)."""
    c = result.table.columns
    previous_of = [previous_year_groups(g) for g in result.groupings]
    current, previous = [], []
    for block in result.blocks:
        before = previous_of[block.grouping]
        groups = np.flatnonzero(before >= 0)
        if len(groups):
            current.append(block.rows(groups).ravel())
            previous.append(block.rows(before[groups]).ravel())
    if not current:
        return
    current = np.concatenate(current)
    previous = np.concatenate(previous)
    change = c["estimate"][current] - c["estimate"][previous]
    se = np.sqrt(c["se"][current] ** 2 + c["se"][previous] ** 2)
    df = np.where((c["df"][current] >= 0) & (c["df"][previous] >= 0), c["df"][current] + c["df"][previous], -1)
    low, high = wald_interval(change, se, df.astype(float))
    c["previous_estimate"][current] = c["estimate"][previous]
    c["change"][current] = change
    c["change_se"][current] = se
    c["change_ci_low"][current] = low
    c["change_ci_high"][current] = high
    known = ~np.isnan(low)
    significant = np.full(len(current), None, dtype=object)
    for position in np.flatnonzero(known):
        significant[position] = bool(low[position] > 0 or high[position] < 0)
    c["change_significant"][current] = significant
    # A change against a suppressed figure would reveal it.
    hidden = c["suppressed"][previous] != ""
    for name in ("previous_estimate", "change", "change_se", "change_ci_low", "change_ci_high"):
        c[name][current[hidden]] = np.nan
    c["change_significant"][current[hidden]] = None
