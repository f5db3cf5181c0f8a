"""Query parameters every page reads the same way.

A bad value is answered alike everywhere: ``400 Bad Request`` with a page that
says what was wrong (web.views.bad_request shows the message), never a 404 on
one page, a silent default on another, or a crash on a third.
"""

from django.core.exceptions import BadRequest
from django.utils.translation import gettext as _

MIN_YEAR = 2000
MAX_YEAR = 2100


class InvalidParameter(BadRequest):
    """A query parameter that cannot be understood; its message is shown to the visitor."""


def year_param(request, name="ar"):
    """Return the year in ``?ar=`` as an int, None if absent or empty; InvalidParameter for anything else."""
    value = request.GET.get(name, "").strip()
    if not value:
        return None
    if not (value.isascii() and value.isdigit() and len(value) == 4 and MIN_YEAR <= int(value) <= MAX_YEAR):
        raise InvalidParameter(_("The year must be a year from %(first)s to %(last)s, for example 2017.")
                               % {"first": MIN_YEAR, "last": MAX_YEAR})
    return int(value)
