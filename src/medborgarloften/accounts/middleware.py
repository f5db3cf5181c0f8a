"""What a signed-in person must do before anything else: change a one-time password."""

from django.contrib import messages
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _

# Paths a person who must change their password may still reach.
ALWAYS_ALLOWED = ("/static/", "/sprak/", "/konto/logga-ut/")


class PasswordChangeRequiredMiddleware:
    """Send a person signed in with a one-time password to the password change page until they have changed it."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and getattr(user, "must_change_password", False):
            target = reverse("accounts:password_change")
            if request.path != target and not request.path.startswith(ALWAYS_ALLOWED):
                if request.method == "GET":
                    messages.info(request, _("You signed in with a one-time password: choose a password of your own first."))
                return redirect(target)
        return self.get_response(request)
