"""The mean problem score 0–6 (lower is better).

This is *not* the police's published problemindex: that one is, by the public
descriptions, a level 0–6 set from the share of respondents who see an item as
a problem (see the product's ``surveys/levels.py``).  The mean score is a
different statistic and keeps a name of its own.

Per problem item the four scale steps score

    1 inget problem → 0,  2 ganska litet problem → 2,
    3 ganska stort problem → 4,  4 mycket stort problem → 6

and the item's mean score is the weighted mean score of the respondents who answered
the item; *vet ej* and unanswered items are left out of that item (and counted).
The total index is the plain mean of the item indices, so every item counts
equally whatever its number of answers; it is only given where every problem
item has answers.  Its standard error comes from the combined influence
function (1/J) Σ_j u_j of the J item means, i.e. R's ``svycontrast`` of the item
ratios with coefficients 1/J.  Intervals are ± qt(0.975, df) · SE, clipped to
0–6.
"""

from __future__ import annotations

import numpy as np

from .data import Item
from .estimates import Means, Pairs, estimate_means, option_counts, sum_by, variance_from_influence_sums
from .groups import Grouping
from .weights import Design

PROBLEM_INDEX_SCORES = np.array([0.0, 2.0, 4.0, 6.0])
PROBLEM_INDEX_MAX = 6.0
TOTAL_INDEX_ITEM = "mean_score_total"
MEAN_SCORE_KIND = "mean_score"


def estimate_item_index(design: Design, pairs: Pairs, item: Item) -> Means:
    """Return the problem index of one item per group (one column)."""
    counts = option_counts(pairs, item.codes, len(PROBLEM_INDEX_SCORES))
    s0 = counts.sum(axis=1, keepdims=True)
    s1 = counts @ PROBLEM_INDEX_SCORES[:, None]
    s2 = counts @ (PROBLEM_INDEX_SCORES**2)[:, None]
    return estimate_means(design, pairs, s0, s1, s2)


def estimate_total_index(design: Design, pairs: Pairs, grouping: Grouping, items: list[Item], item_means: list[Means]) -> Means:
    """Return the total problem index per group: the mean of the item indices."""
    n_items = len(items)
    estimates = np.column_stack([m.estimate[:, 0] for m in item_means])
    estimate = estimates.mean(axis=1)  # NaN where an item has no answers
    group = grouping.group
    inside = pairs.of_respondent >= 0
    influence = np.zeros(len(group))
    any_valid = np.zeros(len(group), dtype=bool)
    for item, means in zip(items, item_means):
        valid = inside & (item.codes >= 0)
        g = group[valid]
        score = PROBLEM_INDEX_SCORES[item.codes[valid]]
        influence[valid] += (score - means.estimate[g, 0]) / means.weight_total[g, 0] / n_items
        any_valid |= valid
    pair = pairs.of_respondent[inside]
    su = np.bincount(pair, weights=influence[inside], minlength=pairs.size)[:, None]
    suu = np.bincount(pair, weights=influence[inside] ** 2, minlength=pairs.size)[:, None]
    variance = variance_from_influence_sums(design, pairs, su, suu)
    answered = np.bincount(pair, weights=any_valid[inside], minlength=pairs.size)[:, None]
    n = sum_by(pairs.group, answered, pairs.n_groups)
    answered_sg = sum_by(pairs.stratum_group, answered, len(pairs.sg_stratum)) > 0
    strata = sum_by(pairs.sg_group, answered_sg.astype(float), pairs.n_groups)
    se = np.sqrt(variance)
    se[np.isnan(estimate)] = np.nan
    return Means(estimate[:, None], se, n, np.full_like(n, np.nan), n - strata, np.full_like(n, np.nan))
