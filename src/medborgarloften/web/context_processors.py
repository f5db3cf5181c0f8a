from django.urls import reverse

from .workspace import links_for


def navigation(request):
    """The main menu, as the apps registered it (see workspace.py)."""
    user = getattr(request, "user", None)
    return {"main_navigation": [(reverse(link.url_name), link.label) for link in links_for(user)]}
