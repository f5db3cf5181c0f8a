"""Hooks for the OpenAPI description (drf-spectacular)."""


def drop_format_suffixes(endpoints, **kwargs):
    """Leave out the ``.csv``/``.json`` twins of each path: ``?format=`` is documented on the path itself."""
    return [endpoint for endpoint in endpoints if "{format}" not in endpoint[0]]


CSV_SCHEMA = {
    "type": "string",
    "description": "UTF-8 with a byte-order mark, `;` between fields, CRLF line ends, a header line; "
                   "one line per record (or per item of the list the endpoint expands).",
}


def csv_as_text(result, **kwargs):
    """Describe the CSV answers as what they are (text), not as the JSON's structure."""
    for path in result.get("paths", {}).values():
        for operation in path.values():
            for response in operation.get("responses", {}).values():
                content = response.get("content", {})
                if "text/csv" in content:
                    content["text/csv"] = {"schema": dict(CSV_SCHEMA)}
    return result
