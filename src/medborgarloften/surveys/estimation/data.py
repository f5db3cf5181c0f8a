"""Survey answers and population tables: the CSV layouts, their validation and
their in-memory form (one NumPy array per column, categories as small ints).

Responses CSV (one row per respondent)::

    respondent,municipality,year,subarea,age_group,sex,problem:nedskrapning,...

* ``municipality`` — SCB code (four digits, e.g. ``2380``), checked against the
  official list in ``medborgarloften/areas/data/municipalities.csv``;
* ``year`` — survey year; ``subarea`` — *delområde* name, may be empty;
* ``age_group`` — one of :data:`AGE_GROUPS`; ``sex`` — ``kvinna`` or ``man``
  (both may be empty only in open questionnaires);
* one column per question item, named ``KIND:NAME`` or
  ``KIND:NAME(option|option|…)`` to fix the options and their order:
  ``problem`` (``1`` inget problem, ``2`` ganska litet, ``3`` ganska stort,
  ``4`` mycket stort problem), ``yesno`` (``ja``/``nej``), ``single`` (one
  option label), ``multi`` (option labels joined by ``;``).  ``vet_ej`` is
  "don't know"; an empty cell is an unanswered item.

Population CSV::

    municipality,year,age_group,sex,population

Either all 14 age group × sex cells of a municipality-year (post-stratification)
or only its margins (rows with an empty ``sex`` give the age margin, rows with
an empty ``age_group`` the sex margin; raking).
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import numpy as np

AGE_GROUPS = ("16-24", "25-34", "35-44", "45-54", "55-64", "65-74", "75-85")
SEXES = ("kvinna", "man")
ITEM_KINDS = ("problem", "yesno", "single", "multi")
PROBLEM_STEPS = ("1", "2", "3", "4")
PROBLEM_STEP_LABELS = (
    "inget problem",
    "ganska litet problem",
    "ganska stort problem",
    "mycket stort problem",
)
YES_NO = ("ja", "nej")
DONT_KNOW_TOKEN = "vet_ej"
MULTI_SEPARATOR = ";"

# Item codes: option index >= 0, or one of these.
UNANSWERED = -1
DONT_KNOW = -2

MAX_REPORTED_ERRORS = 50

_AREAS_DATA = Path(__file__).resolve().parents[2] / "areas" / "data"
_ITEM_HEADER = re.compile(r"^(?P<kind>[a-z]+):(?P<name>[A-Za-z0-9_\-]+)(\((?P<options>[^()]*)\))?$")
_BASE_COLUMNS = ("respondent", "municipality", "year", "subarea", "age_group", "sex")


class SurveyDataError(ValueError):
    """Bad input; ``errors`` lists (line number, message) pairs."""

    def __init__(self, source: str, errors: list[tuple[int, str]]):
        self.source = source
        self.errors = sorted(errors)
        shown = [f"{source}:{line}: {message}" for line, message in self.errors[:MAX_REPORTED_ERRORS]]
        if len(self.errors) > MAX_REPORTED_ERRORS:
            shown.append(f"{source}: … and {len(self.errors) - MAX_REPORTED_ERRORS} more errors")
        super().__init__("\n".join(shown))


@lru_cache(maxsize=1)
def official_municipalities() -> dict[str, tuple[str, str]]:
    """Return the official municipalities as ``{code: (name, county_code)}``.

    Read with the csv module so that the estimation engine never needs Django.
    """
    with open(_AREAS_DATA / "municipalities.csv", newline="", encoding="utf-8") as handle:
        return {row["code"]: (row["name"], row["county_code"]) for row in csv.DictReader(handle)}


@lru_cache(maxsize=1)
def official_counties() -> dict[str, str]:
    """Return the official counties as ``{code: name}`` (empty if the file is absent)."""
    path = _AREAS_DATA / "counties.csv"
    if not path.exists():
        return {}
    with open(path, newline="", encoding="utf-8") as handle:
        return {row["code"]: row["name"] for row in csv.DictReader(handle)}


@dataclass
class Item:
    """One question item: ``codes`` holds the option index per respondent, or
    :data:`UNANSWERED` / :data:`DONT_KNOW`; multiple-choice items code an
    answered row as 0 and keep the ticked options in ``chosen`` (n × options)."""

    name: str
    kind: str
    options: tuple[str, ...]
    codes: np.ndarray
    chosen: np.ndarray | None = None

    def valid(self) -> np.ndarray:
        """Return the mask of respondents with a usable answer (not vet ej, not empty)."""
        return self.codes >= 0


@dataclass
class Responses:
    """Answers of respondents in columnar form; categorical columns are indices
    into the tuples beside them (-1 for an empty subarea, age or sex)."""

    municipality_codes: tuple[str, ...]
    municipality: np.ndarray
    year: np.ndarray
    subarea_names: tuple[str, ...]
    subarea: np.ndarray
    age: np.ndarray
    sex: np.ndarray
    items: dict[str, Item]
    line: np.ndarray | None = None
    source: str = "responses"

    def __len__(self) -> int:
        return len(self.year)

    def lines(self, mask: np.ndarray) -> list[int]:
        """Return the CSV line numbers of the masked respondents (row numbers if built in memory)."""
        rows = np.flatnonzero(mask)
        if self.line is None:
            return [int(r) + 2 for r in rows]
        return [int(self.line[r]) for r in rows]

    def subset(self, mask: np.ndarray) -> "Responses":
        """Return the respondents selected by ``mask`` (categories kept)."""
        items = {
            name: Item(item.name, item.kind, item.options, item.codes[mask],
                       None if item.chosen is None else item.chosen[mask])
            for name, item in self.items.items()
        }
        return Responses(
            self.municipality_codes, self.municipality[mask], self.year[mask],
            self.subarea_names, self.subarea[mask], self.age[mask], self.sex[mask], items,
            None if self.line is None else self.line[mask], self.source,
        )


def concatenate_responses(parts: list[Responses]) -> Responses:
    """Return one Responses holding all parts; categories and item options are merged."""
    municipality_codes = tuple(sorted({c for p in parts for c in p.municipality_codes}))
    subarea_names = tuple(sorted({s for p in parts for s in p.subarea_names}))
    muni_index = {c: i for i, c in enumerate(municipality_codes)}
    sub_index = {s: i for i, s in enumerate(subarea_names)}
    names = list(dict.fromkeys(name for p in parts for name in p.items))
    columns = {"municipality": [], "subarea": []}
    for p in parts:
        lut = np.array([muni_index[c] for c in p.municipality_codes] or [0], dtype=np.int32)
        columns["municipality"].append(lut[p.municipality])
        sub_lut = np.array([sub_index[s] for s in p.subarea_names] + [-1], dtype=np.int32)
        columns["subarea"].append(sub_lut[p.subarea])
    items = {}
    for name in names:
        present = [p.items[name] for p in parts if name in p.items]
        kind = present[0].kind
        if any(item.kind != kind for item in present):
            raise ValueError(f"item {name} has different kinds in the files")
        options = tuple(dict.fromkeys(o for item in present for o in item.options))
        if kind in ("single",) and not all(item.options == present[0].options for item in present):
            options = tuple(sorted(options))
        index = {o: i for i, o in enumerate(options)}
        codes, chosen = [], []
        for p in parts:
            if name not in p.items:
                codes.append(np.full(len(p), UNANSWERED, dtype=np.int16))
                chosen.append(np.zeros((len(p), len(options)), dtype=bool))
                continue
            item = p.items[name]
            remap = np.array([index[o] for o in item.options], dtype=np.int16)
            if kind == "multi":
                codes.append(item.codes)
                block = np.zeros((len(p), len(options)), dtype=bool)
                block[:, remap] = item.chosen
                chosen.append(block)
            else:
                c = item.codes.copy()
                ok = c >= 0
                c[ok] = remap[c[ok]]
                codes.append(c)
        items[name] = Item(name, kind, options, np.concatenate(codes),
                           np.concatenate(chosen) if kind == "multi" else None)
    lines = None
    if all(p.line is not None for p in parts):
        lines = np.concatenate([p.line for p in parts])
    return Responses(
        municipality_codes, np.concatenate(columns["municipality"]),
        np.concatenate([p.year for p in parts]), subarea_names, np.concatenate(columns["subarea"]),
        np.concatenate([p.age for p in parts]), np.concatenate([p.sex for p in parts]),
        items, lines, "+".join(p.source for p in parts),
    )


def _read_rows(path: str | Path) -> tuple[list[str], list[list[str]]]:
    with open(path, newline="", encoding="utf-8-sig") as handle:
        reader = csv.reader(handle)
        try:
            header = [h.strip() for h in next(reader)]
        except StopIteration:
            raise SurveyDataError(str(path), [(1, "the file is empty")]) from None
        rows = list(reader)
    return header, rows


def _column(rows: list[list[str]], index: int) -> np.ndarray:
    return np.array([row[index].strip() if index < len(row) else "" for row in rows], dtype=str)


def _encode(values: np.ndarray, vocabulary: dict[str, int]) -> tuple[np.ndarray, np.ndarray]:
    """Return codes for ``values`` and the mask of values outside ``vocabulary``."""
    uniques, inverse = np.unique(values, return_inverse=True)
    lut = np.array([vocabulary.get(u, -9) for u in uniques] or [0], dtype=np.int32)
    codes = lut[inverse] if len(values) else np.zeros(0, dtype=np.int32)
    return codes, codes == -9


def _parse_item(name, kind, declared, values, errors, line_numbers) -> Item:
    """Return the Item for one column of answers; adds line-numbered errors for bad answers."""
    if kind == "problem":
        options = PROBLEM_STEPS
    elif kind == "yesno":
        options = YES_NO
    else:
        options = declared
    uniques, inverse = np.unique(values, return_inverse=True)
    bad = np.zeros(len(uniques), dtype=bool)
    if kind == "multi":
        tokens_of = [tuple(t.strip() for t in u.split(MULTI_SEPARATOR) if t.strip()) for u in uniques]
        if options is None:
            options = tuple(sorted({t for tokens in tokens_of for t in tokens} - {DONT_KNOW_TOKEN}))
        index = {o: i for i, o in enumerate(options)}
        table = np.zeros((len(uniques), len(options)), dtype=bool)
        status = np.zeros(len(uniques), dtype=np.int16)
        for u, tokens in enumerate(tokens_of):
            if not tokens:
                status[u] = UNANSWERED
            elif tokens == (DONT_KNOW_TOKEN,):
                status[u] = DONT_KNOW
            elif all(t in index for t in tokens):
                table[u, [index[t] for t in tokens]] = True
            else:
                bad[u] = True
        codes = status[inverse]
        chosen = table[inverse]
    else:
        if options is None:
            options = tuple(sorted(set(uniques.tolist()) - {"", DONT_KNOW_TOKEN}))
        vocabulary = {o: i for i, o in enumerate(options)}
        vocabulary[""] = UNANSWERED
        vocabulary[DONT_KNOW_TOKEN] = DONT_KNOW
        lut = np.array([vocabulary.get(u, -9) for u in uniques] or [0], dtype=np.int16)
        bad = lut == -9
        codes = lut[inverse]
        chosen = None
    if bad.any():
        rows = np.flatnonzero(bad[inverse])
        allowed = "|".join(options) if options else "any label"
        for r in rows:
            errors.append((int(line_numbers[r]), f"{kind}:{name}: answer {str(values[r])!r} is outside the scale ({allowed}, {DONT_KNOW_TOKEN} or empty)"))
        codes = np.where(bad[inverse], UNANSWERED, codes).astype(np.int16)
    return Item(name, kind, tuple(options), codes.astype(np.int16), chosen)


def read_responses(path: str | Path, *, open_questionnaire: bool = False) -> Responses:
    """Return the validated responses in ``path``; raises SurveyDataError listing
    every bad line (unknown municipality or age group, answers outside the scale)."""
    source = str(path)
    header, rows = _read_rows(path)
    errors: list[tuple[int, str]] = []
    line_numbers = np.arange(2, len(rows) + 2, dtype=np.int64)
    positions = {}
    items_spec = []
    for position, column in enumerate(header):
        if column in _BASE_COLUMNS:
            positions[column] = position
            continue
        match = _ITEM_HEADER.match(column)
        if not match or match["kind"] not in ITEM_KINDS:
            errors.append((1, f"unknown column {column!r}: expected one of {', '.join(_BASE_COLUMNS)} or KIND:NAME with KIND in {', '.join(ITEM_KINDS)}"))
            continue
        declared = None
        if match["options"] is not None:
            declared = tuple(o.strip() for o in match["options"].split("|") if o.strip())
        items_spec.append((position, match["name"], match["kind"], declared))
    for required in ("municipality", "year", "age_group", "sex"):
        if required not in positions:
            errors.append((1, f"missing column {required!r}"))
    if errors:
        raise SurveyDataError(source, errors)
    for r, row in enumerate(rows):
        if len(row) != len(header):
            errors.append((r + 2, f"expected {len(header)} fields, found {len(row)}"))

    municipalities = official_municipalities()
    codes = _column(rows, positions["municipality"])
    municipality_codes = tuple(sorted(set(codes.tolist()) & set(municipalities)))
    municipality, unknown = _encode(codes, {c: i for i, c in enumerate(municipality_codes)})
    for r in np.flatnonzero(unknown):
        errors.append((int(line_numbers[r]), f"unknown municipality code {str(codes[r])!r}"))

    year_text = _column(rows, positions["year"])
    year_ok = np.char.isdigit(year_text) & (np.char.str_len(year_text) == 4)
    for r in np.flatnonzero(~year_ok):
        errors.append((int(line_numbers[r]), f"year {str(year_text[r])!r} is not a four-digit year"))
    year = np.where(year_ok, year_text, "0").astype(np.int32)

    empty_allowed = {"": -1} if open_questionnaire else {}
    age_text = _column(rows, positions["age_group"])
    age, bad_age = _encode(age_text, {a: i for i, a in enumerate(AGE_GROUPS)} | empty_allowed)
    for r in np.flatnonzero(bad_age):
        errors.append((int(line_numbers[r]), f"unknown age group {str(age_text[r])!r} (expected {', '.join(AGE_GROUPS)})"))
    sex_text = _column(rows, positions["sex"])
    sex, bad_sex = _encode(sex_text, {s: i for i, s in enumerate(SEXES)} | empty_allowed)
    for r in np.flatnonzero(bad_sex):
        errors.append((int(line_numbers[r]), f"unknown sex {str(sex_text[r])!r} (expected {' or '.join(SEXES)})"))

    if "subarea" in positions:
        sub_text = _column(rows, positions["subarea"])
        subarea_names = tuple(sorted(set(sub_text.tolist()) - {""}))
        subarea, _ = _encode(sub_text, {s: i for i, s in enumerate(subarea_names)} | {"": -1})
    else:
        subarea_names, subarea = (), np.full(len(rows), -1, dtype=np.int32)

    items = {}
    for position, name, kind, declared in items_spec:
        if name in items:
            errors.append((1, f"item {name!r} appears twice"))
            continue
        items[name] = _parse_item(name, kind, declared, _column(rows, position), errors, line_numbers)
    if errors:
        raise SurveyDataError(source, errors)
    return Responses(
        municipality_codes, municipality.astype(np.int32), year, subarea_names,
        subarea.astype(np.int32), age.astype(np.int8), sex.astype(np.int8), items, line_numbers, source,
    )


@dataclass
class PopulationEntry:
    """Population of one municipality-year: ``cells`` (age × sex) or margins only."""

    cells: np.ndarray | None
    age_margin: np.ndarray
    sex_margin: np.ndarray
    line: int
    lines: list[int] = field(default_factory=list)

    @property
    def total(self) -> float:
        return float(self.age_margin.sum())


def read_population(path: str | Path) -> dict[tuple[str, int], PopulationEntry]:
    """Return the population table keyed by (municipality code, year); raises
    SurveyDataError for unknown codes, bad numbers, duplicates and missing cells."""
    source = str(path)
    header, rows = _read_rows(path)
    expected = ["municipality", "year", "age_group", "sex", "population"]
    if header != expected:
        raise SurveyDataError(source, [(1, f"expected the header {','.join(expected)}")])
    municipalities = official_municipalities()
    errors: list[tuple[int, str]] = []
    raw: dict[tuple[str, int], dict] = {}
    for r, row in enumerate(rows):
        line = r + 2
        if len(row) != 5:
            errors.append((line, f"expected 5 fields, found {len(row)}"))
            continue
        code, year_text, age_text, sex_text, value_text = (v.strip() for v in row)
        if code not in municipalities:
            errors.append((line, f"unknown municipality code {code!r}"))
            continue
        if not (year_text.isdigit() and len(year_text) == 4):
            errors.append((line, f"year {year_text!r} is not a four-digit year"))
            continue
        if age_text and age_text not in AGE_GROUPS:
            errors.append((line, f"unknown age group {age_text!r} (expected {', '.join(AGE_GROUPS)})"))
            continue
        if sex_text and sex_text not in SEXES:
            errors.append((line, f"unknown sex {sex_text!r} (expected {' or '.join(SEXES)})"))
            continue
        if not age_text and not sex_text:
            errors.append((line, "a population row needs an age group, a sex or both"))
            continue
        try:
            value = float(value_text)
        except ValueError:
            value = -1.0
        if not (value >= 0 and value == int(value)):
            errors.append((line, f"population {value_text!r} is not a non-negative whole number"))
            continue
        entry = raw.setdefault((code, int(year_text)), {"first": line, "rows": {}})
        key = (age_text, sex_text)
        if key in entry["rows"]:
            errors.append((line, f"duplicate population row for {code} {year_text} {age_text or '*'} {sex_text or '*'} (first on line {entry['rows'][key][1]})"))
            continue
        entry["rows"][key] = (value, line)
    table = {}
    for (code, year), entry in raw.items():
        cells_given = {k: v for k, v in entry["rows"].items() if k[0] and k[1]}
        margins_given = {k: v for k, v in entry["rows"].items() if not (k[0] and k[1])}
        lines = sorted(line for _, line in entry["rows"].values())
        if cells_given and margins_given:
            errors.append((entry["first"], f"{code} {year}: give either all age group × sex cells or only the margins, not both"))
            continue
        if cells_given:
            cells = np.zeros((len(AGE_GROUPS), len(SEXES)))
            for a, age_label in enumerate(AGE_GROUPS):
                for s, sex_label in enumerate(SEXES):
                    if (age_label, sex_label) not in cells_given:
                        errors.append((entry["first"], f"{code} {year}: missing population cell {age_label} {sex_label}"))
                    else:
                        cells[a, s] = cells_given[(age_label, sex_label)][0]
            table[(code, year)] = PopulationEntry(cells, cells.sum(axis=1), cells.sum(axis=0), entry["first"], lines)
            continue
        age_margin = np.zeros(len(AGE_GROUPS))
        sex_margin = np.zeros(len(SEXES))
        for a, age_label in enumerate(AGE_GROUPS):
            if (age_label, "") not in margins_given:
                errors.append((entry["first"], f"{code} {year}: missing population margin for age group {age_label}"))
            else:
                age_margin[a] = margins_given[(age_label, "")][0]
        for s, sex_label in enumerate(SEXES):
            if ("", sex_label) not in margins_given:
                errors.append((entry["first"], f"{code} {year}: missing population margin for sex {sex_label}"))
            else:
                sex_margin[s] = margins_given[("", sex_label)][0]
        if abs(age_margin.sum() - sex_margin.sum()) > 0.5:
            errors.append((entry["first"], f"{code} {year}: the age margin sums to {age_margin.sum():.0f} but the sex margin to {sex_margin.sum():.0f}"))
        table[(code, year)] = PopulationEntry(None, age_margin, sex_margin, entry["first"], lines)
    if errors:
        raise SurveyDataError(source, errors)
    return table


def check_population_coverage(responses: Responses, population: dict[tuple[str, int], PopulationEntry]) -> None:
    """Raise SurveyDataError (with response line numbers) for respondents whose
    municipality-year or age group × sex cell has no population."""
    errors: list[tuple[int, str]] = []
    keys = responses.municipality.astype(np.int64) * 10000 + responses.year
    unique_keys, stratum = np.unique(keys, return_inverse=True)
    # Per stratum: the population of each age × sex cell (for margins, the
    # smaller of the two margins, which is zero when either is).
    cell_population = np.zeros((len(unique_keys), len(AGE_GROUPS), len(SEXES)))
    is_cells = np.zeros(len(unique_keys), dtype=bool)
    entries = []
    for h, key in enumerate(unique_keys):
        code, year = responses.municipality_codes[int(key // 10000)], int(key % 10000)
        entry = population.get((code, year))
        entries.append((code, year, entry))
        if entry is None:
            continue
        if entry.cells is not None:
            cell_population[h] = entry.cells
            is_cells[h] = True
        else:
            cell_population[h] = np.minimum(entry.age_margin[:, None], entry.sex_margin[None, :])
    sampled = np.bincount(stratum, minlength=len(unique_keys))
    missing_stratum = np.array([entry is None for _, _, entry in entries], dtype=bool)
    for h in np.flatnonzero(missing_stratum):
        code, year, _ = entries[h]
        for line in responses.lines(stratum == h):
            errors.append((line, f"no population for municipality {code} in {year}"))
    empty = (cell_population[stratum, responses.age, responses.sex] <= 0) & ~missing_stratum[stratum]
    for r, line in zip(np.flatnonzero(empty), responses.lines(empty)):
        code, year, _ = entries[stratum[r]]
        what = "population cell {age} {sex}" if is_cells[stratum[r]] else "population margin for {age} or {sex}"
        errors.append((line, ("the " + what + " of {code} {year} is empty or missing").format(
            age=AGE_GROUPS[responses.age[r]], sex=SEXES[responses.sex[r]], code=code, year=year)))
    for h, (code, year, entry) in enumerate(entries):
        if entry is not None and sampled[h] > entry.total:
            errors.append((entry.line, f"{code} {year}: {sampled[h]} respondents but a population of {entry.total:.0f}"))
    if errors:
        raise SurveyDataError(responses.source, errors)
