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
