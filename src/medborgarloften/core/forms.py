"""Helpers shared by every app's views and forms."""

from django import forms


class DateInput(forms.DateInput):
    """A date field the browser shows as a date picker (ISO dates, which every browser reads)."""

    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


def posted(request):
    """Return the POST data to bind a form with, or None on other methods.

    ``request.POST or None`` would leave a form unbound (so silently "not
    submitted") when a POST arrives with no fields at all.
    """
    return request.POST if request.method == "POST" else None


def add_service_errors(form, error):
    """Show a service's ValidationError on ``form``: on its field if the form has it, else above the form."""
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)
