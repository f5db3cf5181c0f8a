"""Readers for the statistics sources in their real formats (see ../FORMATS.md).

Readers only read: each yields plain rows with the line they came from and
reports problems to a :class:`Report`. A problem with one row is an error on
that row (the reader goes on, so the person sees every error at once); a
problem with the file as a whole (wrong encoding, no header, truncated) raises
:class:`FileRejected`. Nothing here touches the database.
"""

from dataclasses import dataclass, field

from django.utils.translation import gettext as _

# Errors kept for display; every error is still counted.
MAX_ERRORS = 200


class FileRejected(Exception):
    """The file as a whole cannot be read; ``line`` is where the reader gave up (None: the whole file)."""

    def __init__(self, message, *, line=None):
        super().__init__(message)
        self.message = message
        self.line = line


@dataclass
class Report:
    """What a reader found besides its rows: errors by line, names it could not match, notes."""

    errors: list = field(default_factory=list)
    error_count: int = 0
    unmatched: dict = field(default_factory=dict)
    notes: list = field(default_factory=list)

    def error(self, line, message):
        self.error_count += 1
        if len(self.errors) < MAX_ERRORS:
            self.errors.append({"line": line, "message": message})

    def note(self, message):
        if message not in self.notes:
            self.notes.append(message)

    def unmatched_name(self, name, line):
        entry = self.unmatched.setdefault(name, {"count": 0, "first_line": line})
        entry["count"] += 1

    def error_lines(self):
        """Return the errors as "line N: message" strings (as the command line prints them)."""
        return [format_error(e) for e in self.errors]


def format_error(error):
    if error.get("line") is None:
        return error["message"]
    return _("line %(line)s: %(message)s") % error
