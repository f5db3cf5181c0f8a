"""Helpers shared by every app's views and forms."""


def posted(request):
    """Return the POST data to bind a form with, or None on other methods.

    ``request.POST or None`` would leave a form unbound (so silently "not
    submitted") when a POST arrives with no fields at all.
    """
    return request.POST if request.method == "POST" else None
