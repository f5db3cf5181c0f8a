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
import io
import re
from operator import itemgetter
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
    """Bad input; ``errors`` lists (line number, message) pairs (line 0: the whole file)."""

    def __init__(self, source: str, errors: list[tuple[int, str]]):
        self.source = source
        self.errors = sorted(errors)
        shown = [f"{source}:{line}: {message}" if line else f"{source}: {message}"
                 for line, message in self.errors[:MAX_REPORTED_ERRORS]]
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


def _shown(value: str, limit: int = 40) -> str:
    """Return ``value`` quoted for a message, cut short so a runaway field is never echoed whole."""
    value = str(value)
    if len(value) > limit or "\n" in value:
        value = value.replace("\r", "").split("\n")[0][:limit] + "…"
    return repr(value)


@dataclass
class CsvRows:
    """A CSV file's header and data rows with the physical line each row starts on.

    ``columns(i)`` gives column ``i`` as a tuple (missing fields as ""); rows
    with the wrong number of fields are listed in ``ragged``.
    """

    source: str
    header: list[str]
    rows: list[list[str]]
    lines: np.ndarray
    delimiter: str

    def __len__(self) -> int:
        return len(self.rows)

    def column(self, index: int) -> tuple[str, ...]:
        """Return column ``index`` of every row ("" where a short row lacks it)."""
        width = len(self.header)
        if self._transposed is None:
            padded = [row if len(row) == width else (row + [""] * width)[:width] for row in self.rows] \
                if len(self.ragged) else self.rows
            self._transposed = list(zip(*padded)) if padded else [()] * width
        return self._transposed[index]

    def __post_init__(self):
        width = len(self.header)
        lengths = np.fromiter(map(len, self.rows), dtype=np.int64, count=len(self.rows))
        self.ragged = np.flatnonzero(lengths != width)
        self._transposed = None


def read_csv(path: str | Path) -> CsvRows:
    """Return the header and rows of a CSV file, with physical line numbers.

    Raises SurveyDataError (line 0 for the whole file) when the file is empty,
    not UTF-8, or has a quoted field that never ends (naming the line it
    starts on).  A header with semicolons and no
    commas (Swedish Excel) is read as semicolon-separated.  Completely empty
    lines are skipped.
    """
    return parse_csv(Path(path).read_bytes(), str(path))


def parse_csv(raw: bytes, source: str) -> CsvRows:
    """Return the header and rows of CSV content ``raw`` (see :func:`read_csv`)."""
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw[:error.start].count(b"\n") + 1
        raise SurveyDataError(source, [(0, f"not UTF-8 (save as UTF-8); the first bad byte is on line {line}")]) from None
    if not text.strip():
        raise SurveyDataError(source, [(0, "the file is empty")])
    first_line = text.split("\n", 1)[0]
    delimiter = ";" if ";" in first_line and "," not in first_line else ","
    try:
        rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True))
        lines = None
        physical = text.count("\n") + (0 if text.endswith("\n") else 1)
        if physical == len(rows):
            # No field spans lines: row i starts on line i + 1.
            lines = np.arange(1, len(rows) + 1, dtype=np.int64)
    except csv.Error:
        rows = None
    if rows is None or lines is None:
        rows, lines = _read_rows_slowly(source, text, delimiter)
    # Blank lines and rows of empty fields (a spreadsheet's trailing rows) are
    # skipped; only rows whose first field is empty need a closer look.
    firsts = [row[0] if row else "" for row in rows] if rows and not all(rows) else list(map(itemgetter(0), rows))
    blank = {i for i, first in enumerate(firsts) if not first.strip() and not "".join(rows[i]).strip()}
    keep = [i for i in range(len(rows)) if i not in blank] if blank else None
    if keep is not None:
        rows = [rows[i] for i in keep]
        lines = lines[keep]
    if not rows:
        raise SurveyDataError(source, [(0, "the file is empty")])
    header = [h.strip() for h in rows[0]]
    return CsvRows(source, header, rows[1:], lines[1:], delimiter)


