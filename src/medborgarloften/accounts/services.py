"""Changes to people and memberships; each checks the rule and writes the audit log."""

import datetime
import secrets

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from medborgarloften.audit.services import record_change

from .models import Membership, Person, RoleGrant
from .rules import is_higher_administrator


# Roles that let a person act for the organisation in its name or widen rights: never given by one administrator alone.
SECOND_ADMINISTRATOR_ROLES = (Membership.Role.SIGNATORY, Membership.Role.ADMINISTRATOR)


def needs_second_administrator(person, organisation, role, *, by):
    """True if giving ``person`` ``role`` in ``organisation`` waits for a second administrator's confirmation.

    Signatory and administrator roles always do, and so does any role for a
    person who belongs to another organisation today (an account of the police
    made a municipal signatory could sign for both parties); a higher
    administrator's grant takes effect at once.
    """
    if is_higher_administrator(by, organisation):
        return False
    if role in SECOND_ADMINISTRATOR_ROLES:
        return True
    return person.pk is not None and Membership.objects.on().filter(person=person).exclude(organisation=organisation).exists()


def add_member(organisation, *, by, username, role, title="", first_name="", last_name="", email=""):
    """Give ``username`` a role in ``organisation``; create the person if new.

    Returns ``(membership_or_grant, password)``: the Membership when the role
    takes effect at once, or a pending RoleGrant when a second administrator
    must confirm it (``needs_second_administrator``); ``password`` is a
    one-time password for a newly created person (None if the person already
    existed), to be handed over; the person must change it at first sign-in.
    """
    if not by.has_perm("accounts.manage_memberships", organisation):
        raise PermissionDenied("accounts.manage_memberships")
    username = username.strip()
    with transaction.atomic():
        person = Person.objects.filter(username=username).first()
        password = None
        if person is not None and person.pk == by.pk:
            # Nobody widens their own rights (an administrator could otherwise
            # make themselves a signatory and sign for the organisation).
            raise ValidationError(_("You cannot change your own roles; ask another administrator."), code="own_roles")
        if role == Membership.Role.SIGNATORY and not title.strip():
            # The title is printed beside every signature the person gives.
            raise ValidationError(
                {"title": ValidationError(_("Give the signatory's title, as it will be printed beside the signature."), code="title_required")}
            )
        if person is not None and Membership.objects.on().filter(person=person, organisation=organisation, role=role).exists():
            raise ValidationError(_("%(person)s already has this role here."), code="duplicate", params={"person": str(person)})
        if person is not None and RoleGrant.objects.filter(person=person, organisation=organisation, role=role,
                                                           state=RoleGrant.State.PENDING).exists():
            raise ValidationError(_("This role for %(person)s is already waiting for confirmation."), code="duplicate_grant",
                                  params={"person": str(person)})
        if person is None:
            if not (first_name.strip() and last_name.strip()):
                raise ValidationError(
                    _("%(username)s has no account yet: give first and last name to create one."),
                    code="name_required", params={"username": username},
                )
            person = Person(username=username, first_name=first_name.strip(), last_name=last_name.strip(), email=email.strip(),
                            must_change_password=True)
            password = secrets.token_urlsafe(12)
            person.set_password(password)
            person.full_clean()
            person.save()
            record_change(person, actor=by, action="person.created", changes={"organisation": organisation.name})
        if needs_second_administrator(person, organisation, role, by=by):
            grant = RoleGrant(person=person, organisation=organisation, role=role, title=title.strip(), requested_by=by)
            grant.full_clean()
            grant.save()
            record_change(grant, actor=by, action="membership.requested",
                          changes={"person": person.username, "organisation": organisation.name, "role": role, "title": grant.title})
            return grant, password
        membership = _grant(person, organisation, role, title.strip(), by=by)
    return membership, password


def _grant(person, organisation, role, title, *, by, changes=None):
    membership = Membership(person=person, organisation=organisation, role=role, title=title, valid_from=timezone.localdate())
    membership.full_clean()
    membership.save()
    record_change(membership, actor=by, action="membership.added",
                  changes={"person": person.username, "organisation": organisation.name, "role": role, "title": membership.title,
                           **(changes or {})})
    return membership


def _check_may_decide(grant, by):
    if not by.has_perm("accounts.confirm_role_grant", grant.organisation):
        raise PermissionDenied("accounts.confirm_role_grant")
    if by.pk == grant.person_id:
        raise ValidationError(_("You cannot confirm or refuse your own roles; ask another administrator."), code="own_roles")


