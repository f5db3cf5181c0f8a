"""Decoding Swedish CSV exports and reading their numbers (FORMATS.md §4.3 and §2.5)."""

import re
import unicodedata
from decimal import Decimal, InvalidOperation

from django.utils.translation import gettext as _

from . import FileRejected

# Text that was UTF-8, decoded as Windows-1252 and saved again ("AnmÃ¤lda").
MOJIBAKE = re.compile("Ã[\u0080-\u00bf\u2018-\u203a\u0152-\u0178]|â€|Â\u00a0")


def decode(data):
    """Return (text, encoding) for the bytes of a CSV export: UTF-8 (with or without BOM) or Windows-1252.

    Raises FileRejected for UTF-16 ("Unicode text" from Excel), binary files
    and double-encoded text. The text is NFC-normalised, so names compare
    equal however the exporting program composed å, ä and ö.
    """
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise FileRejected(_("The file is in UTF-16 (Excel's \"Unicode text\"). Save it as \"CSV UTF-8\" or "
                             "\"CSV (semicolon separated)\" and upload it again."))
    if b"\x00" in data[:4096]:
        raise FileRejected(_("The file is not a text file (it contains NUL bytes)."))
    if data.startswith(b"\xef\xbb\xbf"):
        encoding, text = "utf-8-sig", data[3:].decode("utf-8", errors="strict")
    else:
        try:
            encoding, text = "utf-8", data.decode("utf-8")
        except UnicodeDecodeError:
            # cp1252, not latin-1: it also maps the en dash and ellipsis that Brå's texts contain.
            encoding, text = "cp1252", data.decode("cp1252", errors="replace")
    found = MOJIBAKE.search(text)
    if found:
        line = text.count("\n", 0, found.start()) + 1
        raise FileRejected(
            _("The text is double-encoded (it shows \"%(sample)s\" where å, ä or ö belong): the file was "
              "saved as UTF-8 after being read as Windows-1252. Export it again from the source.")
            % {"sample": text[found.start():found.start() + 8].strip()}, line=line)
    return unicodedata.normalize("NFC", text), encoding


NUMBER = re.compile(r"^-?\d{1,3}(?:[ \u00a0\u202f]\d{3})+(?:[,.]\d+)?$|^-?\d+(?:[,.]\d+)?$")
MISSING = {"..", "…"}
ZERO = {"-", "–", "—"}
NOT_APPLICABLE = {"."}


class NotANumber(ValueError):
    pass


def swedish_number(text):
    """Return the Decimal in ``text`` (thousands with spaces or NBSP, decimal comma or point), or None for ".." and ".".

    "-" (nothing to report) is zero. Anything else that is not a number
    raises NotANumber: a figure is never guessed.
    """
    value = text.strip()
    if value in MISSING or value in NOT_APPLICABLE:
        return None
    if value in ZERO:
        return Decimal(0)
    if not NUMBER.match(value):
        raise NotANumber(value)
    cleaned = value.replace(" ", "").replace("\u00a0", "").replace("\u202f", "").replace(",", ".")
    try:
        return Decimal(cleaned)
    except InvalidOperation:  # pragma: no cover - the pattern admits only numbers
        raise NotANumber(value) from None


def clean_label(text):
    """Return a table label without NBSP indentation and without a footnote digit glued to its last word."""
    label = re.sub(r"\s+", " ", text.replace("\u00a0", " ")).strip()
    return re.sub(r"(?<=[A-Za-zÅÄÖåäöÉé)])\d$", "", label).strip()


def indentation(text):
    """Return how deep a label is indented (NBSP or spaces), as Brå shows its tree of crime types."""
    return len(text) - len(text.lstrip(" \u00a0"))
