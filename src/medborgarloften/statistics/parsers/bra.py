"""Brå's reported crimes (anmälda brott) in the three layouts Brå's channels produce (FORMATS.md §2).

* **Table** (SOL's result table saved from Excel as CSV): title rows, a row of
  years ("2025 prel." for preliminary), a row of units ("Antal",
  "/100 000 inv"), then a region header row per municipality followed by its
  crime types, indented with non-breaking spaces; a blank row ends the table
  and footnotes follow.
* **Database file** (SOL's "Databasfil.txt"): ``Region;Brott;År;Period;Antal;/100 000 inv``
  with a trailing ``;`` on data rows; yearly rows have the text "År" in the
  year column and the year in Period; monthly rows have the year (with
  " prel.") and the month's abbreviation.
* **Open-data file** (bra.se's yearly kommun CSV): ``Kommun;Antal;Per 100 000 inv.``
  (with " (prel.)" for preliminary years), or the 2021 form with no header
  and names like "Bergs kommun". Totals only; the year is not in the file.

Each reader yields :class:`BraRow` values.
"""

import csv
import io
import re
from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import gettext as _

from . import FileRejected
from .text import NotANumber, clean_label, decode, indentation, swedish_number

TOTAL = "Totalt antal brott"
# bra.se's ready-made tables call the total otherwise (FORMATS.md §2.6).
LABEL_ALIASES = {"SAMTLIGA BROTT": TOTAL, "Samtliga brott": TOTAL, "Samtliga anmälda brott": TOTAL}
YEAR_CELL = re.compile(r"^(\d{4})(\s*prel\.?)?$", re.IGNORECASE)
MONTHS = {"jan": 1, "feb": 2, "mar": 3, "apr": 4, "maj": 5, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "okt": 10,
          "nov": 11, "dec": 12}
DBFIL_HEADER = ["Region", "Brott", "År", "Period", "Antal", "/100 000 inv"]


@dataclass
class BraRow:
    line: int
    region: str
    category: str
    depth: int
    year: int
    month: int
    count: Decimal | None
    preliminary: bool
    published_rate: Decimal | None


def read(data, report, *, year=None):
    """Yield BraRow for every figure in the Brå file ``data`` (bytes), whichever of the three layouts it has.

    ``year`` is needed for the open-data file, which does not say its year
    (taken from the file name when not given). Raises FileRejected.
    """
    text, encoding = decode(data)
    if "\u00e5" not in text.lower() and "\u00e4" not in text.lower() and "\u00f6" not in text.lower():
        report.note(_("The file contains no å, ä or ö; check that the names were read correctly."))
    rows = list(csv.reader(io.StringIO(text), delimiter=_delimiter(text)))
    if not rows:
        raise FileRejected(_("The file is empty."))
    first = [c.strip() for c in rows[0]]
    if first[:6] == DBFIL_HEADER:
        report.note(_("Layout: Brå's database file (Databasfil), %(encoding)s.") % {"encoding": encoding})
        yield from _dbfil(rows, report)
    elif _is_open_data(rows):
        report.note(_("Layout: bra.se's open-data file of municipal totals, %(encoding)s.") % {"encoding": encoding})
        yield from _open_data(rows, report, year)
    else:
        report.note(_("Layout: Brå's result table, %(encoding)s.") % {"encoding": encoding})
        yield from _table(rows, report)


def _delimiter(text):
    sample = "\n".join(text.splitlines()[:20])
    counts = {d: sample.count(d) for d in (";", "\t", ",")}
    if counts[";"] or counts["\t"]:
        return ";" if counts[";"] >= counts["\t"] else "\t"
    return ","


def _is_open_data(rows):
    widths = {len([c for c in r]) for r in rows if any(c.strip() for c in r)}
    if max(widths, default=0) > 3:
        return False
    head = rows[0][0].strip().lower() if rows[0] else ""
    return head == "kommun" or (len(rows[0]) >= 2 and bool(re.search(r"\d", rows[0][1])))


def _number(cell, line, column, what, report):
    try:
        return swedish_number(cell), True
    except NotANumber:
        report.error(line, _("column %(column)s (%(what)s): %(value)s is not a number")
                     % {"column": column, "what": what, "value": repr(cell.strip())})
        return None, False


