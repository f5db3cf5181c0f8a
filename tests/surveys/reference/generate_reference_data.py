"""Write the reference survey data that ``reference.R`` estimates with R's survey package.

Deterministic (fixed seed); run from the repository root:

    .venv/bin/python tests/surveys/reference/generate_reference_data.py
    Rscript tests/surveys/reference/reference.R

Five Jämtland municipalities in two local police areas, two years, sub-areas in
Östersund and Krokom, response rates that fall for the young and for men, a
municipality with empty and one-respondent cells, and answers that depend on
age, sex and sub-area so that the weighting matters.
"""

from __future__ import annotations

import csv
from pathlib import Path

import numpy as np

HERE = Path(__file__).resolve().parent
AGE_GROUPS = ("16-24", "25-34", "35-44", "45-54", "55-64", "65-74", "75-85")
SEXES = ("kvinna", "man")
YEARS = (2023, 2024)
# Municipality: (population 16–85, sample size, sub-areas with their shares)
MUNICIPALITIES = {
    "2380": (52000, 900, {"Centrum": 0.4, "Odenslund": 0.3, "Torvalla": 0.25}),
    "2305": (5300, 420, {}),
    "2303": (4400, 260, {}),
    "2309": (12500, 520, {"Krokom": 0.55, "Föllinge": 0.4}),
    "2361": (8400, 430, {}),
}
AGE_SHARES = np.array([0.14, 0.15, 0.14, 0.15, 0.15, 0.15, 0.12])
RESPONSE_BY_AGE = np.array([0.22, 0.28, 0.38, 0.46, 0.56, 0.64, 0.55])
RESPONSE_BY_SEX = np.array([1.0, 0.8])
PROBLEM_ITEMS = ("nedskrapning", "klotter", "bilar_fort", "narkotika")
TRYGG = ("mycket_trygg", "ganska_trygg", "ganska_otrygg", "mycket_otrygg", "gar_inte_ut")
ORO = ("inbrott", "overfall", "bilbrand", "bedrageri")


def population_cells(rng: np.random.Generator, total: int) -> np.ndarray:
    """Return age × sex population counts adding up to about ``total``."""
    shares = AGE_SHARES * rng.uniform(0.85, 1.15, len(AGE_SHARES))
    shares /= shares.sum()
    women = rng.uniform(0.47, 0.52, len(AGE_GROUPS))
    women[-1] = 0.56
    cells = np.column_stack([total * shares * women, total * shares * (1 - women)])
    return np.round(cells).astype(int)


def sample_counts(rng: np.random.Generator, cells: np.ndarray, sample: int) -> np.ndarray:
    """Return respondents per cell: a proportional sample with unequal response."""
    sampled = rng.multinomial(sample, (cells / cells.sum()).ravel()).reshape(cells.shape)
    rate = RESPONSE_BY_AGE[:, None] * RESPONSE_BY_SEX[None, :]
    return rng.binomial(sampled, rate)


def answer(rng, probabilities, n):
    return rng.choice(len(probabilities), size=n, p=probabilities / probabilities.sum())


def with_missing(rng, values: list[str], dont_know: float, unanswered: float) -> list[str]:
    draw = rng.uniform(size=len(values))
    return ["vet_ej" if d < dont_know else "" if d < dont_know + unanswered else v for v, d in zip(values, draw)]


