"""Reading the audit log."""

from django.contrib.contenttypes.models import ContentType

from .models import AuditEntry


def entries_for(*targets):
    """Return the audit entries about any of ``targets``, newest first."""
    by_type = {}
    for target in targets:
        by_type.setdefault(ContentType.objects.get_for_model(target), []).append(str(target.pk))
    entries = AuditEntry.objects.none()
    for content_type, ids in by_type.items():
        entries = entries | AuditEntry.objects.filter(target_type=content_type, target_id__in=ids)
    return entries.order_by("-at", "-pk")
