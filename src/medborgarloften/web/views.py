"""The workspace start page and the error pages every app shares."""

from django.contrib.auth.decorators import login_required
from django.http import HttpResponseServerError
from django.shortcuts import redirect, render
from django.templatetags.static import static
from django.template import loader
from django.utils.translation import gettext as _

from medborgarloften.core.params import InvalidParameter

from .registry import sections_for


@login_required
def workspace(request):
    """One start page per person: every section the apps registered that has something for them."""
    return render(request, "web/workspace.html", {"sections": sections_for(request)})


def favicon(request):
    """Browsers ask for /favicon.ico whatever the page says: send them to the SVG icon."""
    return redirect(static("web/favicon.svg"))


def _error(request, status, title, message):
    return render(request, "web/error.html", {"title": title, "message": message}, status=status)


def bad_request(request, exception):
    # Never touches request.POST/body: the request may be unreadable (a bad charset, say).
    if isinstance(exception, InvalidParameter):
        return _error(request, 400, _("Bad request"), str(exception))
    return _error(request, 400, _("Bad request"), _("The request could not be understood. Go back and try again."))


def permission_denied(request, exception):
    return _error(request, 403, _("Not allowed"), _("You do not have permission to do this."))


def page_not_found(request, exception):
    return _error(request, 404, _("Page not found"), _("The page you asked for does not exist or is not public."))


def ratelimited(request, exception):
    return _error(request, 429, _("Too many attempts"),
                  _("You have tried too many times in a short while. Wait a minute and try again."))


def server_error(request):
    # Rendered without a request context: the error may have come from the database or a context processor.
    return HttpResponseServerError(loader.get_template("500.html").render())
