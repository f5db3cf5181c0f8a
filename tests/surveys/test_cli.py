"""``medborgarloften survey estimate``: the documented CSV layouts, line-numbered
errors for bad files, and the published output."""

import csv
import io
import sys
from pathlib import Path

import pytest

from medborgarloften.cli import main
from medborgarloften.surveys.estimation.data import SurveyDataError, read_population, read_responses
from medborgarloften.surveys.estimation.report import COLUMNS

EXAMPLES = Path(__file__).resolve().parents[2] / "src" / "medborgarloften" / "surveys" / "estimation" / "examples"
HEADER = "respondent,municipality,year,subarea,age_group,sex,problem:klotter,yesno:utsatt\n"
POPULATION_HEADER = "municipality,year,age_group,sex,population\n"


def _write(tmp_path, name, text):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def _run(capsys, *args):
    status = main(["survey", "estimate", *map(str, args)])
    captured = capsys.readouterr()
    return status, captured.out, captured.err


def _full_population(code="2380", year=2024, value=100):
    return "".join(f"{code},{year},{a},{s},{value}\n" for a in ("16-24", "25-34", "35-44", "45-54", "55-64", "65-74", "75-85")
                   for s in ("kvinna", "man"))


def test_it_writes_one_row_per_area_domain_item_and_option(capsys, tmp_path):
    out = tmp_path / "out.csv"
    status, _, err = _run(capsys, EXAMPLES / "responses.csv", "--population", EXAMPLES / "population.csv",
                          "--level", "municipality", "--level", "subarea", "--output", out)
    assert status == 0
    assert "note: 2380 2023: collapsed" in err
    rows = list(csv.DictReader(out.open(encoding="utf-8")))
    assert tuple(rows[0]) == COLUMNS
    assert {r["level"] for r in rows} == {"municipality", "subarea"}
    assert {r["domain"] for r in rows if r["level"] == "subarea"} == {"Centrum", "Odenslund", "Torvalla"}
    klotter = [r for r in rows if r["level"] == "municipality" and r["item"] == "klotter" and r["kind"] == "share"
               and r["year"] == "2024"]
    assert [r["option"] for r in klotter] == ["1", "2", "3", "4"]
    assert sum(float(r["estimate"]) for r in klotter) == pytest.approx(1.0)
    assert all(r["change"] != "" and r["change_significant"] in ("yes", "no") for r in klotter)
    small = [r for r in rows if r["suppressed"]]
    assert small and all(r["estimate"] == "" and r["count"] == "" for r in small)


def test_it_estimates_local_police_areas_with_the_builtin_jamtland_mapping(capsys):
    status, out, _ = _run(capsys, EXAMPLES / "responses.csv", "--population", EXAMPLES / "population.csv",
                          "--level", "lpo")
    assert status == 0
    rows = list(csv.DictReader(io.StringIO(out)))
    assert {r["area"] for r in rows} == {"Östersund"}


def test_it_reads_an_lpo_mapping_file(capsys, tmp_path):
    mapping = _write(tmp_path, "lpo.csv", "municipality_code,lpo\n2380,Storsjön\n")
    status, out, _ = _run(capsys, EXAMPLES / "responses.csv", "--population", EXAMPLES / "population.csv",
                          "--level", "lpo", "--lpo-map", mapping)
    assert status == 0
    assert {r["area"] for r in csv.DictReader(io.StringIO(out))} == {"Storsjön"}


def test_it_rakes_when_the_population_has_only_margins(capsys, tmp_path):
    design = tmp_path / "design.csv"
    status, out, _ = _run(capsys, EXAMPLES / "responses.csv", "--population", EXAMPLES / "population_margins.csv",
                          "--design-output", design)
    assert status == 0
    assert {r["method"] for r in csv.DictReader(io.StringIO(out))} == {"raked"}
    summary = list(csv.DictReader(design.open()))
    assert [r["year"] for r in summary] == ["2023", "2024"]
    assert all(float(r["deff_kish"]) >= 1.0 for r in summary)


def test_it_writes_every_respondents_weight(capsys, tmp_path):
    weights = tmp_path / "weights.csv"
    status, _, _ = _run(capsys, EXAMPLES / "responses.csv", "--population", EXAMPLES / "population.csv",
                        "--weights-output", weights)
    assert status == 0
    rows = list(csv.DictReader(weights.open(encoding="utf-8")))
    assert len(rows) == 247
    population = sum(int(r["population"]) for r in csv.DictReader((EXAMPLES / "population.csv").open()))
    assert sum(float(r["weight"]) for r in rows) == pytest.approx(population)


