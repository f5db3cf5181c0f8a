from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "medborgarloften.accounts"
    verbose_name = _("People and roles")

    def ready(self):
        from django.contrib.auth.signals import user_logged_in, user_logged_out

        from . import sessions

        user_logged_in.connect(sessions.on_login, dispatch_uid="medborgarloften.accounts.sessions.on_login")
        user_logged_out.connect(sessions.on_logout, dispatch_uid="medborgarloften.accounts.sessions.on_logout")
