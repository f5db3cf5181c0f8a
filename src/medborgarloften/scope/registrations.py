"""The register of organisations and the police structure on the workspace start page."""

import rules
from django.utils.translation import gettext_lazy as _

from medborgarloften.web.registry import Section, register


def organisations(request):
    may_register = rules.has_perm("scope.add_partner", request.user)
    may_structure = rules.has_perm("scope.change_police_structure", request.user)
    if not (may_register or may_structure):
        return None
    return {"may_register": may_register, "may_structure": may_structure}


register(Section(name="scope.organisations", title=_("Organisations"), order=85,
                 template="scope/_workspace.html", context=organisations))
