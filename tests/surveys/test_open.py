"""Open questionnaires: unweighted counts and shares whose splits add up to the totals."""

import numpy as np

from medborgarloften.surveys.estimation.data import read_responses
from medborgarloften.surveys.estimation.open import NOT_STATED, OPEN_METHOD, estimate_open

from .factories import make_responses
from .test_cli import EXAMPLES


def test_every_split_adds_up_to_the_total_it_is_shown_beside():
    table = estimate_open(read_responses(EXAMPLES / "responses.csv", open_questionnaire=True), min_count=1)
    keys = zip(table["area"], table["year"], table["item"], table["option"])
    totals = {}
    sums = {}
    for key, domain, count in zip(keys, table["domain"], table["count"]):
        if domain == "":
            totals[key] = count
        else:
            split = domain.split("=")[0]
            sums[key + (split,)] = sums.get(key + (split,), 0) + count
    assert len(sums) == 3 * len(totals)
    for key, total in sums.items():
        assert total == totals[key[:-1]]


def test_it_labels_respondents_who_did_not_state_their_sex():
    rows = [{"age_group": "16-24", "sex": "man", "utsatt": "ja"}] * 6 + [{"age_group": "16-24", "sex": "kvinna", "utsatt": "nej"}] * 7
    responses = make_responses(rows, items={"utsatt": ("yesno", ("ja", "nej"))})
    responses.sex[:2] = -1  # not stated
    table = estimate_open(responses, splits=("sex",), min_count=1)
    ja = dict(zip(table["domain"][table["option"] == "ja"], table["count"][table["option"] == "ja"]))
    assert ja == {"sex=kvinna": 0, "sex=man": 4, f"sex={NOT_STATED}": 2, "": 6}
    assert set(table["method"]) == {OPEN_METHOD}
    assert np.isnan(table["se"]).all()


def test_it_suppresses_small_counts_and_their_complements():
    rows = [{"age_group": "16-24", "sex": "man", "utsatt": "ja"}] * 2 + [{"age_group": "16-24", "sex": "man", "utsatt": "nej"}] * 20
    rows += [{"age_group": "16-24", "sex": "kvinna", "utsatt": "ja"}] * 12 + [{"age_group": "16-24", "sex": "kvinna", "utsatt": "nej"}] * 15
    responses = make_responses(rows, items={"utsatt": ("yesno", ("ja", "nej"))})
    table = estimate_open(responses, splits=("sex",), min_count=5)
    flags = dict(zip(zip(table["domain"], table["option"]), table["suppressed"]))
    assert flags[("sex=man", "ja")] == "primary"
    # Men's "nej" is the men's answers minus 2, and women's "ja" the total minus 2.
    assert flags[("sex=man", "nej")] == "complementary"
    assert flags[("sex=kvinna", "ja")] == "complementary"
    hidden = table["suppressed"] != ""
    assert (table["count"][hidden] == -1).all() and np.isnan(table["estimate"][hidden]).all()
