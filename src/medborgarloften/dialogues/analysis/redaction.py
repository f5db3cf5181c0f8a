"""Suggest where a comment names people or gives contact details, before it is published.

Patterns only suggest: the moderator sees the text with each finding
replaced by a marker such as "[namn]", and edits it before approving.
"""

import re
from dataclasses import dataclass

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext as _

_UPPER = "A-ZÅÄÖÉÜ"
_LOWER = "a-zåäöéüß"
_PLACE_WORDS = "gatan|vägen|gränd|gränden|stigen|allén|backen|plan|leden|torget|parken|skolan|centrum|kommun|län"
_PREFIXES = "Norra|Södra|Östra|Västra|Stora|Lilla|Gamla|Nya|Sankt|Övre|Nedre"
_STREET = "gatan|vägen|gränd|gränden|stigen|allén|backen|plan|leden"
# Capitalised words that start a sentence or name a shop or place, not a person.
_NOT_FIRST_NAMES = ("vid|utanför|i|på|det|den|där|när|mitt|min|vår|vårt|han|hon|de|vi|jag|efter|från|mellan|bakom|"
                    "ring|mvh|hälsningar|kontakta|ica|coop|willys|hemköp|lidl|systembolaget|stadsdelen|kommunen|"
                    "polisen|region|åre|östersund")
# Words that introduce a person's name: "heter Kalle", "grannen Stina", "Mvh Sara".
_CUES = "heter|kallas|grannen|granne|killen|tjejen|mannen|kvinnan|ring|mvh|hälsningar|namn är|dotter|dottern|son|sonen|grannpojken|grannflickan|kontakta"

PATTERNS = (
    # E-mail addresses.
    ("email", re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")),
    # Personal identity numbers: (19|20)YYMMDD-NNNN, YYMMDD+NNNN.
    ("personal_number", re.compile(r"(?<!\d)(?:19|20)?\d{6}[-+ ]?\d{4}(?!\d)")),
    # Swedish phone numbers: 070-123 45 67, 0701234567, +46 70 123 45 67, 08-12 34 56.
    ("phone", re.compile(r"(?<![\w+])(?:\+46[ -]?|0)(?:\(0\))?\d{1,3}[ -]?\d{2,3}(?:[ -]?\d{2}){1,3}(?!\d)")),
    # A street address with a number: Storgatan 12, Rådhusgatan 3B, Norra Gatan 2, lgh 1102.
    ("address", re.compile(
        rf"\b(?:(?:{_PREFIXES}) )?[{_UPPER}][{_LOWER}]*(?:{_STREET}) \d+(?: ?[A-Za-z]\b)?")),
    ("address", re.compile(
        rf"\b[{_UPPER}][{_LOWER}]+ (?i:{_STREET}) \d+(?: ?[A-Za-z]\b)?")),
    ("address", re.compile(r"\b(?i:lgh|lägenhet)\.? ?\d{4}\b")),
    # Registration numbers: ABC 123, ABC12D.
    ("registration", re.compile(r"\b[A-HJ-PR-UW-Z]{3} ?\d{2}[A-HJ-PR-UW-Z0-9]\b")),
    # A first name and a surname: "Anders Svensson", "Lisa Ek" (not "Norra Station", "Ica Torget").
    ("name", re.compile(
        rf"\b(?!(?:{_PREFIXES}|(?i:{_NOT_FIRST_NAMES}|{_CUES}))\b)[{_UPPER}][{_LOWER}]{{1,15}} "
        rf"(?![{_UPPER}][{_LOWER}]*(?:{_PLACE_WORDS})\b)[{_UPPER}][{_LOWER}]+\b")),
    # A name introduced as one: "heter Kalle", "grannen Stina", "Ring Maria".
    ("name", re.compile(
        rf"\b(?i:{_CUES}):? (?P<pd>[{_UPPER}][{_LOWER}]+(?: [{_UPPER}][{_LOWER}]+)?)")),
)


def _markers():
    return {
        "email": _("[e-mail]"),
        "personal_number": _("[personal identity number]"),
        "phone": _("[phone number]"),
        "address": _("[address]"),
        "registration": _("[registration number]"),
        "name": _("[name]"),
    }


@dataclass(frozen=True)
class Finding:
    kind: str
    start: int
    end: int
    text: str


def find_personal_data(text):
    """Return the non-overlapping Findings in ``text``, in order (earlier patterns win an overlap)."""
    taken, findings = [], []
    for kind, pattern in PATTERNS:
        for match in pattern.finditer(text):
            group = "pd" if "pd" in pattern.groupindex else 0
            start, end = match.span(group)
            if any(start < t_end and t_start < end for t_start, t_end in taken):
                continue
            taken.append((start, end))
            findings.append(Finding(kind, start, end, text[start:end]))
    return sorted(findings, key=lambda f: f.start)


def suggest_redaction(text):
    """Return (suggested text, findings): ``text`` with each finding replaced by a marker in the site's language."""
    findings = find_personal_data(text)
    with translation.override(settings.LANGUAGE_CODE):
        markers = _markers()
        parts, position = [], 0
        for finding in findings:
            parts.append(text[position:finding.start])
            parts.append(markers[finding.kind])
            position = finding.end
        parts.append(text[position:])
    return "".join(parts), findings
