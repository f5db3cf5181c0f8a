"""CSV for spreadsheets and scripts: one line per record (or per item of the list a view expands), flat columns.

Choices (README, "Open data"):

* UTF-8 with a byte-order mark, so Excel opens it with å, ä and ö intact;
* ``;`` between fields (what Excel expects in a Swedish locale, and what the
  site's other CSV exports use), lines ending in CRLF (RFC 4180);
* numbers as in the JSON, with a decimal point (one spelling for programs);
  empty for null, ``true``/``false`` for booleans;
* nested objects become dotted columns (``municipality.code``); a list of
  plain values is joined with ``|``; a view may name one list of objects
  (``csv_expand``, e.g. a promise's commitments and their activities) to be
  written one line per item with the record's own columns repeated; other
  lists of objects are left to their own endpoints (listed in the docs);
* text a spreadsheet would run as a formula (starting with ``=``, ``+``,
  ``-``, ``@``, a tab or a carriage return) gets a leading apostrophe.
"""

import csv
import io

from rest_framework.renderers import BaseRenderer

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def cell(value):
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return str(value)
    text = str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def flatten(record, prefix=""):
    """Return the record's plain values as {dotted column: value}; lists of objects are left out."""
    flat = {}
    for key, value in record.items():
        name = f"{prefix}{key}"
        if isinstance(value, dict):
            flat.update(flatten(value, f"{name}."))
        elif isinstance(value, list):
            if all(not isinstance(v, (dict, list)) for v in value):
                flat[name] = "|".join(cell(v) for v in value)
        else:
            flat[name] = value
    return flat


def expand(record, path, prefix=""):
    """Yield one flat row per item at the end of ``path``, the parents' columns repeated.

    ``path`` is a tuple of (list field, column prefix) pairs, e.g.
    ``(("commitments", "commitment"), ("activities", "activity"))``. A parent
    whose list is empty still gives one line, with the item's columns empty.
    """
    own = flatten(record, prefix)
    if not path:
        yield own
        return
    (field, name), rest = path[0], path[1:]
    items = record.get(field) or []
    if not items:
        yield own
        return
    for item in items:
        for row in expand(item, rest, f"{prefix}{name}."):
            yield {**own, **row}


def columns_of(serializer, path=(), prefix=""):
    """Return the CSV columns of ``serializer``'s records in field order (so an empty page still has its header)."""
    from rest_framework import serializers

    columns = []
    expanded = dict(path[:1])
    for name, field in serializer.fields.items():
        column = f"{prefix}{name}"
        if isinstance(field, serializers.ListSerializer):
            if name in expanded:
                columns += columns_of(field.child, path[1:], f"{prefix}{expanded[name]}.")
        elif isinstance(field, serializers.BaseSerializer):
            columns += columns_of(field, (), f"{column}.")
        elif isinstance(field, serializers.ListField) and isinstance(field.child, (serializers.ListField, serializers.DictField, serializers.BaseSerializer)):
            continue
        else:
            columns.append(column)
    return columns


class FlatCSVRenderer(BaseRenderer):
    media_type = "text/csv"
    format = "csv"
    charset = "utf-8"
    render_style = "text"

    def render(self, data, accepted_media_type=None, renderer_context=None):
        renderer_context = renderer_context or {}
        view = renderer_context.get("view")
        response = renderer_context.get("response")
        if isinstance(data, dict) and "results" in data and isinstance(data["results"], list):
            records = data["results"]
        elif isinstance(data, list):
            records = data
        elif data is None:
            records = []
        else:
            records = [data]
        success = response is None or response.status_code < 400
        path = tuple(getattr(view, "csv_expand", ()) or ()) if success else ()
        rows = [row for record in records for row in expand(record, path)]
        columns = []
        if success and getattr(view, "csv_columns", None):
            columns = list(view.csv_columns)
        elif success and view is not None and hasattr(view, "get_serializer_class"):
            columns = columns_of(view.get_serializer_class()(), path)
        for row in rows:
            for column in row:
                if column not in columns:
                    columns.append(column)
        buffer = io.StringIO()
        buffer.write("\ufeff")
        writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
        writer.writerow(columns)
        for row in rows:
            writer.writerow([cell(row.get(column)) for column in columns])
        if response is not None and response.status_code < 400 and view is not None:
            name = getattr(view, "csv_filename", None)
            if name:
                response["Content-Disposition"] = f'attachment; filename="{name}.csv"'
        return buffer.getvalue().encode("utf-8")