def respondents(rng, code, year, counts, subareas):
    """Yield one dict per respondent of a municipality-year."""
    names = list(subareas)
    shares = np.array(list(subareas.values()))
    for a, age in enumerate(AGE_GROUPS):
        for s, sex in enumerate(SEXES):
            n = int(counts[a, s])
            if n == 0:
                continue
            if names:
                p = np.append(shares, 1 - shares.sum())
                picks = rng.choice(len(p), size=n, p=p)
                subarea = [names[i] if i < len(names) else "" for i in picks]
            else:
                subarea = [""] * n
            young, woman = (6 - a) / 6, s == 0
            centre = np.array([sa in ("Centrum", "Krokom") for sa in subarea])
            rows = [{"municipality": code, "year": str(year), "subarea": sa, "age_group": age, "sex": sex}
                    for sa in subarea]
            for item_no, item in enumerate(PROBLEM_ITEMS):
                level = 0.6 + 0.9 * young + 0.3 * item_no + 0.2 * (year - 2023) * (item_no == 0)
                base = np.array([max(2.2 - level, 0.2), 1.6, 0.6 + 0.4 * level, 0.25 + 0.2 * level])
                values = []
                for is_centre in centre:
                    probabilities = base * (np.array([0.7, 1.0, 1.4, 1.6]) if is_centre else 1.0)
                    values.append(str(answer(rng, probabilities, 1)[0] + 1))
                for row, v in zip(rows, with_missing(rng, values, 0.06 + 0.05 * (a == 6), 0.02)):
                    row[f"problem:{item}"] = v
            trygg = np.array([3.0 if not woman else 1.8, 3.0, 1.0 + woman, 0.4 + 0.5 * woman, 0.2 + 0.6 * (a >= 5)])
            for row, v in zip(rows, with_missing(rng, [TRYGG[i] for i in answer(rng, trygg, n)], 0.02, 0.02)):
                row["single:trygg_kvall"] = v
            oro_values = []
            for _ in range(n):
                ticked = [o for o, p in zip(ORO, (0.35, 0.2 + 0.15 * woman, 0.1, 0.25 + 0.1 * (a >= 5))) if rng.uniform() < p]
                oro_values.append(";".join(ticked) if ticked else "")
            oro_values = ["inbrott" if (v == "" and rng.uniform() < 0.5) else v for v in oro_values]
            for row, v in zip(rows, with_missing(rng, oro_values, 0.03, 0.0)):
                row["multi:oro"] = v
            for item, p_yes in (("undviker", 0.12 + 0.15 * woman), ("utsatt_vald", 0.03 + 0.06 * young),
                                ("utsatt_stold", 0.08), ("utsatt_skadegorelse", 0.06)):
                values = ["ja" if rng.uniform() < p_yes else "nej" for _ in range(n)]
                for row, v in zip(rows, with_missing(rng, values, 0.02, 0.02)):
                    row[f"yesno:{item}"] = v
            for row in rows:
                victim = "ja" in (row["yesno:utsatt_vald"], row["yesno:utsatt_stold"], row["yesno:utsatt_skadegorelse"])
                row["yesno:anmalt"] = ("ja" if rng.uniform() < 0.45 else "nej") if victim else ""
            yield from rows


def main() -> None:
    rng = np.random.default_rng(20240607)
    population_rows, margin_rows, response_rows = [], [], []
    for code, (total, sample, subareas) in MUNICIPALITIES.items():
        for year in YEARS:
            cells = population_cells(rng, total)
            counts = sample_counts(rng, cells, sample)
            if code == "2303":
                # Empty and near-empty cells: the collapsing must report them.
                counts[0, 1] = 0
                counts[1, 1] = 1
                counts[6, 0] = 0 if year == 2023 else 2
            for a, age in enumerate(AGE_GROUPS):
                for s, sex in enumerate(SEXES):
                    population_rows.append([code, year, age, sex, int(cells[a, s])])
            for a, age in enumerate(AGE_GROUPS):
                margin_rows.append([code, year, age, "", int(cells[a].sum())])
            for s, sex in enumerate(SEXES):
                margin_rows.append([code, year, "", sex, int(cells[:, s].sum())])
            response_rows.extend(respondents(rng, code, year, counts, subareas))
    header = ["respondent", "municipality", "year", "subarea", "age_group", "sex"]
    header += [f"problem:{item}" for item in PROBLEM_ITEMS]
    header += ["single:trygg_kvall(" + "|".join(TRYGG) + ")", "multi:oro(" + "|".join(ORO) + ")"]
    header += [f"yesno:{item}" for item in ("undviker", "utsatt_vald", "utsatt_stold", "utsatt_skadegorelse", "anmalt")]
    with open(HERE / "responses.csv", "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(header)
        for number, row in enumerate(response_rows, start=1):
            row["respondent"] = str(number)
            row["single:trygg_kvall(" + "|".join(TRYGG) + ")"] = row.pop("single:trygg_kvall")
            row["multi:oro(" + "|".join(ORO) + ")"] = row.pop("multi:oro")
            writer.writerow([row[column] for column in header])
    for name, rows in (("population_cells.csv", population_rows), ("population_margins.csv", margin_rows)):
        with open(HERE / name, "w", newline="", encoding="utf-8") as handle:
            writer = csv.writer(handle, lineterminator="\n")
            writer.writerow(["municipality", "year", "age_group", "sex", "population"])
            writer.writerows(rows)


if __name__ == "__main__":
    main()
