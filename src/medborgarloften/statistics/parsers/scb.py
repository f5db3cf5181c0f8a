"""SCB's population table BE0101N1 (TAB638; TAB5557 from 2025) as JSON-stat 2.0 and as PxWeb's CSV (FORMATS.md §3).

Both readers yield :class:`PopulationRow` values: a region code as SCB gives
it (checked by the importer), the year, the age (0–100, 100 meaning "100+",
-1 for SCB's own total) and the sex (1 men, 2 women, 0 both).
"""

import csv
import io
import json
import re
from dataclasses import dataclass

from django.utils.translation import gettext as _

from . import FileRejected
from .text import NotANumber, decode, swedish_number

TOTAL_AGES = {"tot", "tot1", "totsa", "totalt", "totalt ålder", "totalt, ålder", "total"}
TOTAL_SEXES = {"totsa", "tot", "1+2", "totalt", "båda könen", "total"}
SEXES = {"1": 1, "män": 1, "man": 1, "2": 2, "kvinnor": 2, "kvinna": 2}
# Regions SCB adds to the municipalities in some tables (Stor-Stockholm, -Göteborg, -Malmö).
METROPOLITAN = {"0010", "0020", "0030"}
REGION_CELL = re.compile(r"^(\d{2}|\d{4})(?:\s+-\s+|\s+)(.+)$")


@dataclass
class PopulationRow:
    line: int | None
    where: str  # how to find the figure in the file, for messages
    region: str
    region_name: str
    year: int
    age: int
    sex: int
    count: int


def age_code(text):
    """Return the age in an SCB age code or label ("0", "0 år", "100+", "100+1", "tot"); None for a group."""
    value = text.strip().lower()
    if value in TOTAL_AGES:
        return -1
    value = value.removesuffix(" år").strip()
    if value in ("100+", "100+1", "100 år eller äldre", "100-"):
        return 100
    if value.isdigit() and int(value) < 100:
        return int(value)
    return None


def sex_code(text):
    value = text.strip().lower()
    if value in TOTAL_SEXES:
        return 0
    return SEXES.get(value)


def read(data, report):
    """Yield PopulationRow for the SCB file ``data`` (bytes): JSON-stat 2.0 or a PxWeb CSV. Raises FileRejected."""
    head = data[:4096].lstrip(b"\xef\xbb\xbf \t\r\n")
    if head.startswith(b"{"):
        yield from _jsonstat(data, report)
    else:
        yield from _csv(data, report)


