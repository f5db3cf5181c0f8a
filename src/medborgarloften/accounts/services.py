"""Changes to people and memberships; each checks the rule and writes the audit log."""

import datetime
import secrets

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from medborgarloften.audit.services import record_change

from .models import Membership, Person


def add_member(organisation, *, by, username, role, title="", first_name="", last_name="", email=""):
    """Give ``username`` a role in ``organisation``; create the person if new.

    Returns ``(membership, password)`` where ``password`` is a one-time password
    for a newly created person (None if the person already existed), to be
    handed over and changed at first sign-in.
    """
    if not by.has_perm("accounts.manage_memberships", organisation):
        raise PermissionDenied("accounts.manage_memberships")
    username = username.strip()
    with transaction.atomic():
        person = Person.objects.filter(username=username).first()
        password = None
        if person is None:
            if not (first_name.strip() and last_name.strip()):
                raise ValidationError(
                    _("%(username)s has no account yet: give first and last name to create one."),
                    code="name_required", params={"username": username},
                )
            person = Person(username=username, first_name=first_name.strip(), last_name=last_name.strip(), email=email.strip())
            password = secrets.token_urlsafe(12)
            person.set_password(password)
            person.full_clean()
            person.save()
            record_change(person, actor=by, action="person.created", changes={"organisation": organisation.name})
        if person.pk == by.pk:
            # Nobody widens their own rights (an administrator could otherwise
            # make themselves a signatory and sign for the organisation).
            raise ValidationError(_("You cannot change your own roles; ask another administrator."), code="own_roles")
        if role == Membership.Role.SIGNATORY and not title.strip():
            # The title is printed beside every signature the person gives.
            raise ValidationError(
                {"title": ValidationError(_("Give the signatory's title, as it will be printed beside the signature."), code="title_required")}
            )
        if Membership.objects.on().filter(person=person, organisation=organisation, role=role).exists():
            raise ValidationError(_("%(person)s already has this role here."), code="duplicate", params={"person": str(person)})
        membership = Membership(person=person, organisation=organisation, role=role, title=title.strip(),
                                valid_from=timezone.localdate())
        membership.full_clean()
        membership.save()
        record_change(membership, actor=by, action="membership.added",
                      changes={"person": person.username, "organisation": organisation.name, "role": role, "title": membership.title})
    return membership, password


def end_membership(membership, *, by):
    """End ``membership`` at once: the person keeps their history but can no longer act in this role.

    Validity dates are inclusive, so the last valid day becomes yesterday (a
    membership added and ended today never took effect).
    """
    if not by.has_perm("accounts.manage_memberships", membership.organisation):
        raise PermissionDenied("accounts.manage_memberships")
    with transaction.atomic():
        membership = Membership.objects.select_for_update().get(pk=membership.pk)
        yesterday = timezone.localdate() - datetime.timedelta(days=1)
        # An end already in the past stays as it was: the dated record of who
        # held which role when must not be rewritten.
        membership.valid_to = min(membership.valid_to or yesterday, yesterday)
        membership.valid_from = min(membership.valid_from, membership.valid_to)
        membership.save(update_fields=["valid_from", "valid_to"])
        record_change(membership, actor=by, action="membership.ended",
                      changes={"person": membership.person.username, "role": membership.role, "valid_to": membership.valid_to.isoformat()})
    return membership
