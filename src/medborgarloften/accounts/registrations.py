"""The accounts' sections of the workspace: the people a person administers, and their own account."""

from django.utils.translation import gettext_lazy as _

from medborgarloften.web.registry import Section, register

from .models import Membership
from .selectors import current_memberships


def administered(request):
    organisations = [m.organisation for m in current_memberships(request.user) if m.role == Membership.Role.ADMINISTRATOR]
    return {"organisations": organisations} if organisations else None


def own_account(request):
    return {"memberships": current_memberships(request.user)}


register(Section(name="accounts.administration", title=_("Administration"), order=80,
                 template="accounts/workspace/_administration.html", context=administered))
register(Section(name="accounts.account", title=_("Your account"), order=100,
                 template="accounts/workspace/_account.html", context=own_account))
