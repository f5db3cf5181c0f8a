"""The open data page in the main menu."""

from django.utils.translation import gettext_lazy as _

from medborgarloften.web.registry import Link, register_link

register_link(Link(name="opendata.docs", label=_("Open data"), url_name="opendata:docs", order=40))
