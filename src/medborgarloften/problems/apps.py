from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProblemsConfig(AppConfig):
    name = "medborgarloften.problems"
    verbose_name = _("Local problem picture")

    def ready(self):
        # Evidence links are checked again when their sources change; the
        # sources' apps are below this one and never import it, so the check
        # listens to the audit log they all write (signals.py).
        from . import signals  # noqa: F401
