from django.apps import AppConfig
from django.utils.module_loading import autodiscover_modules
from django.utils.translation import gettext_lazy as _


class WebConfig(AppConfig):
    name = "medborgarloften.web"
    verbose_name = _("Web base")

    def ready(self):
        # Each app contributes its workspace sections and menu entries in its
        # own workspace.py, as the admin discovers admin.py: this app imports none.
        autodiscover_modules("workspace")
