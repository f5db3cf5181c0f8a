"""The statistics app's workspace section ("imports") and its panel on every municipality's public page."""

import rules
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from medborgarloften.web.registry import Panel, Section, register, register_panel

from . import selectors

RECENT = 5


def recent_imports(request):
    """The person's latest imports and their state; only for those who may import."""
    if not rules.has_perm("statistics.add_importrun", request.user):
        return None
    return {"runs": list(selectors.visible_imports(request.user)[:RECENT])}


def statistics_panel(request, municipality):
    """Key figures (population, Brå's total with its rate and change) and a link to the full page; two queries."""
    figures = selectors.panel_figures(municipality)
    if figures is None:
        return None
    return {**figures, "municipality": municipality,
            "url": reverse("statistics:municipality", kwargs={"code": municipality.code, "slug": municipality.slug})}


register(Section(name="statistics.imports", title=_("Statistics imports"), order=60,
                 template="statistics/workspace/_imports.html", context=recent_imports))
register_panel(Panel(name="statistics.key_figures", title=_("Local statistics"), order=20,
                     template="statistics/_panel.html", context=statistics_panel))
