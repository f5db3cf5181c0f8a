from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DocumentsConfig(AppConfig):
    """Signed documents: a Django app of its own inside the public site, for its table, templates and catalogue."""

    name = "medborgarloften.site.documents"
    label = "site_documents"
    verbose_name = _("Signed documents")