def _jsonstat(data, report):
    try:
        dataset = json.loads(data.decode("utf-8-sig"))
    except UnicodeDecodeError:
        raise FileRejected(_("The file is not UTF-8 text.")) from None
    except json.JSONDecodeError as error:
        if error.pos >= len(error.doc) - 2:
            raise FileRejected(_("The file ends before the JSON is complete: it is incomplete (a download cut "
                                 "short?)."), line=error.lineno) from None
        raise FileRejected(_("Invalid JSON at column %(column)s: %(problem)s.")
                           % {"column": error.colno, "problem": error.msg}, line=error.lineno) from None
    if isinstance(dataset, dict) and "response" in dataset and "id" not in dataset:
        dataset = dataset["response"]  # a saved request/response pair
    if not isinstance(dataset, dict) or dataset.get("class") != "dataset" or "id" not in dataset:
        raise FileRejected(_("The file is JSON but not a JSON-stat 2.0 dataset (ask SCB's API for "
                             "\"json-stat2\")."))
    report.note(_("Layout: JSON-stat 2.0 from SCB's API (%(label)s).") % {"label": dataset.get("label", "")})
    ids, sizes, dimensions = dataset["id"], dataset.get("size", []), dataset.get("dimension", {})
    if len(ids) != len(sizes) or any(d not in dimensions for d in ids):
        raise FileRejected(_("The dataset's \"id\", \"size\" and \"dimension\" do not agree."))
    roles = dataset.get("role", {})
    time_dim = (roles.get("time") or ["Tid"])[0]
    wanted = {"region": _dimension(ids, ("Region",)), "age": _dimension(ids, ("Alder", "Ålder")),
              "sex": _dimension(ids, ("Kon", "Kön")), "year": time_dim if time_dim in ids else None}
    missing = [name for name, dim in wanted.items() if dim is None]
    if missing:
        raise FileRejected(_("The dataset lacks the dimensions %(names)s (expected Region, Alder, Kon and Tid).")
                           % {"names": ", ".join(missing)})
    categories = []
    for dim, size in zip(ids, sizes):
        index = dimensions[dim]["category"]["index"]
        order = list(index) if isinstance(index, list) else sorted(index, key=index.get)
        if len(order) != size:
            raise FileRejected(_("Dimension %(dim)s has %(found)s categories but its size says %(size)s.")
                               % {"dim": dim, "found": len(order), "size": size})
        categories.append(order)
    other = [d for d in ids if d not in wanted.values()]
    for dim in other:
        if dim not in ("ContentsCode", "Civilstand") and len(dimensions[dim]["category"]["index"]) > 1:
            raise FileRejected(_("The dataset has a dimension %(dim)s with several values; select one.") % {"dim": dim})
    contents = dimensions.get("ContentsCode", {}).get("category", {}).get("index", {})
    if len(contents) > 1:
        raise FileRejected(_("The dataset has several contents (%(codes)s); select the population (Folkmängd) only.")
                           % {"codes": ", ".join(contents)})
    values = dataset.get("value")
    total = 1
    for size in sizes:
        total *= size
    if isinstance(values, dict):
        values = [values.get(str(i)) for i in range(total)]
    if not isinstance(values, list) or len(values) != total:
        raise FileRejected(_("The dataset has %(found)s values where its size gives %(expected)s: the file is "
                             "damaged or incomplete.") % {"found": len(values) if isinstance(values, list) else 0,
                                                          "expected": total})
    status = dataset.get("status") or {}
    if isinstance(status, list):
        status = {str(i): s for i, s in enumerate(status) if s}
    labels = dimensions[wanted["region"]]["category"].get("label", {})
    strides = [1] * len(sizes)
    for k in range(len(sizes) - 2, -1, -1):
        strides[k] = strides[k + 1] * sizes[k + 1]
    positions = {name: ids.index(dim) for name, dim in wanted.items()}
    summed = {}
    skipped_ages = set()
    for flat, value in enumerate(values):
        key = {name: categories[k][(flat // strides[k]) % sizes[k]] for name, k in positions.items()}
        where = _("cell %(index)s (Region %(region)s, Alder %(age)s, Kon %(sex)s, Tid %(year)s)") % {
            "index": flat, **key}
        age, sex = age_code(key["age"]), sex_code(key["sex"])
        if age is None:
            skipped_ages.add(key["age"])
            continue
        if sex is None:
            report.error(None, _("%(where)s: unknown sex code %(code)s") % {"where": where, "code": repr(key["sex"])})
            continue
        if not str(key["year"]).isdigit():
            report.error(None, _("%(where)s: %(year)s is not a year") % {"where": where, "year": repr(key["year"])})
            continue
        if value is None:
            report.error(None, _("%(where)s has no value (status %(status)s)")
                         % {"where": where, "status": repr(status.get(str(flat), ""))})
            continue
        if not isinstance(value, (int, float)) or isinstance(value, bool) or value < 0 or value != int(value):
            report.error(None, _("%(where)s: %(value)s is not a number of people") % {"where": where, "value": repr(value)})
            continue
        # Civil status (if not eliminated by the query) is summed away.
        cell = (key["region"], int(key["year"]), age, sex)
        if cell in summed:
            summed[cell][1] += int(value)
        else:
            summed[cell] = [where, int(value)]
    if skipped_ages:
        report.note(_("Age groups were left out (single years of age are kept): %(codes)s.")
                    % {"codes": ", ".join(sorted(skipped_ages))})
    for (region, year, age, sex), (where, count) in summed.items():
        yield PopulationRow(None, where, region, labels.get(region, region), year, age, sex, count)


def _dimension(ids, names):
    return next((d for d in ids if d in names), None)


def _csv(data, report):
    text, encoding = decode(data)
    lines = text.splitlines()
    header_index = next((i for i, line in enumerate(lines[:20]) if "region" in line.lower() and re.search(r"\d{4}", line)), None)
    if header_index is None:
        raise FileRejected(_("No header row was found (a row such as \"region\",\"ålder\",\"kön\",\"2024\"). "
                             "Download the table as \"comma separated with heading\" from SCB's statistical database."))
    header_line = lines[header_index]
    delimiter = max((";", ",", "\t"), key=header_line.count)
    rows = csv.reader(io.StringIO("\n".join(lines[header_index:])), delimiter=delimiter)
    header = [c.strip().lower() for c in next(rows)]
    report.note(_("Layout: SCB's CSV download, %(encoding)s, separated by %(delimiter)s.")
                % {"encoding": encoding, "delimiter": repr(delimiter)})
    try:
        region_col = header.index("region")
        age_col = next(i for i, c in enumerate(header) if c in ("ålder", "alder", "age"))
        sex_col = next(i for i, c in enumerate(header) if c in ("kön", "kon", "sex"))
    except (ValueError, StopIteration):
        raise FileRejected(_("The header must name the columns region, ålder and kön; it has %(columns)s.")
                           % {"columns": ", ".join(header)}, line=header_index + 1) from None
    year_cols = []
    for index, cell in enumerate(header):
        found = re.search(r"(?:^|\s)(\d{4})$", cell)
        if found and index not in (region_col, age_col, sex_col):
            year_cols.append((index, int(found.group(1))))
    if not year_cols:
        raise FileRejected(_("The header has no year columns."), line=header_index + 1)
    width = len(header)
    skipped_ages = set()
    for offset, row in enumerate(rows):
        line = header_index + 2 + offset
        if not any(c.strip() for c in row):
            break  # footnotes may follow a blank line
        if len(row) != width:
            report.error(line, _("expected %(expected)s fields, found %(found)s (a missing column?)")
                         % {"expected": width, "found": len(row)})
            continue
        region_text = row[region_col].strip()
        found = REGION_CELL.match(region_text)
        if found:
            region, name = found.group(1), found.group(2).strip()
        elif region_text.isdigit():
            region, name = region_text, ""
        else:
            region, name = "", region_text
        age, sex = age_code(row[age_col]), sex_code(row[sex_col])
        if age is None:
            skipped_ages.add(row[age_col].strip())
            continue
        if sex is None:
            report.error(line, _("unknown sex %(value)s (expected män, kvinnor or totalt)") % {"value": repr(row[sex_col])})
            continue
        for index, year in year_cols:
            try:
                value = swedish_number(row[index])
            except NotANumber:
                report.error(line, _("column %(column)s (%(year)s): %(value)s is not a number")
                             % {"column": index + 1, "year": year, "value": repr(row[index].strip())})
                continue
            if value is None:
                report.error(line, _("column %(column)s (%(year)s): no figure (%(value)s)")
                             % {"column": index + 1, "year": year, "value": row[index].strip()})
                continue
            if value < 0 or value != int(value):
                report.error(line, _("column %(column)s (%(year)s): %(value)s is not a number of people")
                             % {"column": index + 1, "year": year, "value": row[index].strip()})
                continue
            yield PopulationRow(line, "", region, name, year, age, sex, int(value))
    if skipped_ages:
        report.note(_("Age groups were left out (single years of age are kept): %(codes)s.")
                    % {"codes": ", ".join(sorted(skipped_ages))})
