"""A rendered, signed PDF, stored once per kind and content."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from medborgarloften.areas.models import County, Municipality
from medborgarloften.jobs.models import Job
from medborgarloften.promises.models import PromiseVersion


class Document(models.Model):
    """One PDF the platform issued: what it shows (``source``), its hashes, and the stored file.

    ``source_hash`` is the SHA-256 of everything the PDF draws, so a file is
    rendered once per content and a change (a new follow-up report, a new
    layout) makes a new document. ``content_hash`` is the hash printed in the
    document: a promise's signed version hash, or for a follow-up document its
    source hash. ``file_sha256`` is the hash of the signed file's bytes.
    """

    class Kind(models.TextChoices):
        PROMISE = "promise", _("Citizen promise")
        MUNICIPALITY_FOLLOWUP = "municipality_followup", _("Yearly follow-up of a municipality")
        COUNTY_FOLLOWUP = "county_followup", _("Yearly follow-up of a county")
        SITUATION_REPORT = "situation_report", _("Situation picture of crime (staff only)")
        ACTION_PLAN = "action_plan", _("Action plan against crime (staff only)")

    class State(models.TextChoices):
        PENDING = "pending", _("Being prepared")
        READY = "ready", _("Ready")
        FAILED = "failed", _("Failed")

    kind = models.CharField(_("kind"), max_length=30, choices=Kind.choices)
    source_hash = models.CharField(_("SHA-256 of the content drawn"), max_length=64)
    content_hash = models.CharField(_("SHA-256 printed in the document"), max_length=64, db_index=True)
    source = models.JSONField(_("content drawn"))
    version = models.ForeignKey(
        PromiseVersion, on_delete=models.PROTECT, null=True, blank=True, related_name="documents", verbose_name=_("version"),
    )
    municipality = models.ForeignKey(
        Municipality, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("municipality"),
    )
    county = models.ForeignKey(County, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("county"))
    year = models.PositiveSmallIntegerField(_("year"), null=True, blank=True)
    state = models.CharField(_("state"), max_length=20, choices=State.choices, default=State.PENDING)
    file = models.FileField(_("file"), upload_to="documents/", blank=True)
    file_sha256 = models.CharField(_("SHA-256 of the file"), max_length=64, blank=True, db_index=True)
    size = models.PositiveIntegerField(_("size in bytes"), null=True, blank=True)
    certificate_sha256 = models.CharField(_("SHA-256 of the signing certificate"), max_length=64, blank=True)
    job = models.ForeignKey(Job, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("job"))
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    rendered_at = models.DateTimeField(_("rendered"), null=True, blank=True)
    failed_at = models.DateTimeField(_("failed"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("signed document")
        verbose_name_plural = _("signed documents")
        constraints = [
            models.UniqueConstraint(fields=["kind", "source_hash"], name="one_document_per_kind_and_content"),
            models.CheckConstraint(
                condition=~models.Q(state="ready") | (~models.Q(file="") & ~models.Q(file_sha256="")),
                name="ready_document_has_a_file",
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} {self.content_hash[:12]}"

    @property
    def is_public(self):
        """True if anyone may see that the document exists (the verification page shows only these)."""
        return self.kind in PUBLIC_KINDS

    @property
    def is_ready(self):
        return self.state == self.State.READY


# The kinds the public verification page may name. The statutory lägesbild and
# åtgärdsplan are working documents of the problem picture's staff: the
# verification page never says anything about them.
PUBLIC_KINDS = (Document.Kind.PROMISE, Document.Kind.MUNICIPALITY_FOLLOWUP, Document.Kind.COUNTY_FOLLOWUP)