def test_it_counts_an_open_questionnaire_without_weights(capsys):
    status, out, _ = _run(capsys, EXAMPLES / "responses.csv", "--open")
    assert status == 0
    rows = list(csv.DictReader(io.StringIO(out)))
    assert {r["method"] for r in rows} == {"unweighted, self-selected (open questionnaire)"}
    assert all(r["se"] == r["ci_low"] == "" for r in rows)


def test_it_rejects_unknown_municipality_age_group_and_answers_with_line_numbers(capsys, tmp_path):
    responses = _write(tmp_path, "r.csv", HEADER
                       + "1,2380,2024,,16-24,kvinna,2,ja\n"
                       + "2,9999,2024,,16-24,kvinna,2,ja\n"
                       + "3,2380,2024,,15-24,kvinna,2,ja\n"
                       + "4,2380,2024,,16-24,kvinna,5,kanske\n")
    population = _write(tmp_path, "p.csv", POPULATION_HEADER + _full_population())
    status, out, err = _run(capsys, responses, "--population", population)
    assert status == 2
    assert out == ""
    assert f"{responses}:3: unknown municipality code '9999'" in err
    assert f"{responses}:4: unknown age group '15-24'" in err
    assert f"{responses}:5: problem:klotter: answer '5' is outside the scale" in err
    assert f"{responses}:5: yesno:utsatt: answer 'kanske' is outside the scale" in err


def test_it_rejects_a_missing_population_cell(capsys, tmp_path):
    responses = _write(tmp_path, "r.csv", HEADER + "1,2380,2024,,16-24,kvinna,2,ja\n")
    population = _write(tmp_path, "p.csv", POPULATION_HEADER + _full_population().replace("2380,2024,75-85,man,100\n", ""))
    status, _, err = _run(capsys, responses, "--population", population)
    assert status == 2
    assert f"{population}:2: 2380 2024: missing population cell 75-85 man" in err


def test_it_rejects_responses_of_a_year_without_population(capsys, tmp_path):
    responses = _write(tmp_path, "r.csv", HEADER + "1,2380,2024,,16-24,kvinna,2,ja\n1,2380,2023,,16-24,kvinna,2,ja\n")
    population = _write(tmp_path, "p.csv", POPULATION_HEADER + _full_population())
    status, _, err = _run(capsys, responses, "--population", population)
    assert status == 2
    assert f"{responses}:3: no population for municipality 2380 in 2023" in err


def test_it_rejects_bad_population_rows(tmp_path):
    population = _write(tmp_path, "p.csv", POPULATION_HEADER + "2380,2024,16-24,kvinna,-3\n2380,2024,16-24,kvinna,5\n"
                        + "2380,2024,16-24,kvinna,5\n2380,2024,,,5\n")
    with pytest.raises(SurveyDataError) as raised:
        read_population(population)
    text = str(raised.value)
    assert ":2: population '-3' is not a non-negative whole number" in text
    assert ":4: duplicate population row for 2380 2024 16-24 kvinna (first on line 3)" in text
    assert ":5: a population row needs an age group, a sex or both" in text


def test_it_rejects_unknown_columns(tmp_path):
    responses = _write(tmp_path, "r.csv", "municipality,year,age_group,sex,rating:x\n")
    with pytest.raises(SurveyDataError, match=r":1: unknown column 'rating:x'"):
        read_responses(responses)


def test_it_reads_declared_options_in_their_order(tmp_path):
    responses = _write(tmp_path, "r.csv", "municipality,year,age_group,sex,single:trygg(mycket|ganska|inte),multi:oro(a|b)\n"
                       "2380,2024,16-24,man,inte,b;a\n2380,2024,16-24,man,vet_ej,\n")
    parsed = read_responses(responses)
    assert parsed.items["trygg"].options == ("mycket", "ganska", "inte")
    assert parsed.items["trygg"].codes.tolist() == [2, -2]
    assert parsed.items["oro"].chosen.tolist() == [[True, True], [False, False]]
    assert parsed.items["oro"].codes.tolist() == [0, -1]


def test_it_never_imports_django():
    """The estimation engine and its command stay plain NumPy (run in a fresh interpreter)."""
    import subprocess

    code = ("import sys; from medborgarloften.cli import main; "
            f"main(['survey', 'estimate', {str(EXAMPLES / 'responses.csv')!r}, '--population', "
            f"{str(EXAMPLES / 'population.csv')!r}, '--output', '/dev/null']); "
            "assert not [m for m in sys.modules if m.startswith('django')], 'django imported'")
    subprocess.run([sys.executable, "-c", code], check=True, capture_output=True)
