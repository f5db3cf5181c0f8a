"""Small cases computed by hand: one cell, all answers equal, a cell with one
respondent, all vet ej, the problem index, raking and the Kish design effect."""

import math

import numpy as np
import pytest

from medborgarloften.surveys.estimation.data import SurveyDataError
from medborgarloften.surveys.estimation.index import TOTAL_INDEX_ITEM
from medborgarloften.surveys.estimation.quantiles import student_t_quantile
from medborgarloften.surveys.estimation.survey import estimate_survey
from medborgarloften.surveys.estimation.weights import build_design

from .factories import cells_population, make_responses, margins_population

YESNO = {"utsatt": ("yesno", ("ja", "nej"))}
PROBLEM = {"klotter": ("problem", ("1", "2", "3", "4")), "buller": ("problem", ("1", "2", "3", "4"))}


def _row(result, item, option="", kind="share", level="municipality", domain=""):
    table = result.table
    hits = np.flatnonzero(
        (table["item"] == item) & (table["option"] == option) & (table["kind"] == kind)
        & (table["level"] == level) & (table["domain"] == domain)
    )
    assert len(hits) == 1
    return {name: table[name][hits[0]] for name in table.columns}


def _one_cell(answers, items=YESNO, population=100):
    rows = [{"age_group": "35-44", "sex": "kvinna", **a} for a in answers]
    return estimate_survey(make_responses(rows, items=items), cells_population({("35-44", "kvinna"): population}),
                           min_n=1, min_cell_size=1)


def expit(x):
    return 1 / (1 + math.exp(-x))


def test_it_gives_the_srs_formula_for_one_cell():
    """One cell: V = (1 − n/N) p(1 − p)/(n − 1); logit interval with qt(0.975, n − 1)."""
    result = _one_cell([{"utsatt": "ja"}, {"utsatt": "ja"}, {"utsatt": "nej"}, {"utsatt": "nej"}])
    row = _row(result, "utsatt", "ja")
    se = math.sqrt((1 - 4 / 100) * 0.25 / 3)
    assert row["estimate"] == 0.5
    assert row["se"] == pytest.approx(se, rel=1e-12)
    assert row["df"] == 3
    half = student_t_quantile(0.975, 3) * se / 0.25
    assert row["ci_low"] == pytest.approx(expit(-half), rel=1e-12)
    assert row["ci_high"] == pytest.approx(expit(half), rel=1e-12)
    assert row["n"] == 4 and row["count"] == 2


def test_it_gives_zero_se_and_a_binomial_bound_when_all_answers_are_equal():
    result = _one_cell([{"utsatt": "ja"}] * 6)
    row = _row(result, "utsatt", "ja")
    assert row["estimate"] == 1.0
    assert row["se"] == 0.0
    assert row["ci_low"] == pytest.approx(0.025 ** (1 / 6))
    assert row["ci_high"] == 1.0
    other = _row(result, "utsatt", "nej")
    assert (other["estimate"], other["ci_low"], other["ci_high"]) == (0.0, 0.0, pytest.approx(1 - 0.025 ** (1 / 6)))


def test_it_excludes_and_counts_vet_ej_and_unanswered():
    result = _one_cell([{"utsatt": "ja"}, {"utsatt": "nej"}, {"utsatt": "vet_ej"}, {"utsatt": ""}, {"utsatt": "vet_ej"}])
    row = _row(result, "utsatt", "ja")
    assert (row["n"], row["n_dont_know"], row["n_unanswered"]) == (2, 2, 1)
    assert row["estimate"] == 0.5


def test_it_suppresses_an_item_where_all_answered_vet_ej():
    rows = [{"age_group": "35-44", "sex": "kvinna", "utsatt": "vet_ej"}] * 5
    result = estimate_survey(make_responses(rows, items=YESNO), cells_population({("35-44", "kvinna"): 50}),
                             min_n=1, min_cell_size=1)
    row = _row(result, "utsatt", "ja")
    assert row["n"] == 0 and row["n_dont_know"] == 5
    assert math.isnan(row["estimate"]) and math.isnan(row["se"]) and math.isnan(row["ci_low"])
    assert row["suppressed"] == "primary"


