"""Friendly limits: "Ange högst 2 147 483 647." instead of Django's "Kontrollera att detta värde är mindre än…".

Every number a form takes has a largest value, from its form field or from the
database column behind it (Django's model validators add the column's range).
The messages say what to type, with the limit written the Swedish way.
"""

from django import forms
from django.core import validators
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from .templatetags.swedish import swedish_number

MAX_MESSAGE = _("Enter at most %(limit_value)s.")
MIN_MESSAGE = _("Enter at least %(limit_value)s.")


def _readable_limit(check):
    def __call__(self, value):
        try:
            check(self, value)
        except ValidationError as error:
            if getattr(error, "params", None) and "limit_value" in error.params:
                error.params = {**error.params, "limit_value": swedish_number(error.params["limit_value"])}
            raise

    return __call__


def _formfield_with_range(formfield):
    """A model integer field's form field takes the column's range, so the form says "Ange högst …" itself.

    Many of our model forms leave model validation to the services; without
    this, a number beyond the column reached the database (an OverflowError on
    SQLite, a DataError on PostgreSQL) before anything said it was too large.
    """
    def wrapped(self, **kwargs):
        for validator in self.validators:
            if isinstance(validator, validators.MaxValueValidator) and not callable(validator.limit_value):
                kwargs.setdefault("max_value", validator.limit_value)
            elif isinstance(validator, validators.MinValueValidator) and not callable(validator.limit_value):
                kwargs.setdefault("min_value", validator.limit_value)
        field = formfield(self, **kwargs)
        return field

    return wrapped


def _choice_beyond_any_id(check):
    """An id no database column can hold is not among the choices (instead of an OverflowError from the database)."""
    def wrapped(self, value):
        try:
            return check(self, value)
        except OverflowError:
            raise ValidationError(self.error_messages["invalid_choice"], code="invalid_choice",
                                  params={"value": value}) from None

    return wrapped


def install():
    """Give the min/max validators of every form and model our messages (called once, from WebConfig.ready)."""
    if getattr(models.IntegerField, "_medborgarloften", False):
        return
    models.IntegerField._medborgarloften = True
    models.IntegerField.formfield = _formfield_with_range(models.IntegerField.formfield)
    forms.ModelChoiceField.to_python = _choice_beyond_any_id(forms.ModelChoiceField.to_python)
    forms.ModelMultipleChoiceField._check_values = _choice_beyond_any_id(forms.ModelMultipleChoiceField._check_values)
    for validator, message in ((validators.MaxValueValidator, MAX_MESSAGE), (validators.MinValueValidator, MIN_MESSAGE)):
        validator.message = message
        validator.__call__ = _readable_limit(validator.__call__)
