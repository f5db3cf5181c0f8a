"""Dated validity: a row that holds from one day to another (both inclusive), or open-ended.

Memberships, police coverage of municipalities and collaboration agreements
all change over time, and the history must stay readable: a row is ended, not
deleted, and questions are asked "on" a date.
"""

import datetime

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


def in_force_on(date, prefix=""):
    """Return the Q for rows in force on ``date``; ``prefix`` reaches them through a relation ("membership__")."""
    return Q(**{f"{prefix}valid_from__lte": date}) & (
        Q(**{f"{prefix}valid_to__isnull": True}) | Q(**{f"{prefix}valid_to__gte": date})
    )


def overlapping(valid_from, valid_to, prefix=""):
    """Return the Q for rows whose period shares at least one day with [valid_from, valid_to] (None: open-ended)."""
    q = Q(**{f"{prefix}valid_to__isnull": True}) | Q(**{f"{prefix}valid_to__gte": valid_from})
    if valid_to is not None:
        q &= Q(**{f"{prefix}valid_from__lte": valid_to})
    return q


class DatedQuerySet(models.QuerySet):
    def on(self, date=None):
        """Return the rows in force on ``date`` (today by default)."""
        return self.filter(in_force_on(date or timezone.localdate()))

    def overlapping(self, valid_from, valid_to):
        """Return the rows whose period shares a day with [valid_from, valid_to] (``valid_to`` None: open-ended)."""
        return self.filter(overlapping(valid_from, valid_to))


class Dated(models.Model):
    """Abstract: ``valid_from`` and an optional inclusive ``valid_to``, with ``.on(date)`` on the manager.

    Subclasses that declare their own ``Meta.constraints`` add
    ``Dated.ends_after_start(name)`` to them (a subclass's Meta replaces this one's).
    """

    valid_from = models.DateField(_("valid from"), default=datetime.date(2015, 1, 1))
    valid_to = models.DateField(_("valid to"), null=True, blank=True)

    objects = DatedQuerySet.as_manager()

    class Meta:
        abstract = True

    @staticmethod
    def ends_after_start(name):
        """Return the check constraint "valid_to is empty or not before valid_from" named ``name``."""
        return models.CheckConstraint(
            condition=Q(valid_to__isnull=True) | Q(valid_to__gte=models.F("valid_from")), name=name,
        )

    def is_in_force(self, date=None):
        date = date or timezone.localdate()
        return self.valid_from <= date and (self.valid_to is None or self.valid_to >= date)

    def clean(self):
        super().clean()
        if self.valid_from and self.valid_to and self.valid_to < self.valid_from:
            raise ValidationError(
                {"valid_to": ValidationError(_("The end date cannot be before the start date."), code="end_before_start")}
            )
