"""Follow-up on the workspace start page (activities due for a report) and on every municipality's public page."""

from django.utils.translation import gettext_lazy as _

from medborgarloften.web.registry import Panel, Section, register, register_panel

from . import selectors


def due(request):
    items = selectors.due_for(request.user)
    return {"items": items} if items else None


def reports_being_written(request):
    reports = selectors.draft_reports_for(request.user)
    return {"reports": reports} if reports else None


def followed_up(request):
    promises = selectors.followed_up_promises(request.user)
    return {"promises": promises} if promises else None


def public_panel(request, municipality):
    years = selectors.followup_years(municipality)
    return {"years": years, "municipality": municipality} if years else None


register(Section(name="followup.due", title=_("Activities due for a progress report"), order=15,
                 template="followup/workspace/_due.html", context=due))
register(Section(name="followup.drafts", title=_("Progress reports being written"), order=16,
                 template="followup/workspace/_drafts.html", context=reports_being_written))
register(Section(name="followup.promises", title=_("Follow-up of published promises"), order=45,
                 template="followup/workspace/_promises.html", context=followed_up))
register_panel(Panel(name="followup.years", title=_("Follow-up"), order=20,
                     template="followup/_panel.html", context=public_panel))
