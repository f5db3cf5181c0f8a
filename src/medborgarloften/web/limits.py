"""Friendly limits: "Ange högst 2 147 483 647." instead of Django's "Kontrollera att detta värde är mindre än…".

Every number a form takes has a largest value, from its form field or from the
database column behind it (Django's model validators add the column's range).
The messages say what to type, with the limit written the Swedish way.
"""

from django.core import validators
from django.core.exceptions import ValidationError
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


def install():
    """Give the min/max validators of every form and model our messages (called once, from WebConfig.ready)."""
    for validator, message in ((validators.MaxValueValidator, MAX_MESSAGE), (validators.MinValueValidator, MIN_MESSAGE)):
        if getattr(validator, "_medborgarloften", False):
            continue
        validator.message = message
        validator.__call__ = _readable_limit(validator.__call__)
        validator._medborgarloften = True
