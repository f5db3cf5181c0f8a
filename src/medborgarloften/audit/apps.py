from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AuditConfig(AppConfig):
    name = "medborgarloften.audit"
    verbose_name = _("Audit log")

    def ready(self):
        from django.db import transaction
        from django.db.models.signals import post_save

        from medborgarloften.web.pagecache import bump_generation

        from .models import AuditEntry

        # Every change the services and the admin make writes an audit entry:
        # that is when stored public pages go stale.
        def changed(sender, created, **kwargs):
            if created:
                transaction.on_commit(bump_generation)

        post_save.connect(changed, sender=AuditEntry, dispatch_uid="audit-bumps-public-pages", weak=False)
