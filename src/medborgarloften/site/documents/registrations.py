"""The verification page in the main menu."""

from django.utils.translation import gettext_lazy as _

from medborgarloften.web.registry import Link, register_link

register_link(Link(name="documents.verify", label=_("Verify a document"), url_name="site_documents:verify", order=30))