def _table(rows, report):
    header = next((i for i, r in enumerate(rows) if sum(bool(YEAR_CELL.match(c.strip())) for c in r) >= 1
                   and all(not c.strip() or YEAR_CELL.match(c.strip()) for c in r[1:]) and not r[0].strip()), None)
    if header is None or header + 1 >= len(rows):
        raise FileRejected(_("No row of years was found (a row such as \";2023;;2024;\" above a row of units "
                             "\";Antal;/100 000 inv\"). Export the table from Brå's statistics database with the "
                             "years as columns."))
    years, current = [], None
    for cell in rows[header][1:]:
        current = cell.strip() or current
        years.append(current)
    units = [c.strip().lower() for c in rows[header + 1][1:]]
    width = len(rows[header])
    columns = []
    for index, (year_text, unit) in enumerate(zip(years, units), start=2):
        if not year_text:
            continue
        found = YEAR_CELL.match(year_text)
        kind = "count" if unit.startswith("antal") else "rate" if "100 000" in unit else None
        if kind is None:
            raise FileRejected(_("Column %(column)s has the unit %(unit)s; expected \"Antal\" or \"/100 000 inv\".")
                               % {"column": index, "unit": repr(unit)}, line=header + 2)
        columns.append((index, int(found.group(1)), bool(found.group(2)), kind, year_text))
    if not any(kind == "count" for *_, kind, _text in columns):
        raise FileRejected(_("The table has no \"Antal\" (number) column."), line=header + 2)
    preliminary_years = sorted({year for _i, year, prel, *_ in columns if prel})
    if preliminary_years:
        report.note(_("Preliminary figures: %(years)s.") % {"years": ", ".join(map(str, preliminary_years))})
    region = None
    for offset, row in enumerate(rows[header + 2:]):
        line = header + 3 + offset
        first = row[0] if row else ""
        rest = [c for c in row[1:] if c.strip()]
        if not first.strip() and not rest:
            footnotes = [r[0].strip() for r in rows[header + 3 + offset:] if r and r[0].strip()]
            if footnotes:
                report.note(_("Footnotes: %(text)s") % {"text": " / ".join(footnotes)})
            return
        if first.strip() and not rest:
            region = first.strip()
            continue
        if len(row) < width and any(c.strip() for c in row[1:]):
            report.error(line, _("expected %(expected)s fields, found %(found)s (a missing column?)")
                         % {"expected": width, "found": len(row)})
            continue
        if region is None:
            report.error(line, _("a row of figures before any region header row"))
            continue
        label = LABEL_ALIASES.get(clean_label(first), clean_label(first))
        figures = {}
        ok = True
        for index, year, preliminary, kind, year_text in columns:
            value, good = _number(row[index - 1], line, index, f"{year_text}, {'Antal' if kind == 'count' else '/100 000'}", report)
            ok = ok and good
            figures.setdefault((year, preliminary), {})[kind] = value
        if not ok:
            continue
        for (year, preliminary), values in figures.items():
            if "count" not in values:
                continue
            yield BraRow(line, region, label, indentation(first), year, 0, values["count"], preliminary, values.get("rate"))


def _dbfil(rows, report):
    quarters = 0
    for index, row in enumerate(rows[1:], start=2):
        if not any(c.strip() for c in row):
            continue
        cells = row[:-1] if len(row) == 7 and not row[6].strip() else row
        if len(cells) != 6:
            report.error(index, _("expected 6 fields, found %(found)s (a missing column?)") % {"found": len(cells)})
            continue
        region, label, year_text, period, count_text, rate_text = (c.strip() for c in cells)
        if year_text == "År":
            year_text, month = period, 0
        else:
            month = MONTHS.get(period[:3].lower())
            if period.lower().startswith("kvartal"):
                quarters += 1
                continue
            if month is None:
                report.error(index, _("the period %(value)s is not a year, a month or a quarter") % {"value": repr(period)})
                continue
        found = YEAR_CELL.match(year_text)
        if not found:
            report.error(index, _("%(value)s is not a year") % {"value": repr(year_text)})
            continue
        count, good = _number(count_text, index, 5, "Antal", report)
        rate, good_rate = _number(rate_text, index, 6, "/100 000 inv", report)
        if not (good and good_rate):
            continue
        if count is None and rate is None:
            # SOL repeats the parent crime types of a selection with ".." everywhere.
            report.note(_("Rows with no figures (\"..\") were left out; Brå's database repeats the parent crime "
                          "types of a selection that way."))
            continue
        yield BraRow(index, region, LABEL_ALIASES.get(clean_label(label), clean_label(label)), 0, int(found.group(1)),
                     month, count, bool(found.group(2)), rate)
    if quarters:
        report.note(_("%(count)s quarterly rows were left out: quarters are computed from the months.") % {"count": quarters})


def _open_data(rows, report, year):
    has_header = not re.search(r"\d", rows[0][1] if len(rows[0]) > 1 else "")
    preliminary = has_header and "prel" in ";".join(rows[0]).lower()
    if year is None:
        raise FileRejected(_("The open-data file does not say which year it covers: give the year (it is in the "
                             "file's name on bra.se, e.g. \"Anmälda brott i kommunerna 2024.csv\")."))
    for index, row in enumerate(rows[1:] if has_header else rows, start=2 if has_header else 1):
        if not any(c.strip() for c in row):
            continue
        if len(row) < 2:
            report.error(index, _("expected 3 fields (kommun, number, per 100 000), found %(found)s") % {"found": len(row)})
            continue
        count, good = _number(row[1], index, 2, "Antal", report)
        rate, good_rate = _number(row[2], index, 3, "Per 100 000 inv.", report) if len(row) > 2 else (None, True)
        if good and good_rate:
            yield BraRow(index, row[0].strip(), TOTAL, 0, year, 0, count, preliminary, rate)
