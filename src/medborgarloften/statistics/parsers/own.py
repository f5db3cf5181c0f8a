"""The product's own CSV layout, for what a municipality counts itself (README, "Statistics").

::

    municipality;category;year;month;value;unit;theme
    2380;Anmälningar om skadegörelse;2024;;132;antal;vandalism
    2380;Kostnad för klottersanering;2024;3;41 500;kronor;graffiti

``municipality`` (SCB code), ``category``, ``year`` and ``value`` are
required; ``month`` (1–12, empty for the whole year), ``unit`` (``antal`` or
``kronor``) and ``theme`` (a theme code, see ``scope.themes``) may be left
out. Comma or semicolon separated, UTF-8 or Windows-1252, decimal comma or
point, spaces as thousands separators.
"""

import csv
import io
from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import gettext as _

from medborgarloften.scope.themes import Theme

from . import FileRejected
from .text import NotANumber, decode, swedish_number

REQUIRED = ("municipality", "category", "year", "value")
OPTIONAL = ("month", "unit", "theme", "preliminary")
UNITS = {"antal": "count", "count": "count", "": "count", "kronor": "kronor", "kr": "kronor", "sek": "kronor"}


@dataclass
class OwnRow:
    line: int
    municipality: str
    category: str
    year: int
    month: int
    value: Decimal
    unit: str
    theme: str
    preliminary: bool


def read(data, report):
    """Yield OwnRow for each row of ``data`` (bytes) in the documented layout. Raises FileRejected."""
    text, _encoding = decode(data)
    first_line = text.split("\n", 1)[0]
    delimiter = ";" if first_line.count(";") >= first_line.count(",") else ","
    rows = csv.reader(io.StringIO(text), delimiter=delimiter)
    try:
        header = [c.strip().lower() for c in next(rows)]
    except StopIteration:
        raise FileRejected(_("The file is empty.")) from None
    missing = [name for name in REQUIRED if name not in header]
    if missing:
        raise FileRejected(_("The header lacks the columns %(columns)s (expected %(expected)s).")
                           % {"columns": ", ".join(missing), "expected": delimiter.join(REQUIRED + OPTIONAL)}, line=1)
    unknown = [name for name in header if name not in REQUIRED + OPTIONAL]
    if unknown:
        raise FileRejected(_("Unknown columns: %(columns)s.") % {"columns": ", ".join(unknown)}, line=1)
    col = {name: header.index(name) for name in header}
    themes = set(Theme.values)
    for line, row in enumerate(rows, start=2):
        if not any(c.strip() for c in row):
            continue
        if len(row) != len(header):
            report.error(line, _("expected %(expected)s fields, found %(found)s (a missing column?)")
                         % {"expected": len(header), "found": len(row)})
            continue

        def cell(name):
            return row[col[name]].strip() if name in col else ""

        code, category, year_text, month_text = cell("municipality"), cell("category"), cell("year"), cell("month")
        ok = True
        if not (code.isdigit() and len(code) == 4):
            report.error(line, _("%(value)s is not a municipality code (four digits)") % {"value": repr(code)})
            ok = False
        if not category:
            report.error(line, _("the category is empty"))
            ok = False
        if not (year_text.isdigit() and len(year_text) == 4):
            report.error(line, _("%(value)s is not a year") % {"value": repr(year_text)})
            ok = False
        month = 0
        if month_text:
            if not month_text.isdigit() or not 1 <= int(month_text) <= 12:
                report.error(line, _("the month %(value)s is not 1–12") % {"value": repr(month_text)})
                ok = False
            else:
                month = int(month_text)
        try:
            value = swedish_number(cell("value"))
        except NotANumber:
            report.error(line, _("the value %(value)s is not a number") % {"value": repr(cell("value"))})
            ok, value = False, None
        else:
            if value is None or value < 0:
                report.error(line, _("the value %(value)s is not a number of zero or more") % {"value": repr(cell("value"))})
                ok = False
        unit = UNITS.get(cell("unit").lower())
        if unit is None:
            report.error(line, _("unknown unit %(value)s (antal or kronor)") % {"value": repr(cell("unit"))})
            ok = False
        theme = cell("theme").lower()
        if theme and theme not in themes:
            report.error(line, _("unknown theme %(value)s") % {"value": repr(cell("theme"))})
            ok = False
        preliminary = cell("preliminary").lower() in ("ja", "yes", "1", "prel", "prel.")
        if ok:
            yield OwnRow(line, code, category[:300], int(year_text), month, value, unit, theme, preliminary)
