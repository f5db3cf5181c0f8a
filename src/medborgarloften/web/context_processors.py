from django.urls import reverse

from .registry import links_for


def navigation(request):
    """The main menu, as the apps registered it (see registry.py)."""
    user = getattr(request, "user", None)
    return {"main_navigation": [(reverse(link.url_name), link.label) for link in links_for(user)]}
