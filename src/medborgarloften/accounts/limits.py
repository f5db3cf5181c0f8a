"""Sign-in rate limits that a stranger cannot use to lock a person out.

Three counters, each in the shared cache (django-ratelimit's windows):

* per address and username pair (``LOGIN_RATE``, 10 a minute): guesses at one
  account from one address;
* per address (``LOGIN_ADDRESS_RATE``, 30 a minute): one address trying many
  accounts;
* per username (``LOGIN_USERNAME_RATE``, 30 an hour): guesses at one account
  spread over many addresses. A browser where the person has signed in before
  carries a signed *known device* cookie naming them, and is exempt from this
  counter: guesses made elsewhere never lock the person out of their own
  browser (OWASP's "device cookies"); the pair limit still holds there.

The username is counted as sign-in resolves it (``normalise_username``), so
" kso.ostersund", "kso.ostersund\\t" or full-width letters count as the same
account.
"""

import unicodedata

from django.conf import settings
from django.core import signing
from django_ratelimit.core import is_ratelimited
from django_ratelimit.exceptions import Ratelimited

from medborgarloften.web.middleware import client_ip

DEVICE_COOKIE = "mbl_kand_enhet"
DEVICE_SALT = "medborgarloften.accounts.known-device"
DEVICE_MAX_AGE = 180 * 24 * 3600
DEVICE_MAX_NAMES = 5


def normalise_username(value):
    """Return ``value`` as sign-in resolves it: NFKC (as Django's UsernameField), stripped, case-folded."""
    return unicodedata.normalize("NFKC", str(value or "")).strip().casefold()


def known_usernames(request):
    """Return the normalised usernames that have signed in on this browser (from the signed device cookie)."""
    try:
        names = request.get_signed_cookie(DEVICE_COOKIE, salt=DEVICE_SALT, max_age=DEVICE_MAX_AGE)
    except (KeyError, signing.BadSignature, ValueError):
        return []
    return [n for n in names.split("\n") if n][:DEVICE_MAX_NAMES]


def remember_device(request, response, username):
    """Mark this browser as one ``username`` signs in on (newest first, a few names at most)."""
    name = normalise_username(username)
    names = [name, *[n for n in known_usernames(request) if n != name]][:DEVICE_MAX_NAMES]
    response.set_signed_cookie(
        DEVICE_COOKIE, "\n".join(names), salt=DEVICE_SALT, max_age=DEVICE_MAX_AGE,
        secure=settings.SESSION_COOKIE_SECURE, httponly=True, samesite="Lax",
    )


def check_login_limits(request, username):
    """Count one sign-in attempt for ``username`` from this request's address; raise Ratelimited past a limit."""
    name = normalise_username(username)
    address = client_ip(request)
    limits = [
        ("login-pair", f"{address}\n{name}", settings.LOGIN_RATE),
        ("login-address", address, settings.LOGIN_ADDRESS_RATE),
    ]
    if name not in known_usernames(request):
        limits.append(("login-username", name, settings.LOGIN_USERNAME_RATE))
    limited = False
    for group, value, rate in limits:
        # Every counter counts the attempt, even when an earlier one already refuses it.
        if is_ratelimited(request, group=group, key=lambda _group, _request, value=value: value,
                          rate=rate, method="POST", increment=True):
            limited = True
    if limited:
        raise Ratelimited()


def login_rate_limited(view):
    """Apply ``check_login_limits`` to a sign-in view's POSTs (the site's and the admin's)."""
    def wrapped(request, *args, **kwargs):
        if request.method == "POST":
            check_login_limits(request, request.POST.get("username", ""))
        return view(request, *args, **kwargs)

    wrapped.__name__ = getattr(view, "__name__", "login")
    wrapped.__doc__ = view.__doc__
    return wrapped
