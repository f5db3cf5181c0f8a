"""The promise's history as people read it: audit entries with translated labels."""

from django.utils.translation import gettext_lazy as _

from medborgarloften.audit.selectors import entries_for

ACTION_LABELS = {
    "promise.created": _("Created the draft"),
    "promise.changed": _("Edited the promise"),
    "commitment.added": _("Added a commitment"),
    "commitment.changed": _("Edited a commitment"),
    "commitment.deleted": _("Removed a commitment"),
    "activity.added": _("Added an activity"),
    "activity.changed": _("Edited an activity"),
    "activity.deleted": _("Removed an activity"),
    "promise.approved": _("Recorded the municipal body's approval"),
    "promise.sent_for_signing": _("Sent for signing"),
    "promise.signed": _("Signed"),
    "promise.published": _("Published"),
    "promise.extended": _("Extended"),
    "promise.extension_proposed": _("Proposed an extension"),
    "promise.extension_agreed": _("Agreed to the extension"),
    "promise.closed": _("Closed with the final report"),
    "promise.registered_afterwards": _("Registered as signed on paper and published"),
    "promise.withdrawn": _("Withdrawn"),
    "promise.superseded": _("Superseded by a newer promise"),
}


def promise_history(promise, *, limit=50):
    """Return the newest ``limit`` audit entries about ``promise``, each with a readable ``label`` and ``detail``."""
    entries = list(entries_for(promise)[:limit])
    for entry in entries:
        entry.label = ACTION_LABELS.get(entry.action, entry.action)
        changes = entry.changes or {}
        detail = [str(changes[key]) for key in ("commitment", "activity", "party", "body", "reason") if changes.get(key)]
        if changes.get("based_on"):
            detail.append(str(_("from “%(title)s”") % {"title": changes["based_on"]}))
        if "version" in changes:
            detail.append(str(_("version %(number)s") % {"number": changes["version"]}))
        entry.detail = ", ".join(detail)
    return entries
