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


class TwoFactorMiddleware:
    """Until a signed-in person has given their second factor, send them to give it (or to set one up).

    A person with a confirmed device gives the code after the password; a
    signatory, administrator or staff member without one sets it up first.
    Others, without a device, pass (the session remembers that they have none,
    so the devices are not looked up on every request).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        from urllib.parse import quote

        from . import twofactor

        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and not user.is_verified():
            allowed = (reverse("accounts:two_factor"), reverse("accounts:two_factor_verify"),
                       reverse("accounts:password_change"), *ALWAYS_ALLOWED)
            if not request.path.startswith(allowed):
                target = None
                if request.session.get(twofactor.NO_DEVICE):
                    # Checked before: no device. A role given since then still requires one.
                    if twofactor.requires_two_factor(user):
                        target = "accounts:two_factor"
                        del request.session[twofactor.NO_DEVICE]
                elif twofactor.has_device(user):
                    target = "accounts:two_factor_verify"
                elif twofactor.requires_two_factor(user):
                    target = "accounts:two_factor"
                else:
                    request.session[twofactor.NO_DEVICE] = True
                if target:
                    next_path = request.get_full_path() if request.method == "GET" else ""
                    return redirect(reverse(target) + (f"?next={quote(next_path)}" if next_path else ""))
        return self.get_response(request)
