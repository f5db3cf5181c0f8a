from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OpenDataConfig(AppConfig):
    """The open data API: an app of its own inside the public site (its URLs, templates and catalogue), label opendata."""

    name = "medborgarloften.site.opendata"
    label = "opendata"
    verbose_name = _("Open data")
