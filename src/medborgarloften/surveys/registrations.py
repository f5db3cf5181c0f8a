"""The surveys' workspace sections, menu link and public panel."""

import rules
from django.utils.translation import gettext_lazy as _

from medborgarloften.accounts.models import Membership
from medborgarloften.web.registry import Panel, Section, register, register_panel

from . import selectors
from .models import Survey
from .presentation import INDICATORS, percent


def in_field(request):
    surveys = selectors.surveys_in_states(request.user, (Survey.State.FIELDWORK,))
    if not surveys:
        return None
    counts = selectors.invitation_counts(surveys)
    for survey in surveys:
        survey.invited, survey.used = counts.get(survey.pk, (0, 0))
    return {"surveys": surveys}


def to_publish(request):
    surveys = selectors.surveys_in_states(request.user, (Survey.State.CLOSED,), Membership.Role.EDITOR)
    return {"surveys": surveys} if surveys else None


def all_surveys(request):
    can_add = rules.has_perm("surveys.add_survey", request.user)
    has_any = selectors.workspace_surveys(request.user).exists()
    if not (can_add or has_any):
        return None
    return {"can_add": can_add, "has_any": has_any}


def public_panel(request, municipality):
    """The latest published survey's key figures for ``municipality`` (two queries whatever the data)."""
    found = selectors.published_panel(municipality)
    if found is None:
        return None
    survey, area = found
    rows = [r for r in area.result_rows() if r.domain == "" and r.option in ("", "ja")] if area else []
    by_item = {r.item: r for r in rows if r.kind in ("indicator", "mean_score")}
    figures = []
    for name, label, family in INDICATORS:
        row = by_item.get(name)
        if row is not None:
            figures.append({"label": label, "row": row, "percent": percent(row.estimate),
                            "low": percent(row.ci_low), "high": percent(row.ci_high)})
    return {"survey": survey, "figures": figures, "total": by_item.get("mean_score_total"),
            "n": area.respondents if area else None, "municipality": municipality}


register(Section(name="surveys.in_field", title=_("Surveys in the field"), order=25,
                 template="surveys/workspace/_in_field.html", context=in_field))
register(Section(name="surveys.to_publish", title=_("Surveys to publish"), order=35,
                 template="surveys/workspace/_to_publish.html", context=to_publish))
register(Section(name="surveys.all", title=_("Safety surveys"), order=45,
                 template="surveys/workspace/_all.html", context=all_surveys))
register_panel(Panel(name="surveys.results", title=_("Safety survey"), order=20,
                     template="surveys/_panel.html", context=public_panel))
