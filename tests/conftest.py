"""Settings every test runs with.

The project settings use WhiteNoise's manifest storage, which needs
``collectstatic`` to have run; tests use plain static storage instead. Rate
limits and the public page store are off unless a test turns them on with
``override_settings``.
"""

import pytest
from django.conf import settings
from django.test import override_settings


def _force_login_verified(original):
    """``Client.force_login(user, verified=True)``: signed in as after the whole sign-in, second factor included.

    Signatories, administrators and staff must sign in with two factors (accounts/twofactor.py): for them (and
    anyone with a device) the person gets a confirmed TOTP device and the session is marked verified with it,
    exactly the state the code page leaves; every session is marked freshly authenticated (as after sign-in), so
    signing needs no second confirmation. ``verified=False`` gives a session that has only passed the password,
    for the tests of two-factor sign-in itself.
    """
    def force_login(self, user, backend=None, *, verified=True):
        import time

        from django_otp import DEVICE_ID_SESSION_KEY
        from django_otp.plugins.otp_totp.models import TOTPDevice

        from medborgarloften.accounts import twofactor
        from medborgarloften.accounts.models import Membership

        original(self, user, backend)
        if not verified:
            return
        session = self.session
        session[twofactor.REAUTHENTICATED_AT] = time.time()
        needs = user.is_staff or user.is_superuser or Membership.objects.on().filter(
            person=user, role__in=twofactor.SECOND_FACTOR_ROLES).exists()
        if needs or TOTPDevice.objects.filter(user=user, confirmed=True).exists():
            device = TOTPDevice.objects.filter(user=user, confirmed=True).first() or TOTPDevice.objects.create(
                user=user, name="test", confirmed=True)
            session[DEVICE_ID_SESSION_KEY] = device.persistent_id
        else:
            session[twofactor.NO_DEVICE] = True
        session.save()

    force_login.__doc__ = _force_login_verified.__doc__
    return force_login


@pytest.fixture(autouse=True, scope="session")
def test_settings():
    override = override_settings(
        STORAGES={
            **settings.STORAGES,
            "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
        },
        RATELIMIT_ENABLE=False,
        # Tests count the queries of public pages; the page store is tested on its own (tests/web/test_pagecache.py).
        PUBLIC_PAGE_CACHE=False,
    )
    override.enable()
    from django.test import Client

    original = Client.force_login
    Client.force_login = _force_login_verified(original)
    yield
    Client.force_login = original
    override.disable()
