"""Engine fixes found by trying ``survey estimate`` with real-world files:
encodings, broken quoting, multi-line fields, header-only files, Swedish-Excel
semicolons, indicators whose options are absent, and open questionnaires per
county."""

import csv
import io

import pytest

from medborgarloften.cli import main
from medborgarloften.surveys.estimation.data import SurveyDataError, read_population, read_responses
from medborgarloften.surveys.estimation.indicators import Indicator
from medborgarloften.surveys.estimation.survey import estimate_survey

from .factories import cells_population, make_responses

AGES = ("16-24", "25-34", "35-44", "45-54", "55-64", "65-74", "75-85")


def _write(tmp_path, name, text, encoding="utf-8"):
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


def _run(capsys, *args):
    status = main(["survey", "estimate", *map(str, args)])
    captured = capsys.readouterr()
    return status, captured.out, captured.err


def test_it_rejects_a_file_that_is_not_utf8_with_a_plain_message(tmp_path):
    path = _write(tmp_path, "r.csv", "municipality,year,age_group,sex,problem:klotter\n2380,2024,16-24,kvinna,1\n"
                  "2380,2024,16-24,kvinna,2 # Östersund\n", encoding="cp1252")
    with pytest.raises(SurveyDataError) as raised:
        read_responses(path)
    assert str(raised.value).startswith(f"{path}: not UTF-8 (save as UTF-8)")
    assert "line 3" in str(raised.value)
    assert "codec" not in str(raised.value)


def test_it_names_the_line_of_an_unterminated_quote_without_echoing_the_rest(tmp_path):
    rest = "".join(f"2380,2024,16-24,kvinna,{i % 4 + 1}\n" for i in range(200))
    path = _write(tmp_path, "r.csv", "municipality,year,age_group,sex,problem:klotter\n2380,2024,16-24,kvinna,1\n"
                  '2380,2024,"16-24,kvinna,1\n' + rest)
    with pytest.raises(SurveyDataError) as raised:
        read_responses(path)
    text = str(raised.value)
    assert f"{path}:3: a quoted field starts here and never ends" in text
    assert len(text) < 300


def test_it_counts_physical_lines_after_a_multiline_field(tmp_path):
    path = _write(tmp_path, "r.csv", "municipality,year,subarea,age_group,sex,problem:klotter\n"
                  '2380,2024,"Centrum\nnorra",16-24,kvinna,1\n2380,2024,Centrum,16-24,kvinna,9\n')
    with pytest.raises(SurveyDataError) as raised:
        read_responses(path)
    assert f"{path}:4: problem:klotter: answer '9' is outside the scale" in str(raised.value)


def test_it_says_a_header_only_file_has_no_answers(tmp_path):
    path = _write(tmp_path, "r.csv", "municipality,year,age_group,sex,problem:klotter\n")
    with pytest.raises(SurveyDataError, match="has a header but no answers"):
        read_responses(path)
    population = _write(tmp_path, "p.csv", "municipality,year,age_group,sex,population\n")
    with pytest.raises(SurveyDataError, match="has a header but no population rows"):
        read_population(population)


def test_it_reads_a_swedish_excel_semicolon_file(tmp_path):
    path = _write(tmp_path, "r.csv", "municipality;year;age_group;sex;multi:oro(a|b)\n2380;2024;16-24;man;\"a;b\"\n")
    responses = read_responses(path)
    assert responses.items["oro"].chosen.tolist() == [[True, True]]
    population = _write(tmp_path, "p.csv", "municipality;year;age_group;sex;population\n"
                        + "".join(f"2380;2024;{a};{s};100\n" for a in AGES for s in ("kvinna", "man")))
    assert read_population(population)[("2380", 2024)].total == 1400


def test_it_skips_a_builtin_indicator_whose_options_are_absent(capsys, tmp_path):
    rows = [{"age_group": "35-44", "sex": s, "trygg_kvall": o} for s in ("kvinna", "man") for o in ("trygg", "otrygg")] * 10
    responses = make_responses(rows, items={"trygg_kvall": ("single", ("trygg", "otrygg"))})
    population = cells_population({("35-44", "kvinna"): 500, ("35-44", "man"): 500})
    result = estimate_survey(responses, population, min_n=1, indicators=(
        Indicator("trygg_ute_sent", ("trygg_kvall",), ("mycket_trygg", "ganska_trygg")),
    ))
    assert "trygg_ute_sent" not in set(result.table["item"])
    assert any("indicator trygg_ute_sent skipped" in note for note in result.notes)


def _open_file(tmp_path):
    rows = "".join(f"{code},2024,,{a},kvinna,{i % 4 + 1}\n" for i, (code, a) in enumerate(
        [(c, a) for c in ("2380", "2326") for a in AGES for _ in range(3)]))
    return _write(tmp_path, "r.csv", "municipality,year,subarea,age_group,sex,problem:klotter\n" + rows)


def test_an_open_questionnaire_gives_the_county_row(capsys, tmp_path):
    status, out, _ = _run(capsys, _open_file(tmp_path), "--open", "--level", "county", "--level", "municipality")
    assert status == 0
    rows = list(csv.DictReader(io.StringIO(out)))
    county = [r for r in rows if r["level"] == "county" and r["domain"] == "" and r["item"] == "klotter"]
    assert {r["area"] for r in county} == {"23"}
    assert sum(int(r["count"]) for r in county) == 42
    municipal = [r for r in rows if r["level"] == "municipality" and r["domain"] == "" and r["option"] == "1"]
    assert {r["area"] for r in municipal} == {"2380", "2326"}


def test_an_open_questionnaire_refuses_the_subarea_level(capsys, tmp_path):
    status, out, err = _run(capsys, _open_file(tmp_path), "--open", "--level", "subarea")
    assert status == 2
    assert "no subarea level" in err
    assert out == ""
