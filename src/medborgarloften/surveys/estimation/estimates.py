"""Weighted means and shares with linearisation standard errors, as R's
``svymean`` computes them for a stratified SRS design with finite population
correction, calibrated by ``postStratify`` or ``rake``.

For a group (an area, or a domain such as a sub-area) and a variable x with a
validity mask v (vet ej, unanswered and out-of-domain rows have v = 0)::

    mean  μ = Σ w v x / Σ w v
    u_i   = v_i (x_i − μ) / Σ w v                 (influence, per unit weight)
    e_i   = u_i − m_c(i)                          (calibration residual)
    V     = Σ_h (1 − n_h/N_h) n_h/(n_h − 1) Σ_{i∈h} (w_i e_i − mean_h(w e))²

m is the projection of u on the calibration cells: the cell mean for a
post-stratum; for raking the additive age + sex fit, found by alternating
projections (R's ``svyrecvar`` does the same with ten passes; here they run to
convergence, see ``RAKING_PROJECTION_TOLERANCE``).  Because w, m and the
calibration margins are constant within a cell, every sum above is computed
from per (cell, group) sums Σv, Σvx, Σvx² — one ``numpy.bincount`` per item
— never from loops over respondents.  Out-of-domain rows stay in the design
with u = 0, exactly as R's subset of a calibrated design keeps them with zero
weight.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .groups import Grouping
from .quantiles import student_t_quantiles
from .weights import Design

CONFIDENCE = 0.95
RAKING_PROJECTION_TOLERANCE = 1e-15
RAKING_PROJECTION_MAX_ITERATIONS = 10000


def sum_by(index: np.ndarray, values: np.ndarray, size: int) -> np.ndarray:
    """Return ``values`` (rows × columns) summed over rows with equal ``index``."""
    values = np.asarray(values, dtype=float)
    if values.ndim == 1:
        return np.bincount(index, weights=values, minlength=size)
    k = values.shape[1]
    flat = (index[:, None] * k + np.arange(k)).ravel()
    return np.bincount(flat, weights=values.ravel(), minlength=size * k).reshape(size, k)


@dataclass
class Pairs:
    """The (calibration cell, group) pairs of a grouping.

    A group that touches a stratum gets a pair for every cell of that stratum,
    so that the raking residuals of cells without group members are kept.
    """

    n_groups: int
    of_respondent: np.ndarray
    cell: np.ndarray
    group: np.ndarray
    stratum_group: np.ndarray
    sg_stratum: np.ndarray
    sg_group: np.ndarray
    margin_a: np.ndarray
    margin_b: np.ndarray
    n_margin_a: int
    n_margin_b: int

    @property
    def size(self) -> int:
        return len(self.cell)


def build_pairs(design: Design, grouping: Grouping) -> Pairs:
    """Return the pair index for ``grouping`` (computed once, reused by every item)."""
    n_groups = len(grouping)
    g = grouping.group
    inside = g >= 0
    sg_keys, sg_inverse = np.unique(design.stratum[inside].astype(np.int64) * n_groups + g[inside], return_inverse=True)
    sg_stratum = sg_keys // max(n_groups, 1)
    sg_group = sg_keys % max(n_groups, 1)
    cells_per_stratum = np.bincount(design.cell_stratum, minlength=len(design.strata))
    cell_offset = np.concatenate([[0], np.cumsum(cells_per_stratum)[:-1]])
    counts = cells_per_stratum[sg_stratum]
    pair_offset = np.concatenate([[0], np.cumsum(counts)[:-1]]).astype(np.int64)
    total = int(counts.sum())
    pair_sg = np.repeat(np.arange(len(sg_keys)), counts)
    local = np.arange(total) - pair_offset[pair_sg]
    pair_cell = cell_offset[sg_stratum[pair_sg]] + local
    pair_group = sg_group[pair_sg]
    of_respondent = np.full(len(g), -1, dtype=np.int64)
    cell = design.cell[inside]
    of_respondent[inside] = pair_offset[sg_inverse] + cell - cell_offset[design.stratum[inside]]
    _, margin_a = np.unique(design.cell_margin_a[pair_cell] * n_groups + pair_group, return_inverse=True)
    _, margin_b = np.unique(design.cell_margin_b[pair_cell] * n_groups + pair_group, return_inverse=True)
    return Pairs(
        n_groups=n_groups, of_respondent=of_respondent, cell=pair_cell, group=pair_group,
        stratum_group=pair_sg, sg_stratum=sg_stratum, sg_group=sg_group,
        margin_a=margin_a, margin_b=margin_b,
        n_margin_a=int(margin_a.max(initial=-1)) + 1, n_margin_b=int(margin_b.max(initial=-1)) + 1,
    )


def _calibration_fit(design: Design, pairs: Pairs, su: np.ndarray, nc: np.ndarray) -> np.ndarray:
    """Return m per pair: the projection of u on the calibration margins."""
    if not design.is_raked:
        return su / nc
    m = np.zeros_like(su)
    size_a = sum_by(pairs.margin_a, nc, pairs.n_margin_a)
    size_b = sum_by(pairs.margin_b, nc, pairs.n_margin_b)
    scale = np.max(np.abs(su / nc), initial=0.0) or 1.0
    for _ in range(RAKING_PROJECTION_MAX_ITERATIONS):
        step_a = sum_by(pairs.margin_a, su - nc * m, pairs.n_margin_a) / size_a
        m += step_a[pairs.margin_a]
        step_b = sum_by(pairs.margin_b, su - nc * m, pairs.n_margin_b) / size_b
        m += step_b[pairs.margin_b]
        if max(np.max(np.abs(step_a), initial=0.0), np.max(np.abs(step_b), initial=0.0)) <= RAKING_PROJECTION_TOLERANCE * scale:
            break
    return m


def variance_from_influence_sums(design: Design, pairs: Pairs, su: np.ndarray, suu: np.ndarray) -> np.ndarray:
    """Return the variance per group and column from per-pair Σu and Σu² (pairs × columns)."""
    nc = design.cell_size[pairs.cell][:, None]
    w = design.cell_weight[pairs.cell][:, None]
    m = _calibration_fit(design, pairs, su, nc)
    residual_sum = su - nc * m
    residual_squares = suu - 2.0 * m * su + nc * m * m
    n_sg = len(pairs.sg_stratum)
    z_sum = sum_by(pairs.stratum_group, w * residual_sum, n_sg)
    z_squares = sum_by(pairs.stratum_group, w * w * residual_squares, n_sg)
    n_h = design.sample_size[pairs.sg_stratum]
    N_h = design.population_size[pairs.sg_stratum]
    with np.errstate(divide="ignore", invalid="ignore"):
        # A stratum with one respondent adds nothing (R would stop: lonely PSU).
        factor = np.where(n_h > 1, (1.0 - n_h / N_h) * n_h / (n_h - 1.0), 0.0)
    per_sg = factor[:, None] * (z_squares - z_sum * z_sum / n_h[:, None])
    variance = sum_by(pairs.sg_group, per_sg, pairs.n_groups)
    return np.maximum(variance, 0.0)


@dataclass
class Means:
    """Per group × column: estimate, standard error, valid answers n, their
    unweighted Σvx (the option count for shares), design degrees of freedom
    (n − strata with answers, as R's ``degf`` of the domain), and the weighted
    total of valid answers (needed for combined influence functions)."""

    estimate: np.ndarray
    se: np.ndarray
    n: np.ndarray
    count: np.ndarray
    df: np.ndarray
    weight_total: np.ndarray


def estimate_means(design: Design, pairs: Pairs, s0: np.ndarray, s1: np.ndarray, s2: np.ndarray) -> Means:
    """Return weighted means from per-pair sums Σv, Σvx, Σvx² (pairs × columns)."""
    w = design.cell_weight[pairs.cell][:, None]
    G = pairs.n_groups
    weight_total = sum_by(pairs.group, w * s0, G)
    with np.errstate(divide="ignore", invalid="ignore"):
        mu = sum_by(pairs.group, w * s1, G) / weight_total
        mu_p = np.nan_to_num(mu[pairs.group])
        wt_p = weight_total[pairs.group]
        su = np.where(wt_p > 0, (s1 - mu_p * s0) / wt_p, 0.0)
        suu = np.where(wt_p > 0, (s2 - 2.0 * mu_p * s1 + mu_p * mu_p * s0) / (wt_p * wt_p), 0.0)
    variance = variance_from_influence_sums(design, pairs, su, suu)
    n = sum_by(pairs.group, s0, G)
    answered_sg = sum_by(pairs.stratum_group, s0, len(pairs.sg_stratum)) > 0
    strata_answered = sum_by(pairs.sg_group, answered_sg.astype(float), G)
    se = np.sqrt(variance)
    se[n == 0] = np.nan
    return Means(mu, se, n, sum_by(pairs.group, s1, G), n - strata_answered, weight_total)


def option_counts(pairs: Pairs, codes: np.ndarray, n_options: int) -> np.ndarray:
    """Return per pair × option the number of respondents who chose the option."""
    ok = (pairs.of_respondent >= 0) & (codes >= 0)
    key = pairs.of_respondent[ok] * n_options + codes[ok]
    return np.bincount(key, minlength=pairs.size * n_options).reshape(pairs.size, n_options).astype(float)


def multi_counts(pairs: Pairs, codes: np.ndarray, chosen: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Return per pair the answered count and per pair × option the ticked count."""
    ok = (pairs.of_respondent >= 0) & (codes >= 0)
    answered = np.bincount(pairs.of_respondent[ok], minlength=pairs.size).astype(float)
    rows, cols = np.nonzero(chosen & ok[:, None])
    k = chosen.shape[1]
    ticked = np.bincount(pairs.of_respondent[rows] * k + cols, minlength=pairs.size * k).reshape(pairs.size, k)
    return answered, ticked.astype(float)


def estimate_shares(design: Design, pairs: Pairs, answered: np.ndarray, chosen: np.ndarray) -> Means:
    """Return shares per option from per-pair answered counts and option counts."""
    s0 = np.broadcast_to(answered[:, None], chosen.shape)
    return estimate_means(design, pairs, s0, chosen, chosen)


def excluded_counts(grouping: Grouping, codes: np.ndarray, code: int) -> np.ndarray:
    """Return per group the respondents whose answer has ``code`` (vet ej, unanswered)."""
    hit = (grouping.group >= 0) & (codes == code)
    return np.bincount(grouping.group[hit], minlength=len(grouping)).astype(np.int64)


def logit_interval(p: np.ndarray, se: np.ndarray, df: np.ndarray, n: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Return the 95 % interval for proportions that R's ``svyciprop(method="logit")`` gives:
    expit(logit(p) ± qt(0.975, df) · se / (p(1 − p))).

    Differs from R on purpose where p is 0 or 1: R's logistic fit does not
    converge there and returns a meaningless interval, so the exact binomial
    (Clopper–Pearson) bound for 0 or n successes out of n answers is used:
    [0, 1 − 0.025^(1/n)] and [0.025^(1/n), 1].
    """
    alpha = 1.0 - CONFIDENCE
    q = student_t_quantiles(1.0 - alpha / 2.0, df)
    with np.errstate(divide="ignore", invalid="ignore"):
        centre = np.log(p / (1.0 - p))
        half = q * se / (p * (1.0 - p))
        low = 1.0 / (1.0 + np.exp(-(centre - half)))
        high = 1.0 / (1.0 + np.exp(-(centre + half)))
        edge = (alpha / 2.0) ** (1.0 / n)
    zero, one = p == 0.0, p == 1.0
    low = np.where(zero, 0.0, np.where(one, edge, low))
    high = np.where(zero, 1.0 - edge, np.where(one, 1.0, high))
    undefined = ~(df > 0) | np.isnan(p)
    low[undefined] = np.nan
    high[undefined] = np.nan
    return low, high


def wald_interval(estimate: np.ndarray, se: np.ndarray, df: np.ndarray, *, lower: float = -np.inf, upper: float = np.inf) -> tuple[np.ndarray, np.ndarray]:
    """Return estimate ± qt(0.975, df) · se (R's ``confint(..., df=)``), clipped to [lower, upper]."""
    q = student_t_quantiles(1.0 - (1.0 - CONFIDENCE) / 2.0, df)
    low = np.clip(estimate - q * se, lower, upper)
    high = np.clip(estimate + q * se, lower, upper)
    undefined = ~(df > 0) | np.isnan(estimate)
    low[undefined] = np.nan
    high[undefined] = np.nan
    return low, high
