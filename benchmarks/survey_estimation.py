"""Benchmark of the survey estimation engine (a script, not a test).

Generates 1,000,000 responses across the 290 municipalities and 5 years with
30 items (12 problem items, 6 single choice, 4 multiple choice, 8 yes/no),
then measures, in the same run:

* full results for one municipality-year (weights, shares with SE and logit
  intervals, problem indices, indicators, sub-area domains, suppression),
  target ≤ 100 ms;
* full results for all municipality-years at every level (municipality,
  sub-area, local police area, county, year-on-year change), target ≤ 10 s;
* a baseline: unweighted shares of the same items with one numpy.bincount per
  item, for the same two cases;
* peak memory of the full run (tracemalloc, in a separate pass so that its
  bookkeeping does not slow the timed runs) and the process's maximum RSS;
* reading the same responses from a CSV file in the engine's layout
  (``read_responses``: decoding, validation with line numbers, encoding into
  columns) against a bare ``list(csv.reader(file))`` of the same file.

    .venv/bin/python benchmarks/survey_estimation.py [--respondents N]
"""

from __future__ import annotations

import argparse
import csv
import os
import resource
import tempfile
import time
import tracemalloc

import numpy as np

from medborgarloften.surveys.estimation.data import (
    AGE_GROUPS, DONT_KNOW, SEXES, UNANSWERED, Item, PopulationEntry, Responses, official_municipalities,
    read_responses,
)
from medborgarloften.surveys.estimation.survey import estimate_survey

YEARS = (2020, 2021, 2022, 2023, 2024)
RESPONSE_BY_AGE = np.array([0.22, 0.28, 0.38, 0.46, 0.56, 0.64, 0.55])
RESPONSE_BY_SEX = np.array([1.0, 0.8])


