"""Settings every test runs with.

The project settings use WhiteNoise's manifest storage, which needs
``collectstatic`` to have run; tests use plain static storage instead. Rate
limits and the public page store are off unless a test turns them on with
``override_settings``.
"""

import pytest
from django.conf import settings
from django.test import override_settings


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
    yield
    override.disable()
