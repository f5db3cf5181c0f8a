from django.apps import AppConfig
from django.utils.module_loading import autodiscover_modules
from django.utils.translation import gettext_lazy as _


class WebConfig(AppConfig):
    name = "medborgarloften.web"
    verbose_name = _("Web base")

    def ready(self):
        # Each app contributes its workspace sections, menu entries and public
        # panels in its own registrations.py, found as the admin finds
        # admin.py: this app imports none of them.
        autodiscover_modules("registrations")
        from . import limits

        limits.install()