def generate(n_respondents: int, seed: int = 7):
    """Return (responses, population, lpo_map) for every municipality and year."""
    rng = np.random.default_rng(seed)
    municipalities = official_municipalities()
    codes = tuple(sorted(municipalities))
    M, Y = len(codes), len(YEARS)
    size = np.exp(rng.normal(9.6, 1.0, M)).clip(2000, 900000)  # 16–85-year-olds per municipality
    population = {}
    age_shares = np.array([0.14, 0.15, 0.14, 0.15, 0.15, 0.15, 0.12])
    cells = np.empty((M, Y, len(AGE_GROUPS), len(SEXES)))
    for m, code in enumerate(codes):
        for y, year in enumerate(YEARS):
            shares = age_shares * rng.uniform(0.8, 1.2, len(AGE_GROUPS))
            shares /= shares.sum()
            women = rng.uniform(0.47, 0.53, len(AGE_GROUPS))
            table = np.round(size[m] * shares[:, None] * np.column_stack([women, 1 - women]))
            cells[m, y] = table
            population[(code, year)] = PopulationEntry(table, table.sum(axis=1), table.sum(axis=0), 0)
    # Respondents per municipality-year grow with the square root of its size.
    weight = np.sqrt(size)[:, None] * rng.uniform(0.8, 1.2, (M, Y))
    per_stratum = rng.multinomial(n_respondents, (weight / weight.sum()).ravel())
    stratum = np.repeat(np.arange(M * Y), per_stratum)
    n = len(stratum)
    probability = cells.reshape(M * Y, -1) * (RESPONSE_BY_AGE[:, None] * RESPONSE_BY_SEX[None, :]).ravel()
    probability /= probability.sum(axis=1, keepdims=True)
    cumulative = probability.cumsum(axis=1)[stratum]
    cell = (rng.random(n)[:, None] > cumulative).sum(axis=1).clip(0, probability.shape[1] - 1)
    age, sex = cell // len(SEXES), cell % len(SEXES)
    municipality = (stratum // Y).astype(np.int32)
    year = np.array(YEARS, dtype=np.int32)[stratum % Y]
    n_subareas = rng.integers(0, 7, M)
    subarea_draw = rng.integers(0, 7, n)
    subarea = np.where(subarea_draw < n_subareas[municipality], subarea_draw, -1).astype(np.int32)

    def answers(n_options, missing=0.03, dont_know=0.05):
        p = rng.dirichlet(np.ones(n_options) * 3)
        codes_ = rng.choice(n_options, size=n, p=p).astype(np.int16)
        draw = rng.random(n)
        codes_[draw < dont_know] = DONT_KNOW
        codes_[(draw >= dont_know) & (draw < dont_know + missing)] = UNANSWERED
        return codes_

    items = {}
    for j in range(12):
        items[f"problem_{j}"] = Item(f"problem_{j}", "problem", ("1", "2", "3", "4"), answers(4))
    items["trygg_kvall"] = Item("trygg_kvall", "single",
                                ("mycket_trygg", "ganska_trygg", "ganska_otrygg", "mycket_otrygg", "gar_inte_ut"), answers(5))
    for j in range(5):
        items[f"single_{j}"] = Item(f"single_{j}", "single", tuple(f"o{k}" for k in range(5)), answers(5))
    for j in range(4):
        chosen = rng.random((n, 4)) < rng.uniform(0.1, 0.5, 4)
        status = np.where(rng.random(n) < 0.04, DONT_KNOW, 0).astype(np.int16)
        chosen[status < 0] = False
        items[f"multi_{j}"] = Item(f"multi_{j}", "multi", tuple(f"m{k}" for k in range(4)), status, chosen)
    for name in ("undviker", "utsatt_vald", "utsatt_stold", "utsatt_skadegorelse", "yesno_a", "yesno_b", "yesno_c"):
        items[name] = Item(name, "yesno", ("ja", "nej"), answers(2))
    victim = np.zeros(n, dtype=bool)
    for name in ("utsatt_vald", "utsatt_stold", "utsatt_skadegorelse"):
        victim |= items[name].codes == 0
    reported = np.where(victim, answers(2), UNANSWERED).astype(np.int16)
    items["anmalt"] = Item("anmalt", "yesno", ("ja", "nej"), reported)
    responses = Responses(codes, municipality, year, tuple(f"Område {k}" for k in range(7)), subarea,
                          age.astype(np.int8), sex.astype(np.int8), items)
    lpo_map = {code: f"{municipalities[code][1]}-{int(code) % 3}" for code in codes}
    return responses, population, lpo_map


def baseline(responses: Responses, group: np.ndarray, n_groups: int) -> list[np.ndarray]:
    """Return unweighted shares per group and option: one numpy.bincount per item."""
    shares = []
    for item in responses.items.values():
        k = len(item.options)
        if item.kind == "multi":
            rows, cols = np.nonzero(item.chosen)
            counts = np.bincount(group[rows] * k + cols, minlength=n_groups * k).reshape(n_groups, k)
            answered = np.bincount(group, weights=item.codes >= 0, minlength=n_groups)[:, None]
        else:
            valid = item.codes >= 0
            counts = np.bincount(group[valid] * k + item.codes[valid], minlength=n_groups * k).reshape(n_groups, k)
            answered = counts.sum(axis=1, keepdims=True)
        with np.errstate(invalid="ignore", divide="ignore"):
            shares.append(counts / answered)
    return shares


def write_csv(responses: Responses, path: str) -> None:
    """Write ``responses`` in the engine's responses layout (one column of strings at a time)."""
    columns = [("municipality", np.asarray(responses.municipality_codes, dtype=object)[responses.municipality]),
               ("year", responses.year.astype(str).astype(object)),
               ("subarea", np.asarray(list(responses.subarea_names) + [""], dtype=object)[responses.subarea]),
               ("age_group", np.asarray(AGE_GROUPS, dtype=object)[responses.age]),
               ("sex", np.asarray(SEXES, dtype=object)[responses.sex])]
    for item in responses.items.values():
        labels = np.asarray(list(item.options) + ["vet_ej", ""], dtype=object)
        if item.kind == "multi":
            text = np.full(len(responses), "", dtype=object)
            for k, option in enumerate(item.options):
                text = np.where(item.chosen[:, k], np.where(text == "", option, text + ";" + option), text)
            text = np.where(item.codes == DONT_KNOW, "vet_ej", text)
        else:
            index = np.where(item.codes >= 0, item.codes, np.where(item.codes == DONT_KNOW, len(item.options), len(item.options) + 1))
            text = labels[index]
        header = f"{item.kind}:{item.name}" + (f"({'|'.join(item.options)})" if item.kind in ("single", "multi") else "")
        columns.append((header, text))
    with open(path, "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow([name for name, _ in columns])
        writer.writerows(zip(*(values for _, values in columns)))


def best_of(repeats: int, function) -> float:
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        function()
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--respondents", type=int, default=1_000_000)
    args = parser.parse_args()

    start = time.perf_counter()
    responses, population, lpo_map = generate(args.respondents)
    print(f"generated {len(responses):,} responses, {len(responses.municipality_codes)} municipalities × "
          f"{len(YEARS)} years, {len(responses.items)} items in {time.perf_counter() - start:.1f} s")

    key = responses.municipality.astype(np.int64) * 10000 + responses.year
    keys, stratum, counts = np.unique(key, return_inverse=True, return_counts=True)
    median = keys[np.argsort(counts)[len(counts) // 2]]
    one = responses.subset(key == median)
    one_population = {k: v for k, v in population.items()
                      if k == (responses.municipality_codes[int(median // 10000)], int(median % 10000))}
    print(f"one municipality-year: {responses.municipality_codes[int(median // 10000)]} {int(median % 10000)}, "
          f"{len(one)} respondents (the median)")

    levels_one = ("municipality", "subarea")
    levels_all = ("municipality", "subarea", "lpo", "county")
    one_ms = 1000 * best_of(20, lambda: estimate_survey(one, one_population, levels=levels_one))
    one_group = np.zeros(len(one), dtype=np.int64)
    one_base_ms = 1000 * best_of(20, lambda: baseline(one, one_group, 1))
    result = estimate_survey(responses, population, levels=levels_all, lpo_map=lpo_map)
    all_s = best_of(3, lambda: estimate_survey(responses, population, levels=levels_all, lpo_map=lpo_map))
    all_base_s = best_of(3, lambda: baseline(responses, stratum, len(keys)))

    tracemalloc.start()
    estimate_survey(responses, population, levels=levels_all, lpo_map=lpo_map)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    max_rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

    print(f"result rows (all): {len(result.table):,}")
    print(f"one municipality-year, full results:   {one_ms:8.1f} ms   (target ≤ 100 ms)")
    print(f"one municipality-year, baseline:       {one_base_ms:8.2f} ms   ratio {one_ms / one_base_ms:.0f}×")
    print(f"all municipality-years, full results:  {all_s:8.2f} s    (target ≤ 10 s)")
    print(f"all municipality-years, baseline:      {all_base_s:8.3f} s    ratio {all_s / all_base_s:.0f}×")
    print(f"peak memory of the full run (tracemalloc): {peak / 2**20:.0f} MiB; process max RSS {max_rss:.0f} MiB")

    with tempfile.TemporaryDirectory() as folder:
        path = os.path.join(folder, "responses.csv")
        start = time.perf_counter()
        write_csv(responses, path)
        size = os.path.getsize(path)
        print(f"wrote the responses as CSV ({size / 2**20:.0f} MiB) in {time.perf_counter() - start:.1f} s")

        def bare():
            with open(path, newline="", encoding="utf-8") as handle:
                return list(csv.reader(handle))

        bare_s = best_of(2, bare)
        read = read_responses(path)
        assert len(read) == len(responses) and set(read.items) == set(responses.items)
        read_s = best_of(2, lambda: read_responses(path))
    print(f"CSV reading, read_responses:            {read_s:8.2f} s")
    print(f"CSV reading, bare csv.reader:           {bare_s:8.2f} s    ratio {read_s / bare_s:.1f}×")


if __name__ == "__main__":
    main()
