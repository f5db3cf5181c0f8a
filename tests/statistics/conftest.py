import pytest
from django.utils import translation


@pytest.fixture(autouse=True)
def english():
    """Messages are compared in English here; test_swedish_messages.py and the page tests check the Swedish."""
    with translation.override("en"):
        yield
