"""People and the roles they hold in organisations.

A person acts only through a dated membership: for their own organisation and
the municipalities it covers, in the role the membership gives.
"""

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _

from medborgarloften.areas.models import Organisation
from medborgarloften.core.dated import Dated


class Person(AbstractUser):
    must_change_password = models.BooleanField(
        _("must change password"), default=False,
        help_text=_("Set for a one-time password: the person changes it before doing anything else."),
    )

    class Meta:
        verbose_name = _("person")
        verbose_name_plural = _("people")
        ordering = ["last_name", "first_name", "username"]

    def __str__(self):
        return self.get_full_name() or self.username


class Membership(Dated):
    class Role(models.TextChoices):
        EDITOR = "editor", _("Editor")
        SIGNATORY = "signatory", _("Signatory")
        VIEWER = "viewer", _("Viewer")
        ADMINISTRATOR = "administrator", _("Administrator")

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="memberships", verbose_name=_("person"))
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="memberships", verbose_name=_("organisation"))
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    title = models.CharField(
        _("title"), max_length=200, blank=True,
        help_text=_("As printed beside a signature, e.g. Chair of the municipal executive board."),
    )
    class Meta:
        ordering = ["organisation__name", "role"]
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [Dated.ends_after_start("membership_ends_after_start")]

    def __str__(self):
        return f"{self.person} – {self.organisation} ({self.get_role_display()})"


class RoleGrant(models.Model):
    """A role asked for that a second administrator must confirm before it takes effect.

    Granting a signatory's or an administrator's role, or any role to a person
    who belongs to another organisation, needs two administrators (or a higher
    one): one person alone can never make someone, themselves included through
    a second account, sign for an organisation.
    """

    class State(models.TextChoices):
        PENDING = "pending", _("Waiting for confirmation")
        CONFIRMED = "confirmed", _("Confirmed")
        REFUSED = "refused", _("Refused")

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="role_grants", verbose_name=_("person"))
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="role_grants", verbose_name=_("organisation"))
    role = models.CharField(_("role"), max_length=20, choices=Membership.Role.choices)
    title = models.CharField(_("title"), max_length=200, blank=True)
    requested_by = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+", verbose_name=_("requested by"))
    requested_at = models.DateTimeField(_("requested at"), auto_now_add=True)
    state = models.CharField(_("state"), max_length=20, choices=State.choices, default=State.PENDING)
    decided_by = models.ForeignKey(Person, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("decided by"))
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    membership = models.OneToOneField(Membership, on_delete=models.SET_NULL, null=True, blank=True, related_name="grant",
                                      verbose_name=_("membership"))

    class Meta:
        ordering = ["-requested_at"]
        verbose_name = _("role grant")
        verbose_name_plural = _("role grants")
        constraints = [
            models.UniqueConstraint(fields=["person", "organisation", "role"], condition=models.Q(state="pending"),
                                    name="accounts_rolegrant_one_pending"),
        ]

    def __str__(self):
        return f"{self.person} – {self.organisation} ({self.get_role_display()})"


class SessionRecord(models.Model):
    """What a person sees of one of their signed-in sessions ("Mina sessioner"): kept beside the session itself."""

    session_key = models.CharField(_("session key"), max_length=64, unique=True)
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="session_records", verbose_name=_("person"))
    created_at = models.DateTimeField(_("signed in"))
    last_seen = models.DateTimeField(_("last seen"))
    address = models.GenericIPAddressField(_("address"), null=True, blank=True)
    user_agent = models.CharField(_("browser"), max_length=300, blank=True)

    class Meta:
        ordering = ["-last_seen"]
        verbose_name = _("session")
        verbose_name_plural = _("sessions")

    def __str__(self):
        return f"{self.person} ({self.created_at:%Y-%m-%d %H:%M})"