def _read_rows_slowly(source: str, text: str, delimiter: str) -> tuple[list[list[str]], np.ndarray]:
    """Return rows and the line each starts on, row by row (a field spans lines, or the quoting is broken)."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    rows, starts = [], []
    previous = 0
    while True:
        try:
            row = next(reader)
        except StopIteration:
            break
        except csv.Error as error:
            message = str(error)
            if "end of data" in message or "EOF" in message:
                message = "a quoted field starts here and never ends (a missing closing quote)"
            else:
                message = f"bad quoting: {message}"
            raise SurveyDataError(source, [(previous + 1, message)]) from None
        rows.append(row)
        starts.append(previous + 1)
        previous = reader.line_num
    return rows, np.array(starts, dtype=np.int64)


def _factorize(values: tuple[str, ...]) -> tuple[list[str], np.ndarray]:
    """Return the sorted distinct stripped values and each value's index among them.

    Works on the few distinct values, not per row, so a million rows cost one
    pass of dictionary look-ups in C.
    """
    index: dict[str, int] = {}
    for value in set(values):
        index[value] = len(index)
    raw = list(index)
    inverse = np.fromiter(map(index.__getitem__, values), dtype=np.int64, count=len(values))
    stripped = [v.strip() for v in raw]
    uniques = sorted(set(stripped))
    position = {s: i for i, s in enumerate(uniques)}
    remap = np.array([position[s] for s in stripped] or [0], dtype=np.int64)
    return uniques, remap[inverse] if len(values) else inverse


def _encode(values: tuple[str, ...], vocabulary: dict[str, int]) -> tuple[np.ndarray, np.ndarray, list[str], np.ndarray]:
    """Return codes for ``values``, the mask of values outside ``vocabulary``, and the factorization."""
    uniques, inverse = _factorize(values)
    lut = np.array([vocabulary.get(u, -9) for u in uniques] or [0], dtype=np.int32)
    codes = lut[inverse] if len(values) else np.zeros(0, dtype=np.int32)
    return codes, codes == -9, uniques, inverse


def _parse_item(name, kind, declared, values, errors, line_numbers) -> Item:
    """Return the Item for one column of answers; adds line-numbered errors for bad answers."""
    if kind == "problem":
        options = PROBLEM_STEPS
    elif kind == "yesno":
        options = YES_NO
    else:
        options = declared
    uniques, inverse = _factorize(values)
    bad = np.zeros(len(uniques), dtype=bool)
    if kind == "multi":
        tokens_of = [tuple(t.strip() for t in u.split(MULTI_SEPARATOR) if t.strip()) for u in uniques]
        if options is None:
            options = tuple(sorted({t for tokens in tokens_of for t in tokens} - {DONT_KNOW_TOKEN}))
        index = {o: i for i, o in enumerate(options)}
        table = np.zeros((max(len(uniques), 1), len(options)), dtype=bool)
        status = np.zeros(max(len(uniques), 1), dtype=np.int16)
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
            options = tuple(sorted(set(uniques) - {"", DONT_KNOW_TOKEN}))
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
            errors.append((int(line_numbers[r]), f"{kind}:{name}: answer {_shown(uniques[inverse[r]])} is outside the scale ({allowed}, {DONT_KNOW_TOKEN} or empty)"))
        codes = np.where(bad[inverse], UNANSWERED, codes).astype(np.int16)
    return Item(name, kind, tuple(options), codes.astype(np.int16), chosen)


# Columns of free text: read and checked for their header, never estimated.
TEXT_KIND = "text"


def read_responses(path: str | Path, *, open_questionnaire: bool = False) -> Responses:
    """Return the validated responses in ``path``; raises SurveyDataError listing
    every bad line (unknown municipality or age group, answers outside the scale)."""
    csv_rows = read_csv(path)
    return parse_responses(csv_rows, open_questionnaire=open_questionnaire)


def parse_header(header: list[str]) -> tuple[dict[str, int], list[tuple[int, str, str, tuple[str, ...] | None]], list[tuple[int, str]]]:
    """Return the base columns' positions, the item columns (position, name,
    kind, declared options) and the header's errors (line 1)."""
    errors: list[tuple[int, str]] = []
    positions: dict[str, int] = {}
    items_spec = []
    for position, column in enumerate(header):
        if column in _BASE_COLUMNS:
            if column in positions:
                errors.append((1, f"column {column!r} appears twice"))
            positions[column] = position
            continue
        match = _ITEM_HEADER.match(column)
        if not match or match["kind"] not in ITEM_KINDS + (TEXT_KIND,):
            errors.append((1, f"unknown column {_shown(column)}: expected one of {', '.join(_BASE_COLUMNS)} or KIND:NAME with KIND in {', '.join(ITEM_KINDS + (TEXT_KIND,))}"))
            continue
        declared = None
        if match["options"] is not None:
            declared = tuple(o.strip() for o in match["options"].split("|") if o.strip())
        items_spec.append((position, match["name"], match["kind"], declared))
    for required in ("municipality", "year", "age_group", "sex"):
        if required not in positions:
            errors.append((1, f"missing column {required!r}"))
    return positions, items_spec, errors


