from django.conf import settings
from django.urls import reverse

from .registry import links_for


def navigation(request):
    """The main menu, as the apps registered it (see registry.py)."""
    user = getattr(request, "user", None)
    return {"main_navigation": [(reverse(link.url_name), link.label) for link in links_for(user)]}


def publisher(request):
    """Who runs the site: the footer on every page shows their contact details."""
    return {"publisher": {
        "name": settings.PUBLISHER_NAME,
        "address": settings.PUBLISHER_ADDRESS,
        "email": settings.PUBLISHER_EMAIL,
        "phone": settings.PUBLISHER_PHONE,
    }}
