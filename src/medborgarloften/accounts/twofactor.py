"""Two-factor sign-in with django-otp: a TOTP app and one-time recovery codes.

* Who must use it: signatories and administrators (a membership in force
  today), and the site's staff (``requires_two_factor``). They are sent to the
  set-up page before they can use the workspace. Anyone else may set it up.
* Signing in: the password first (the sign-in page), then, for a person with a
  confirmed device, the code (``/konto/tvastegsverifiering/kod/``); until the
  code is given every page sends the person there (``TwoFactorMiddleware``).
* Official acts (signing a promise version) need a recent authentication: the
  password, and the code if the person has a device, within
  ``REAUTHENTICATION_SECONDS`` (5 minutes). Signing in counts; otherwise the
  person confirms their identity again on ``/konto/bekrafta-identitet/``.
"""

import time

import segno
from django.conf import settings
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp import login as otp_login
from django_otp import match_token, user_has_device
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from .models import Membership
from .selectors import current_memberships

REAUTHENTICATED_AT = "medborgarloften_authenticated_at"
NO_DEVICE = "medborgarloften_no_second_factor"
RECOVERY_CODES = 10
SECOND_FACTOR_ROLES = (Membership.Role.SIGNATORY, Membership.Role.ADMINISTRATOR)


def requires_two_factor(person):
    """True if ``person`` must sign in with a second factor: a signatory, an administrator or the site's staff."""
    if not getattr(person, "is_authenticated", False):
        return False
    if person.is_staff or person.is_superuser:
        return True
    return any(m.role in SECOND_FACTOR_ROLES for m in current_memberships(person))


def has_device(person):
    """True if ``person`` has a confirmed second factor."""
    return user_has_device(person, confirmed=True)


def totp_device(person):
    """Return the person's confirmed TOTP device, or None."""
    return TOTPDevice.objects.filter(user=person, confirmed=True).first()


def pending_totp_device(person):
    """Return the person's unconfirmed TOTP device being set up (made once; its secret stays until confirmed)."""
    device = TOTPDevice.objects.filter(user=person, confirmed=False).first()
    if device is None:
        device = TOTPDevice.objects.create(user=person, name="app", confirmed=False)
    return device


def secret_of(device):
    """The device's secret in base32, in groups of four (as typed into an authenticator app)."""
    from base64 import b32encode

    text = b32encode(device.bin_key).decode().rstrip("=")
    return " ".join(text[i:i + 4] for i in range(0, len(text), 4))


def qr_svg(device):
    """The otpauth:// address of ``device`` as an inline SVG QR code (no JavaScript, no image request)."""
    return segno.make(device.config_url, error="m").svg_inline(scale=4, title="QR")


def mark_authenticated(request):
    """Note that the person proved who they are just now (password, and code if they have a device)."""
    request.session[REAUTHENTICATED_AT] = time.time()


def recently_authenticated(request):
    """True if the person proved who they are within ``REAUTHENTICATION_SECONDS``."""
    at = request.session.get(REAUTHENTICATED_AT)
    return isinstance(at, (int, float)) and 0 <= time.time() - at <= settings.REAUTHENTICATION_SECONDS


def verify_code(request, person, code):
    """Check ``code`` against the person's devices (app code or recovery code); on success mark the session verified."""
    code = "".join(str(code or "").split())
    if not code or len(code) > 16:
        return None
    device = match_token(person, code)
    if device is not None:
        otp_login(request, device)
        request.session.pop(NO_DEVICE, None)
    return device


def new_recovery_codes(person):
    """Replace the person's recovery codes with ten new ones; return them (shown once)."""
    device, _ = StaticDevice.objects.get_or_create(user=person, name="recovery", defaults={"confirmed": True})
    device.token_set.all().delete()
    codes = [StaticToken.random_token() for _ in range(RECOVERY_CODES)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    return codes


def is_verified_session(request):
    return bool(request.session.get(DEVICE_ID_SESSION_KEY))
