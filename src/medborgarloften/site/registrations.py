"""The public site's entries in the main menu."""

from django.utils.translation import gettext_lazy as _

from medborgarloften.web.registry import Link, register_link

register_link(Link(name="site.counties", label=_("Counties"), url_name="site:home", order=10))
register_link(Link(name="site.about", label=_("What are citizen promises?"), url_name="site:about", order=20))