def confirm_role_grant(grant, *, by):
    """Confirm a pending role grant as a second administrator; the membership takes effect today.

    The confirming administrator is neither the grantee nor the one who asked,
    nor an administrator whose own role the asker or the grantee asked for (a
    second account of the asker cannot confirm for them).
    """
    with transaction.atomic():
        grant = RoleGrant.objects.select_for_update().select_related("person", "organisation").get(pk=grant.pk)
        _check_may_decide(grant, by)
        if grant.state != RoleGrant.State.PENDING:
            raise ValidationError(_("This role has already been decided."), code="decided")
        if by.pk == grant.requested_by_id:
            raise ValidationError(_("Another administrator must confirm the role you asked for."), code="own_request")
        if not is_higher_administrator(by, grant.organisation) and RoleGrant.objects.filter(
            person=by, organisation=grant.organisation, role=Membership.Role.ADMINISTRATOR, state=RoleGrant.State.CONFIRMED,
            requested_by_id__in=[grant.requested_by_id, grant.person_id],
        ).exists():
            raise ValidationError(_("Your own administrator role was asked for by the same person; another administrator must confirm."),
                                  code="puppet")
        if Membership.objects.on().filter(person=grant.person, organisation=grant.organisation, role=grant.role).exists():
            raise ValidationError(_("%(person)s already has this role here."), code="duplicate", params={"person": str(grant.person)})
        membership = _grant(grant.person, grant.organisation, grant.role, grant.title, by=by,
                            changes={"requested_by": grant.requested_by.username})
        grant.state, grant.decided_by, grant.decided_at, grant.membership = RoleGrant.State.CONFIRMED, by, timezone.now(), membership
        grant.save(update_fields=["state", "decided_by", "decided_at", "membership"])
        record_change(grant, actor=by, action="membership.confirmed",
                      changes={"person": grant.person.username, "organisation": grant.organisation.name, "role": grant.role})
    return membership


def refuse_role_grant(grant, *, by):
    """Refuse (or, for the one who asked, withdraw) a pending role grant."""
    with transaction.atomic():
        grant = RoleGrant.objects.select_for_update().select_related("person", "organisation").get(pk=grant.pk)
        _check_may_decide(grant, by)
        if grant.state != RoleGrant.State.PENDING:
            raise ValidationError(_("This role has already been decided."), code="decided")
        grant.state, grant.decided_by, grant.decided_at = RoleGrant.State.REFUSED, by, timezone.now()
        grant.save(update_fields=["state", "decided_by", "decided_at"])
        record_change(grant, actor=by, action="membership.refused",
                      changes={"person": grant.person.username, "organisation": grant.organisation.name, "role": grant.role})
    return grant


def password_changed(person):
    """Note that ``person`` chose their own password (a one-time password no longer needs changing)."""
    if person.must_change_password:
        Person.objects.filter(pk=person.pk).update(must_change_password=False)
        person.must_change_password = False


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


def enable_two_factor(person, device, code):
    """Confirm the TOTP ``device`` being set up with a ``code`` from the app; return ten new recovery codes.

    Raises ValidationError if the code does not match (the app's clock or a typo).
    """
    from . import twofactor

    with transaction.atomic():
        code = "".join(str(code or "").split())
        if device.user_id != person.pk or device.confirmed or not code.isdigit() or not device.verify_token(code):
            raise ValidationError({"code": ValidationError(
                _("The code does not match. Check that the app shows the code for this account, and try the newest code."),
                code="wrong_code")})
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        codes = twofactor.new_recovery_codes(person)
        record_change(person, actor=person, action="person.two_factor_enabled", changes={})
    return codes


def renew_recovery_codes(person):
    """Give ``person`` ten new recovery codes (the old ones stop working); return them."""
    from . import twofactor

    with transaction.atomic():
        codes = twofactor.new_recovery_codes(person)
        record_change(person, actor=person, action="person.recovery_codes_renewed", changes={})
    return codes


def disable_two_factor(person):
    """Remove a person's second factor; refused for those who must have one (signatories, administrators)."""
    from django_otp.plugins.otp_static.models import StaticDevice
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from . import twofactor

    if twofactor.requires_two_factor(person):
        raise ValidationError(_("Signatories and administrators must sign in with two factors."), code="required")
    with transaction.atomic():
        TOTPDevice.objects.filter(user=person).delete()
        StaticDevice.objects.filter(user=person).delete()
        record_change(person, actor=person, action="person.two_factor_disabled", changes={})
