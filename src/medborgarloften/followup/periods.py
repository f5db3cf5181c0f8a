"""Reporting periods: quarters, tertials, half-years and years, cut to a promise's period."""

import datetime

from django.utils.translation import gettext as _

from .models import Cadence

# Months per period for each cadence.
LENGTH = {Cadence.QUARTER: 3, Cadence.TERTIAL: 4, Cadence.HALF_YEAR: 6, Cadence.YEAR: 12}


def _label(cadence, index, year):
    if cadence == Cadence.QUARTER:
        return _("Quarter %(n)s %(year)s") % {"n": index, "year": year}
    if cadence == Cadence.TERTIAL:
        return _("Tertial %(n)s %(year)s") % {"n": index, "year": year}
    if cadence == Cadence.HALF_YEAR:
        return _("Half-year %(n)s %(year)s") % {"n": index, "year": year}
    return str(year)


def _month_end(year, month):
    following = datetime.date(year + (month == 12), month % 12 + 1, 1)
    return following - datetime.timedelta(days=1)


def periods(cadence, start, end):
    """Return the reporting periods (start, end, label) of ``cadence`` that touch [start, end], cut to it.

    ``end`` None (a promise running until replaced) stops at the end of the current year.
    """
    end = end or _month_end(datetime.date.today().year, 12)
    months = LENGTH[cadence]
    result = []
    for year in range(start.year, end.year + 1):
        for index, first_month in enumerate(range(1, 13, months), start=1):
            period_start = datetime.date(year, first_month, 1)
            period_end = _month_end(year, first_month + months - 1)
            if period_end < start or period_start > end:
                continue
            result.append((max(period_start, start), min(period_end, end), _label(cadence, index, year)))
    return result


def label_for(cadence, period_start, period_end, *, within):
    """Return the label of [period_start, period_end] if it is one of ``cadence``'s periods of ``within``, else the dates.

    ``within`` is the (start, end) of the promise, which cuts its first and last periods.
    """
    for candidate_start, candidate_end, label in periods(cadence, *within):
        if (candidate_start, candidate_end) == (period_start, period_end):
            return label
    return f"{period_start.isoformat()} – {period_end.isoformat()}"