def parse_responses(csv_rows: CsvRows, *, open_questionnaire: bool = False) -> Responses:
    """Return the validated responses of an already read CSV (see :func:`read_responses`)."""
    source = csv_rows.source
    header = csv_rows.header
    positions, items_spec, errors = parse_header(header)
    if errors:
        if len(header) == 1 and ";" in header[0]:
            errors.append((1, "the header is one column with semicolons in it: save the file as comma-separated CSV"))
        raise SurveyDataError(source, errors)
    if not len(csv_rows):
        raise SurveyDataError(source, [(0, "the file has a header but no answers")])
    line_numbers = csv_rows.lines
    for r in csv_rows.ragged:
        errors.append((int(line_numbers[r]), f"expected {len(header)} fields, found {len(csv_rows.rows[r])}"))

    municipalities = official_municipalities()
    municipality_codes_all, municipality_inverse = _factorize(csv_rows.column(positions["municipality"]))
    municipality_codes = tuple(c for c in municipality_codes_all if c in municipalities)
    lut = np.array([municipality_codes.index(c) if c in municipalities else -9 for c in municipality_codes_all] or [0],
                   dtype=np.int32)
    municipality = lut[municipality_inverse] if len(csv_rows) else np.zeros(0, dtype=np.int32)
    for r in np.flatnonzero(municipality == -9):
        errors.append((int(line_numbers[r]), f"unknown municipality code {_shown(municipality_codes_all[municipality_inverse[r]])}"))

    year_uniques, year_inverse = _factorize(csv_rows.column(positions["year"]))
    year_lut = np.array([int(y) if (y.isdigit() and len(y) == 4) else -1 for y in year_uniques] or [0], dtype=np.int32)
    year = year_lut[year_inverse] if len(csv_rows) else np.zeros(0, dtype=np.int32)
    for r in np.flatnonzero(year < 0):
        errors.append((int(line_numbers[r]), f"year {_shown(year_uniques[year_inverse[r]])} is not a four-digit year"))
    year = np.where(year < 0, 0, year).astype(np.int32)

    empty_allowed = {"": -1} if open_questionnaire else {}
    age, bad_age, age_uniques, age_inverse = _encode(csv_rows.column(positions["age_group"]),
                                                     {a: i for i, a in enumerate(AGE_GROUPS)} | empty_allowed)
    for r in np.flatnonzero(bad_age):
        errors.append((int(line_numbers[r]), f"unknown age group {_shown(age_uniques[age_inverse[r]])} (expected {', '.join(AGE_GROUPS)})"))
    sex, bad_sex, sex_uniques, sex_inverse = _encode(csv_rows.column(positions["sex"]),
                                                     {s: i for i, s in enumerate(SEXES)} | empty_allowed)
    for r in np.flatnonzero(bad_sex):
        errors.append((int(line_numbers[r]), f"unknown sex {_shown(sex_uniques[sex_inverse[r]])} (expected {' or '.join(SEXES)})"))

    if "subarea" in positions:
        sub_uniques, sub_inverse = _factorize(csv_rows.column(positions["subarea"]))
        subarea_names = tuple(s for s in sub_uniques if s)
        sub_lut = np.array([subarea_names.index(s) if s else -1 for s in sub_uniques] or [0], dtype=np.int32)
        subarea = sub_lut[sub_inverse] if len(csv_rows) else np.zeros(0, dtype=np.int32)
    else:
        subarea_names, subarea = (), np.full(len(csv_rows), -1, dtype=np.int32)

    items = {}
    for position, name, kind, declared in items_spec:
        if name in items:
            errors.append((1, f"item {name!r} appears twice"))
            continue
        if kind == TEXT_KIND:
            continue
        items[name] = _parse_item(name, kind, declared, csv_rows.column(position), errors, line_numbers)
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
    csv_rows = read_csv(path)
    header, rows, row_lines = csv_rows.header, csv_rows.rows, csv_rows.lines
    expected = ["municipality", "year", "age_group", "sex", "population"]
    if header != expected:
        hint = " (the file looks semicolon-separated)" if len(header) == 1 and ";" in header[0] else ""
        raise SurveyDataError(source, [(1, f"expected the header {','.join(expected)}{hint}")])
    if not rows:
        raise SurveyDataError(source, [(0, "the file has a header but no population rows")])
    municipalities = official_municipalities()
    errors: list[tuple[int, str]] = []
    raw: dict[tuple[str, int], dict] = {}
    for r, row in enumerate(rows):
        line = int(row_lines[r])
        if len(row) != 5:
            errors.append((line, f"expected 5 fields, found {len(row)}"))
            continue
        code, year_text, age_text, sex_text, value_text = (v.strip() for v in row)
        if code not in municipalities:
            errors.append((line, f"unknown municipality code {_shown(code)}"))
            continue
        if not (year_text.isdigit() and len(year_text) == 4):
            errors.append((line, f"year {_shown(year_text)} is not a four-digit year"))
            continue
        if age_text and age_text not in AGE_GROUPS:
            errors.append((line, f"unknown age group {_shown(age_text)} (expected {', '.join(AGE_GROUPS)})"))
            continue
        if sex_text and sex_text not in SEXES:
            errors.append((line, f"unknown sex {_shown(sex_text)} (expected {' or '.join(SEXES)})"))
            continue
        if not age_text and not sex_text:
            errors.append((line, "a population row needs an age group, a sex or both"))
            continue
        try:
            value = float(value_text)
        except ValueError:
            value = -1.0
        if not (value >= 0 and value == int(value)):
            errors.append((line, f"population {_shown(value_text)} is not a non-negative whole number"))
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
