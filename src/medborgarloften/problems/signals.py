"""Checking evidence again when a source changes.

The sources' apps (surveys, dialogues, statistics) sit below this one and
never import it; every one of their services writes the audit log, so the
problem picture listens there: after the transaction that withdrew a
comment, unpublished or re-published survey results or imported a series
commits, the links of that kind are checked again (services.check_evidence).
"""

import threading

from django.db import transaction
from django.db.models.signals import post_save
from django.dispatch import receiver

from medborgarloften.audit.models import AuditEntry

from .models import EvidenceLink

# Audit actions of the sources' services, and the kinds of evidence they may change.
WATCHED = {
    "comment.rejected": (EvidenceLink.Kind.COMMENT, EvidenceLink.Kind.DIALOGUES),
    "comment.approved": (EvidenceLink.Kind.DIALOGUES,),
    "comment.recorded": (EvidenceLink.Kind.DIALOGUES,),
    "comment.changed": (EvidenceLink.Kind.COMMENT, EvidenceLink.Kind.DIALOGUES),
    "comment.themes_confirmed": (EvidenceLink.Kind.DIALOGUES,),
    "survey.unpublished": (EvidenceLink.Kind.SURVEY,),
    "survey.published": (EvidenceLink.Kind.SURVEY,),
    "statistics.import": (EvidenceLink.Kind.STATISTICS,),
}


def check_kinds(kinds):
    from . import selectors, services

    links = selectors.pictures_with_evidence_kinds(kinds).select_related("municipality__county", "survey", "category",
                                                                         "comment")
    services.check_evidence(list(links))


_pending = threading.local()


def _run_pending():
    """Check the kinds gathered since the last run, once: an import of a thousand comments checks once, not a thousand times."""
    kinds = getattr(_pending, "kinds", set())
    _pending.kinds = set()
    if kinds:
        check_kinds(kinds)


@receiver(post_save, sender=AuditEntry, dispatch_uid="problems.check_evidence_on_source_change")
def source_changed(sender, instance, created, **kwargs):
    kinds = WATCHED.get(instance.action) if created else None
    if kinds:
        if not hasattr(_pending, "kinds"):
            _pending.kinds = set()
        _pending.kinds.update(kinds)
        # Every callback after the first of a commit finds nothing left to do.
        transaction.on_commit(_run_pending)
