"""The promises' sections of the workspace start page: what needs the person's attention."""

import rules
from django.utils.translation import gettext_lazy as _

from medborgarloften.accounts.models import Membership
from medborgarloften.scope.predicates import municipality_ids_for
from medborgarloften.web.registry import Link, Section, register, register_link

from . import selectors
from .models import Promise

EDITOR = (Membership.Role.EDITOR,)


def to_sign(request):
    promises = selectors.promises_to_sign(request.user)
    return {"promises": promises} if promises else None


def drafts(request):
    promises = selectors.promises_in_states(request.user, (Promise.State.DRAFT, Promise.State.APPROVED), roles=EDITOR)
    return {"promises": promises} if promises else None


def to_publish(request):
    promises = selectors.promises_in_states(
        request.user, (Promise.State.SIGNED,), roles=(Membership.Role.EDITOR, Membership.Role.SIGNATORY))
    return {"promises": promises} if promises else None


def all_promises(request):
    # The rule alone: Django's model permissions (two queries) grant nothing here.
    # Only someone who edits for at least one municipality can complete the new promise form.
    can_add = rules.has_perm("promises.add_promise", request.user) and bool(municipality_ids_for(request.user, *EDITOR))
    has_any = selectors.workspace_promises(request.user).exists()
    if not (can_add or has_any):
        return None
    return {"can_add": can_add, "has_any": has_any}


register(Section(name="promises.to_sign", title=_("Versions to sign"), order=10,
                 template="promises/workspace/_to_sign.html", context=to_sign))
register(Section(name="promises.drafts", title=_("Drafts to work on"), order=20,
                 template="promises/workspace/_promises.html", context=drafts))
register(Section(name="promises.to_publish", title=_("Signed, ready to publish"), order=30,
                 template="promises/workspace/_promises.html", context=to_publish))
register(Section(name="promises.all", title=_("Citizen promises"), order=40,
                 template="promises/workspace/_all.html", context=all_promises))
register_link(Link(name="workspace", label=_("Workspace"), url_name="web:workspace", order=90, signed_in_only=True))
