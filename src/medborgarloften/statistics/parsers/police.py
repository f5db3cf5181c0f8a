"""polisen.se's open events feed (``/api/events``): a JSON array of events (FORMATS.md §1).

The array is read as a stream with the standard library's
``json.JSONDecoder.raw_decode`` over a sliding buffer, so a file of a million
events never sits in memory whole, and every element keeps the line it starts
on (the feed is one line; files saved by people and tools often are not).
ijson was measured against it (FORMATS.md §4.1): as fast with its C backend,
18 times slower with its pure-Python fallback, and its errors carry no line
number, so the standard library wins.
"""

import codecs
import datetime
import json
import re
from decimal import Decimal

from django.utils.translation import gettext as _

from . import FileRejected

CHUNK = 1 << 16
WHITESPACE = re.compile(r"[ \t\r\n]*")

# "2025-06-07 7:32:06 +02:00": the hour is not zero-padded and a space comes
# before the offset, so datetime.fromisoformat() refuses it. The pattern plus
# the datetime constructor reads exactly what strptime("%Y-%m-%d %H:%M:%S %z")
# reads (a test checks this) at a fifth of its cost, which counts at a million rows.
DATETIME = re.compile(r"^(\d{4})-(\d{2})-(\d{2}) (\d{1,2}):(\d{2}):(\d{2}) ([+-])(\d{2}):(\d{2})$")
GPS = re.compile(r"^(-?\d{1,3}(?:\.\d+)?),(-?\d{1,3}(?:\.\d+)?)$")
_zones = {}


def iter_array(stream, *, chunk_size=CHUNK):
    """Yield (line, element) for each element of the top-level JSON array in the binary ``stream``.

    Raises FileRejected for anything but an array (an HTML error page, say),
    for invalid JSON and for a file that ends before the array does.
    """
    decoder = json.JSONDecoder()
    reader = codecs.getincrementaldecoder("utf-8-sig")(errors="strict")
    buffer, position, line, counted = "", 0, 1, 0  # ``line`` is the line of buffer[counted]
    started = eof = False

    def line_at(index):
        return line + buffer.count("\n", counted, index)

    while True:
        if not eof:
            raw = stream.read(chunk_size)
            eof = not raw
            line += buffer.count("\n", counted, position)
            try:
                buffer = buffer[position:] + reader.decode(raw, final=eof)
            except UnicodeDecodeError:
                raise FileRejected(_("The file is not UTF-8 text."), line=line) from None
            position = counted = 0
        position = WHITESPACE.match(buffer, position).end()
        if not started:
            if position >= len(buffer):
                if eof:
                    raise FileRejected(_("The file is empty."))
                continue
            if buffer[position] != "[":
                if buffer[position] == "<":
                    raise FileRejected(_("The file is an HTML page, not the events feed's JSON (the server may "
                                         "have refused the request)."), line=line_at(position))
                raise FileRejected(_("The file does not start with a JSON array ('[')."), line=line_at(position))
            position += 1
            started = True
            position = WHITESPACE.match(buffer, position).end()
            if position < len(buffer) and buffer[position] == "]":
                return
        while True:
            position = WHITESPACE.match(buffer, position).end()
            if position >= len(buffer):
                break
            try:
                element, end = decoder.raw_decode(buffer, position)
            except json.JSONDecodeError as error:
                if eof:
                    raise _broken(error, line_at(error.pos) if error.pos <= len(buffer) else line_at(len(buffer))) from None
                break  # the element continues in the next chunk
            following = WHITESPACE.match(buffer, end).end()
            if following >= len(buffer) and not eof:
                break  # a number may go on in the next chunk: decide when more has come
            element_line = line_at(position)
            line += buffer.count("\n", counted, position)
            counted = position
            yield element_line, element
            position = following
            if position >= len(buffer):
                raise FileRejected(_("The file ends before the JSON array is closed: it is incomplete (a download "
                                     "cut short?)."), line=line_at(len(buffer)))
            if buffer[position] == ",":
                position += 1
            elif buffer[position] == "]":
                if WHITESPACE.match(buffer, position + 1).end() < len(buffer):
                    raise FileRejected(_("There is text after the end of the JSON array."), line=line_at(position))
                return
            else:
                raise FileRejected(_("Expected ',' or ']' after an event."), line=line_at(position))
        if eof:
            raise FileRejected(_("The file ends before the JSON array is closed: it is incomplete (a download "
                                 "cut short?)."), line=line_at(len(buffer)))