def test_it_collapses_cell_with_one_respondent():
    rows = [{"age_group": "16-24", "sex": "man", "utsatt": "ja"}]
    rows += [{"age_group": "25-34", "sex": "man", "utsatt": "nej"}] * 12
    rows += [{"age_group": "35-44", "sex": "man", "utsatt": "nej"}] * 15
    population = cells_population({("16-24", "man"): 300, ("25-34", "man"): 200, ("35-44", "man"): 500})
    design = build_design(make_responses(rows, items=YESNO), population, min_cell_size=5)
    assert design.collapsing == ["2380 2024: collapsed man 16-24+25-34 (1, 12 respondents)"]
    np.testing.assert_allclose(design.weight[:13], 500 / 13)
    np.testing.assert_allclose(design.weight[13:], 500 / 15)


def test_it_falls_back_to_one_cell_when_a_sex_has_too_few_respondents():
    rows = [{"age_group": "16-24", "sex": "man", "utsatt": "ja"}]
    rows += [{"age_group": "25-34", "sex": "kvinna", "utsatt": "nej"}] * 12
    population = cells_population({("16-24", "man"): 300, ("25-34", "kvinna"): 200})
    design = build_design(make_responses(rows, items=YESNO), population, min_cell_size=5)
    assert "one cell for the municipality" in design.collapsing[0]
    np.testing.assert_allclose(design.weight, 500 / 13)


def test_it_rejects_respondents_in_a_cell_without_population():
    rows = [{"age_group": "16-24", "sex": "man", "utsatt": "ja"}, {"age_group": "25-34", "sex": "man", "utsatt": "ja"}]
    with pytest.raises(SurveyDataError, match=r"responses:3: the population cell 25-34 man of 2380 2024 is empty"):
        build_design(make_responses(rows, items=YESNO), cells_population({("16-24", "man"): 300}))


def test_it_rakes_weights_to_both_margins():
    rng = np.random.default_rng(1)
    ages = ["16-24", "35-44", "65-74"]
    rows = [{"age_group": ages[a], "sex": ("kvinna", "man")[s], "utsatt": "ja"}
            for a, s in zip(rng.integers(0, 3, 200), rng.integers(0, 2, 200))]
    responses = make_responses(rows, items=YESNO)
    population = margins_population({"16-24": 3000, "35-44": 5000, "65-74": 2000}, {"kvinna": 5200, "man": 4800})
    design = build_design(responses, population)
    w = design.weight
    for a, target in ((0, 3000), (2, 5000), (5, 2000)):
        assert w[responses.age == a].sum() == pytest.approx(target, rel=1e-12)
    for s, target in ((0, 5200), (1, 4800)):
        assert w[responses.sex == s].sum() == pytest.approx(target, rel=1e-12)
    assert design.method == ["raked"]


def test_it_reports_kish_design_effect_and_effective_n():
    rows = [{"age_group": "16-24", "sex": "man"}] * 10 + [{"age_group": "25-34", "sex": "man"}] * 10
    design = build_design(make_responses(rows, items={}), cells_population({("16-24", "man"): 100, ("25-34", "man"): 300}))
    summary = design.stratum_summary()
    # Weights 10 and 30: deff = n Σw² / (Σw)² = 20 · 10000 / 400² = 1.25.
    assert summary["deff_kish"][0] == pytest.approx(1.25)
    assert summary["effective_n"][0] == pytest.approx(16.0)


