"""Ids that cannot be a database row are refused before they reach the database.

A path or form value such as 99999999999999999999999 fits no 64-bit integer:
SQLite raises OverflowError and PostgreSQL "integer out of range", which would
be a server error. URLs take ids through the ``id`` converter (at most 18
digits, so always within a 64-bit key), and every ModelChoiceField and
ModelMultipleChoiceField (our forms, ModelForms, the admin) refuses such a
value as an invalid choice.
"""

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import register_converter

MAX_ID_DIGITS = 18  # 10**18 - 1 < 2**63 - 1


class IdConverter:
    """A positive integer id of at most 18 digits (``<id:pk>``): longer ones match no URL (404)."""

    regex = f"[0-9]{{1,{MAX_ID_DIGITS}}}"

    def to_python(self, value):
        return int(value)

    def to_url(self, value):
        return str(value)


def fits_an_id(value):
    """True if ``value`` could be an integer key (or is no integer at all, left to the field's own checks)."""
    text = str(value).strip()
    # isdecimal, not isdigit: "²" is a digit that int() refuses.
    if text.lstrip("+-").isdecimal():
        return abs(int(text)) < 2**63
    return True


def _integer_key(field):
    key = field.queryset.model._meta.get_field(field.to_field_name) if field.to_field_name else field.queryset.model._meta.pk
    return isinstance(key, (models.AutoField, models.BigAutoField, models.IntegerField, models.BigIntegerField,
                            models.SmallIntegerField, models.PositiveIntegerField))


def _bounded_to_python(original):
    def to_python(self, value):
        if value not in self.empty_values and _integer_key(self) and not fits_an_id(value):
            raise ValidationError(self.error_messages["invalid_choice"], code="invalid_choice")
        return original(self, value)
    return to_python


def _bounded_check_values(original):
    def _check_values(self, value):
        if _integer_key(self):
            try:
                values = list(value)
            except TypeError:
                values = [value]
            for item in values:
                if not fits_an_id(item):
                    raise ValidationError(self.error_messages["invalid_choice"], code="invalid_choice", params={"value": item})
        return original(self, value)
    return _check_values


def install():
    """Register the ``id`` URL converter and bound the model choice fields (called once from WebConfig.ready)."""
    register_converter(IdConverter, "id")
    if not getattr(forms.ModelChoiceField, "_bounded", False):
        forms.ModelChoiceField.to_python = _bounded_to_python(forms.ModelChoiceField.to_python)
        forms.ModelMultipleChoiceField._check_values = _bounded_check_values(forms.ModelMultipleChoiceField._check_values)
        forms.ModelChoiceField._bounded = True