def _broken(error, line):
    if error.msg.startswith(("Unterminated", "Expecting")) and error.pos >= len(error.doc) - 1:
        return FileRejected(_("The file ends in the middle of an event: it is incomplete (a download cut short?)."),
                            line=line)
    return FileRejected(_("Invalid JSON: %(problem)s.") % {"problem": error.msg}, line=line)


def parse_datetime(text):
    """Return the aware datetime in a feed ``datetime`` string; raise ValueError if it is not one."""
    found = DATETIME.match(text)
    if not found:
        raise ValueError(text)
    y, mo, d, h, mi, s, sign, oh, om = found.groups()
    key = (sign, oh, om)
    zone = _zones.get(key)
    if zone is None:
        offset = datetime.timedelta(hours=int(oh), minutes=int(om))
        zone = _zones[key] = datetime.timezone(-offset if sign == "-" else offset)
    return datetime.datetime(int(y), int(mo), int(d), int(h), int(mi), int(s), tzinfo=zone)


def _text(event, key, line, report, *, required=True):
    value = event.get(key)
    if value is None and not required:
        return ""
    if not isinstance(value, str) or (required and not value.strip()):
        report.error(line, _("the event has no %(field)s text") % {"field": key})
        return None
    return value


def read_event(line, event, report):
    """Return a dict of the fields of one feed ``event``, or None after reporting what is wrong with it."""
    if not isinstance(event, dict):
        report.error(line, _("an element of the array is not an event object"))
        return None
    ok = True
    event_id = event.get("id")
    if isinstance(event_id, bool) or not isinstance(event_id, int) or event_id <= 0:
        report.error(line, _("the id must be a positive whole number, found %(value)s") % {"value": json.dumps(event_id)})
        ok = False
    raw_time = event.get("datetime")
    try:
        published_at = parse_datetime(raw_time) if isinstance(raw_time, str) else None
    except ValueError:
        published_at = None
    if published_at is None:
        report.error(line, _("the datetime %(value)s is not in the feed's form \"2025-06-07 7:32:06 +02:00\"")
                     % {"value": json.dumps(raw_time, ensure_ascii=False)})
        ok = False
    name, kind = _text(event, "name", line, report), _text(event, "type", line, report)
    summary, url = _text(event, "summary", line, report, required=False), _text(event, "url", line, report, required=False)
    location = event.get("location")
    latitude = longitude = None
    location_name = None
    if not isinstance(location, dict) or not isinstance(location.get("name"), str):
        report.error(line, _("the event has no location name"))
        ok = False
    else:
        location_name = location["name"]
        gps = location.get("gps") or ""
        if not isinstance(gps, str):
            gps = None
        found = GPS.match(gps.strip()) if gps is not None else None
        if gps is None or (gps.strip() and not found):
            report.error(line, _("the coordinates %(value)s are not \"latitude,longitude\" with decimal points")
                         % {"value": json.dumps(location.get("gps"), ensure_ascii=False)})
            ok = False
        elif found:
            latitude, longitude = Decimal(found.group(1)), Decimal(found.group(2))
            if not (-90 <= latitude <= 90 and -180 <= longitude <= 180):
                report.error(line, _("the coordinates %(value)s lie outside the globe") % {"value": gps})
                ok = False
    if not ok or None in (name, kind, summary, url):
        return None
    return {
        "id": event_id, "published_at": published_at, "name": name[:500], "summary": summary, "url": url[:500],
        "type": kind[:100], "location_name": location_name[:200], "latitude": latitude, "longitude": longitude,
    }


def title_place(name):
    """Return the place at the end of an event title ("06 juni 18.50, Trafikbrott, Kungsör" → "Kungsör")."""
    return name.rsplit(",", 1)[-1].strip() if "," in name else ""


class IdSet:
    """The ids seen in one file, in memory that grows with the largest id rather than with the file.

    The feed's ids are whole numbers below ten million, so a bitmap holds them
    in at most 32 MB; the rare larger id goes to a set.
    """

    LIMIT = 1 << 28

    def __init__(self):
        self.bits = bytearray()
        self.large = set()

    def add(self, value):
        """Add ``value``; return True if it was already there."""
        if value >= self.LIMIT:
            seen = value in self.large
            self.large.add(value)
            return seen
        byte, bit = divmod(value, 8)
        if byte >= len(self.bits):
            self.bits.extend(bytes(max(byte + 1 - len(self.bits), len(self.bits))))
        seen = bool(self.bits[byte] & (1 << bit))
        self.bits[byte] |= 1 << bit
        return seen
