"""Writing to the audit log. Services call this inside their own transaction."""

from django.contrib.contenttypes.models import ContentType

from .models import AuditEntry


def record_change(target, *, actor, action, changes=None):
    """Add an audit entry saying ``actor`` did ``action`` to ``target``; return it."""
    return AuditEntry.objects.create(
        actor=actor if getattr(actor, "is_authenticated", False) else None,
        actor_name=(actor.get_full_name() or actor.get_username()) if getattr(actor, "is_authenticated", False) else "",
        action=action,
        target_type=ContentType.objects.get_for_model(target),
        target_id=str(target.pk),
        target_repr=str(target)[:300],
        changes=changes or {},
    )