def test_it_computes_the_problem_index_and_its_total():
    """Steps 1–4 score 0, 2, 4, 6; the total is the mean of the item indices."""
    answers = [{"klotter": "1", "buller": "1"}, {"klotter": "2", "buller": "1"},
               {"klotter": "3", "buller": "1"}, {"klotter": "4", "buller": "vet_ej"}, {"klotter": "vet_ej", "buller": "1"}]
    result = _one_cell(answers, items=PROBLEM)
    klotter = _row(result, "klotter", kind="mean_score")
    assert klotter["estimate"] == 3.0
    # s² of 0, 2, 4, 6 is 20/3; V = (1 − f) s²/n with n = 4 answers, N = 100.
    # The five respondents stay in the design (vet ej: zero influence), as R's subset keeps them.
    n, n_h, N = 4, 5, 100
    scores = np.array([0, 2, 4, 6, 0.0])
    u = np.array([-3, -1, 1, 3, 0.0]) / n  # per unit weight; the weight N/n_h cancels below
    z = (N / n_h) * u / (N / n_h)
    variance = (1 - n_h / N) * n_h / (n_h - 1) * ((z - z.mean()) ** 2).sum()
    assert klotter["se"] == pytest.approx(math.sqrt(variance), rel=1e-12)
    assert scores[:4].mean() == 3.0
    buller = _row(result, "buller", kind="mean_score")
    assert (buller["estimate"], buller["se"]) == (0.0, 0.0)
    total = _row(result, TOTAL_INDEX_ITEM, kind="mean_score")
    assert total["estimate"] == 1.5
    assert total["se"] == pytest.approx(klotter["se"] / 2, rel=1e-12)
    assert total["n"] == 5 and total["df"] == 4
    assert 0.0 <= total["ci_low"] <= 1.5 <= total["ci_high"] <= 6.0


def test_it_leaves_the_total_index_out_where_an_item_has_no_answers():
    result = _one_cell([{"klotter": "2", "buller": "vet_ej"}, {"klotter": "3", "buller": ""}], items=PROBLEM)
    assert math.isnan(_row(result, TOTAL_INDEX_ITEM, kind="mean_score")["estimate"])


def test_it_estimates_multiple_choice_per_option():
    items = {"oro": ("multi", ("inbrott", "bilbrand"))}
    answers = [{"oro": ("inbrott", "bilbrand")}, {"oro": ("inbrott",)}, {"oro": ()}, {"oro": "vet_ej"}]
    result = _one_cell(answers, items=items)
    assert _row(result, "oro", "inbrott")["estimate"] == 1.0
    assert _row(result, "oro", "bilbrand")["estimate"] == 0.5
    assert _row(result, "oro", "bilbrand")["n"] == 2


def test_it_estimates_the_reporting_rate_among_victims():
    items = {name: ("yesno", ("ja", "nej")) for name in ("utsatt_vald", "utsatt_stold", "utsatt_skadegorelse", "anmalt")}
    answers = [
        {"utsatt_vald": "ja", "utsatt_stold": "nej", "utsatt_skadegorelse": "nej", "anmalt": "ja"},
        {"utsatt_vald": "nej", "utsatt_stold": "ja", "utsatt_skadegorelse": "nej", "anmalt": "nej"},
        {"utsatt_vald": "nej", "utsatt_stold": "ja", "utsatt_skadegorelse": "vet_ej", "anmalt": "nej"},
        {"utsatt_vald": "nej", "utsatt_stold": "nej", "utsatt_skadegorelse": "nej"},
        {"utsatt_vald": "nej", "utsatt_stold": "vet_ej", "utsatt_skadegorelse": "nej"},
    ]
    result = _one_cell(answers, items=items)
    victimised = _row(result, "utsatt_brott", "ja", kind="indicator")
    assert (victimised["estimate"], victimised["n"], victimised["n_dont_know"]) == (0.75, 4, 1)
    reporting = _row(result, "anmalningsgrad", "ja", kind="indicator")
    assert (reporting["estimate"], reporting["n"]) == (pytest.approx(1 / 3), 3)


def test_it_gives_no_variance_for_a_municipality_with_one_respondent():
    """R stops there (lonely PSU); the estimate is suppressed by the minimum anyway."""
    result = _one_cell([{"utsatt": "ja"}])
    row = _row(result, "utsatt", "ja")
    assert row["se"] == 0.0 and row["df"] == 0 and math.isnan(row["ci_low"])
