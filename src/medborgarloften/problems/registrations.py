"""The problem picture's section of the workspace start page and its panel on each municipality's public page."""

import rules
from django.utils.translation import gettext_lazy as _

from medborgarloften.scope.predicates import municipality_ids_for
from medborgarloften.web.registry import Panel, Section, register, register_panel

from . import selectors


def pictures(request):
    # rules directly: Django's model backend would read the person's stored permissions (two queries) first.
    can_add = rules.has_perm("problems.add_problempicture", request.user)
    if not can_add and not municipality_ids_for(request.user):
        return None
    found = selectors.workspace_pictures(request.user)
    if not found and not can_add:
        return None
    return {"pictures": found[:5], "can_add": can_add}


def problems_panel(request, municipality):
    """The public parts of the newest approved problem picture (one query); never staff knowledge."""
    return selectors.public_picture(municipality)


register(Section(name="problems.pictures", title=_("Local problem pictures"), order=40,
                 template="problems/_section.html", context=pictures))
register_panel(Panel(name="problems.picture", title=_("Local problem picture"), order=15,
                     template="problems/public/_panel.html", context=problems_panel))
