"""The dialogues' sections of the workspace start page and their panel on each municipality's public page."""

import rules
from django.db.models import Count
from django.utils.translation import gettext_lazy as _

from medborgarloften.web.registry import Panel, Section, register, register_panel

from . import selectors
from .models import Comment, Observation


def _per_municipality(queryset, field):
    """Return [(municipality name, code, n)] from ``queryset`` counted per ``field`` (one query)."""
    rows = (queryset.order_by().values(f"{field}__name", f"{field}__code").annotate(n=Count("pk"))
            .values_list(f"{field}__name", f"{field}__code", "n"))
    return sorted(rows)


def to_moderate(request):
    ids = selectors.editor_municipality_ids(request.user)
    if not ids:
        return None
    rows = _per_municipality(Comment.objects.filter(status=Comment.Status.PENDING, municipality_id__in=ids), "municipality")
    return {"rows": rows, "total": sum(n for *_rest, n in rows)} if rows else None


def unfixed_observations(request):
    ids = selectors.editor_municipality_ids(request.user)
    if not ids:
        return None
    rows = _per_municipality(Observation.objects.unfixed().filter(dialogue__municipality_id__in=ids), "dialogue__municipality")
    return {"rows": rows, "total": sum(n for *_rest, n in rows)} if rows else None


def dialogues(request):
    if not selectors.staff_municipality_ids(request.user):
        return None
    return {"can_add": rules.has_perm("dialogues.add_dialogue", request.user)}


def comments_panel(request, municipality):
    """The newest approved comments and a link to the comment form (three queries)."""
    return {"municipality": municipality, **selectors.panel_summary(municipality)}


register(Section(name="dialogues.to_moderate", title=_("Comments to moderate"), order=15,
                 template="dialogues/workspace/_section_moderate.html", context=to_moderate))
register(Section(name="dialogues.unfixed", title=_("Observations not yet fixed"), order=35,
                 template="dialogues/workspace/_section_observations.html", context=unfixed_observations))
register(Section(name="dialogues.dialogues", title=_("Dialogues"), order=45,
                 template="dialogues/workspace/_section_dialogues.html", context=dialogues))
register_panel(Panel(name="dialogues.comments", title=_("Residents' comments"), order=20,
                     template="dialogues/public/_panel.html", context=comments_panel))

