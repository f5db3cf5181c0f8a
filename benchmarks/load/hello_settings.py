"""The project's settings with a one-view URLconf: the hello-world baseline of public_load.py."""

from medborgarloften.settings import *  # noqa: F401,F403

ROOT_URLCONF = "hello_urls"
PUBLIC_PAGE_CACHE = False
