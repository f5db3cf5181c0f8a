"""The accounts' sections of the workspace: the people a person administers, and their own account."""

from django.utils.translation import gettext_lazy as _

from medborgarloften.web.registry import Section, register

from .models import Membership, RoleGrant
from .rules import is_higher_administrator
from .selectors import current_memberships


def administered(request):
    organisations = [m.organisation for m in current_memberships(request.user) if m.role == Membership.Role.ADMINISTRATOR]
    return {"organisations": organisations} if organisations else None


def grants_to_confirm(request):
    """Pending roles this person may confirm as the second administrator."""
    person = request.user
    grants = RoleGrant.objects.filter(state=RoleGrant.State.PENDING).exclude(requested_by=person).exclude(person=person)
    if not is_higher_administrator(person):
        administered_ids = [m.organisation_id for m in current_memberships(person) if m.role == Membership.Role.ADMINISTRATOR]
        if not administered_ids:
            return None
        grants = grants.filter(organisation_id__in=administered_ids)
    grants = list(grants.select_related("person", "organisation", "requested_by").order_by("requested_at")[:50])
    return {"grants": grants} if grants else None


def site_administration(request):
    """The site's administrators (Django's staff) find the admin from the workspace."""
    return {"url": "/admin/"} if request.user.is_staff and request.user.is_active else None


def own_account(request):
    return {"memberships": current_memberships(request.user)}


register(Section(name="accounts.administration", title=_("Administration"), order=80,
                 template="accounts/workspace/_administration.html", context=administered))
register(Section(name="accounts.grants", title=_("Roles to confirm"), order=79,
                 template="accounts/workspace/_grants.html", context=grants_to_confirm))
register(Section(name="accounts.account", title=_("Your account"), order=100,
                 template="accounts/workspace/_account.html", context=own_account))
register(Section(name="accounts.site_administration", title=_("Site administration"), order=78,
                 template="accounts/workspace/_site_administration.html", context=site_administration))
