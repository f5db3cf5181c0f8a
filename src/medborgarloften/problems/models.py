"""The local problem picture (lokal problembild): problems, their evidence, suggestions and the priority decision.

A ``ProblemPicture`` names a cycle's municipalities (one, or a local police
area's together) and year. Police and municipality add ``Problem``s to it,
each with ``EvidenceLink``s to the survey, the dialogues, the statistics and
staff knowledge. Approving freezes the picture into an immutable
``ProblemPictureVersion`` (canonical JSON and its SHA-256, like a promise's
version); it is approved once an editor of every party (each municipality and
each police unit covering them) has approved the same version.
"""

import hashlib
import json

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator, MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from medborgarloften.dialogues.models import Comment
from medborgarloften.areas.models import LocalPoliceArea, Municipality, Organisation, Place, SubArea
from medborgarloften.scope.themes import Theme
from medborgarloften.statistics.models import Category
from medborgarloften.surveys.models import Survey

TEXT_LIMIT = 4000


def canonical_json(content):
    """Return the canonical bytes of ``content``: sorted keys, no insignificant whitespace, UTF-8."""
    return json.dumps(content, sort_keys=True, separators=(",", ":"), ensure_ascii=False, default=str).encode("utf-8")


def content_hash(content):
    """Return the SHA-256 (hex) of ``content``'s canonical serialisation."""
    return hashlib.sha256(canonical_json(content)).hexdigest()


class ProblemPicture(models.Model):
    class State(models.TextChoices):
        DRAFT = "draft", _("Draft")
        APPROVED = "approved", _("Approved by police and municipality")

    title = models.CharField(_("title"), max_length=200)
    municipalities = models.ManyToManyField(Municipality, related_name="problem_pictures", verbose_name=_("municipalities"))
    local_police_area = models.ForeignKey(
        LocalPoliceArea, on_delete=models.PROTECT, null=True, blank=True, related_name="problem_pictures",
        verbose_name=_("local police area"), help_text=_("Set when the picture covers a local police area's municipalities together."))
    year = models.PositiveSmallIntegerField(
        _("year of the cycle"), validators=[MinValueValidator(1990), MaxValueValidator(2100)],
        help_text=_("The year of the promises the picture is for."))
    evidence_from = models.DateField(_("evidence from"), help_text=_("The first day of the period the evidence covers."))
    evidence_to = models.DateField(_("evidence to"), help_text=_("The last day of the period the evidence covers."))
    state = models.CharField(_("state"), max_length=20, choices=State.choices, default=State.DRAFT, db_index=True)
    approved_at = models.DateTimeField(_("approved"), null=True, blank=True)
    # The newest version every party approved: what the public pages show, also while a later edit waits for approval.
    approved_version = models.ForeignKey("ProblemPictureVersion", on_delete=models.SET_NULL, null=True, blank=True,
                                         related_name="+", verbose_name=_("approved version"))
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        ordering = ["-year", "title"]
        verbose_name = _("problem picture")
        verbose_name_plural = _("problem pictures")
        constraints = [
            models.CheckConstraint(condition=Q(evidence_to__gte=models.F("evidence_from")),
                                   name="problems_picture_evidence_period_ordered"),
        ]

    def __str__(self):
        return self.title

    def get_workspace_url(self):
        return reverse("problems:detail", kwargs={"pk": self.pk})

    def get_absolute_url(self):
        return self.get_workspace_url()

    def clean(self):
        if self.evidence_from and self.evidence_to and self.evidence_to < self.evidence_from:
            raise ValidationError({"evidence_to": ValidationError(
                _("The end date must be after the start date."), code="end_before_start")})


class ProblemPictureVersion(models.Model):
    """An immutable snapshot of a problem picture: what police and municipality approve."""

    picture = models.ForeignKey(ProblemPicture, on_delete=models.CASCADE, related_name="versions", verbose_name=_("problem picture"))
    number = models.PositiveIntegerField(_("version"))
    content = models.JSONField(_("content"))
    content_hash = models.CharField(_("SHA-256"), max_length=64)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")

    class Meta:
        ordering = ["picture", "-number"]
        get_latest_by = "number"
        verbose_name = _("problem picture version")
        verbose_name_plural = _("problem picture versions")
        constraints = [models.UniqueConstraint(fields=["picture", "number"], name="problems_one_version_number_per_picture")]

    def __str__(self):
        return f"{self.picture} v{self.number}"

    def compute_hash(self):
        return content_hash(self.content)

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise ValidationError(_("An approved version can never be changed."), code="immutable")
        self.content_hash = self.compute_hash()
        super().save(*args, **kwargs)


class Approval(models.Model):
    """One party's approval of one exact version (its hash), given by one of its editors."""

    version = models.ForeignKey(ProblemPictureVersion, on_delete=models.PROTECT, related_name="approvals", verbose_name=_("version"))
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+", verbose_name=_("organisation"))
    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("person"))
    name = models.CharField(_("name"), max_length=200)
    organisation_name = models.CharField(_("organisation"), max_length=200)
    approved_at = models.DateTimeField(_("approved"))
    content_hash = models.CharField(_("SHA-256"), max_length=64)

    class Meta:
        ordering = ["approved_at", "pk"]
        verbose_name = _("approval")
        verbose_name_plural = _("approvals")
        constraints = [models.UniqueConstraint(fields=["version", "organisation"], name="problems_one_approval_per_party")]

    def __str__(self):
        return f"{self.name}, {self.organisation_name}"


class Problem(models.Model):
    picture = models.ForeignKey(ProblemPicture, on_delete=models.CASCADE, related_name="problems", verbose_name=_("problem picture"))
    title = models.CharField(_("title"), max_length=200)
    theme = models.CharField(_("theme"), max_length=40, choices=Theme.choices)
    description = models.TextField(_("description"), blank=True, validators=[MaxLengthValidator(TEXT_LIMIT)])
    places = models.ManyToManyField(Place, blank=True, related_name="+", verbose_name=_("places"))
    sub_areas = models.ManyToManyField(SubArea, blank=True, related_name="+", verbose_name=_("sub-areas"))
    place_notes = models.CharField(_("other places"), max_length=300, blank=True)
    times = models.CharField(_("when"), max_length=300, blank=True, help_text=_("E.g. weekend nights, the ski season."))
    affected = models.CharField(_("who is affected"), max_length=300, blank=True)
    causes = models.TextField(_("causes"), blank=True, validators=[MaxLengthValidator(TEXT_LIMIT)])
    cause_offender = models.TextField(_("causes: offenders"), blank=True, validators=[MaxLengthValidator(TEXT_LIMIT)])
    cause_victim = models.TextField(_("causes: victims"), blank=True, validators=[MaxLengthValidator(TEXT_LIMIT)])
    cause_place = models.TextField(_("causes: the place"), blank=True, validators=[MaxLengthValidator(TEXT_LIMIT)])
    # 1 is the highest priority; None: not prioritised (yet, or after a decision).
    priority = models.PositiveSmallIntegerField(_("priority"), null=True, blank=True)
    priority_reason = models.TextField(_("reason for the priority"), blank=True, validators=[MaxLengthValidator(TEXT_LIMIT)])
    public = models.BooleanField(_("public"), default=True,
                                 help_text=_("Shown to residents once the picture is approved (its public evidence only)."))
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        ordering = [models.F("priority").asc(nulls_last=True), "pk"]
        verbose_name = _("problem")
        verbose_name_plural = _("problems")
        constraints = [
            models.UniqueConstraint(fields=["picture", "priority"], name="problems_one_problem_per_rank"),
            models.CheckConstraint(condition=Q(priority__isnull=True) | Q(priority__gte=1), name="problems_rank_from_one"),
        ]

    def __str__(self):
        return self.title


class Suggestion(models.Model):
    """A candidate problem the product proposes from the evidence; people accept, merge or dismiss it."""

    class Basis(models.TextChoices):
        SURVEY_LEVEL = "survey_level", _("High problem level in the survey")
        SURVEY_RISE = "survey_rise", _("Significant rise in the survey")
        COMMENT_THEME = "comment_theme", _("Frequent theme in comments and observations")
        COMMENT_PLACE = "comment_place", _("Place named often in comments and observations")
        CRIME_RISE = "crime_rise", _("Reported crimes rising fast")
        CRIME_ABOVE_COUNTY = "crime_above_county", _("Reported crimes far above the county's rate")

    class State(models.TextChoices):
        OPEN = "open", _("Open")
        ACCEPTED = "accepted", _("Accepted")
        MERGED = "merged", _("Merged into a problem")
        DISMISSED = "dismissed", _("Dismissed")

    picture = models.ForeignKey(ProblemPicture, on_delete=models.CASCADE, related_name="suggestions", verbose_name=_("problem picture"))
    key = models.CharField(max_length=200)  # what was suggested, so that a second run adds nothing twice
    basis = models.CharField(_("why"), max_length=30, choices=Basis.choices)
    title = models.CharField(_("title"), max_length=200)
    theme = models.CharField(_("theme"), max_length=40, choices=Theme.choices)
    summary = models.CharField(_("summary"), max_length=500)
    strength = models.FloatField(_("strength"), default=0)
    places = models.ManyToManyField(Place, blank=True, related_name="+", verbose_name=_("places"))
    state = models.CharField(_("state"), max_length=20, choices=State.choices, default=State.OPEN, db_index=True)
    problem = models.ForeignKey(Problem, on_delete=models.SET_NULL, null=True, blank=True, related_name="suggestions",
                                verbose_name=_("problem"))
    reason = models.TextField(_("reason"), blank=True, validators=[MaxLengthValidator(TEXT_LIMIT)])
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    created_at = models.DateTimeField(_("suggested"), auto_now_add=True)

    class Meta:
        ordering = ["-strength", "pk"]
        verbose_name = _("suggested problem")
        verbose_name_plural = _("suggested problems")
        constraints = [
            models.UniqueConstraint(fields=["picture", "key"], name="problems_one_suggestion_per_key"),
            models.CheckConstraint(condition=~Q(state="dismissed") | ~Q(reason=""), name="problems_dismissal_has_reason"),
        ]

    def __str__(self):
        return self.title


class EvidenceLink(models.Model):
    """One piece of evidence behind a problem (or a suggestion), shown as it was when linked.

    ``snapshot`` keeps the evidence as it was shown (figures, source, date);
    ``fingerprint`` is the SHA-256 of the source's values that matter. The
    check (``services.check_evidence``) recomputes the fingerprint from the
    source and flags the link as ``stale`` when it differs or the source is
    gone (an unpublished survey, a withdrawn comment, a re-imported series):
    the snapshot is never silently replaced.
    """

    class Kind(models.TextChoices):
        SURVEY = "survey", _("Survey result")
        DIALOGUES = "dialogues", _("Comments and observations on a theme")
        COMMENT = "comment", _("A resident's comment")
        STATISTICS = "statistics", _("Statistics series")
        STAFF = "staff", _("Staff knowledge (restricted)")

    problem = models.ForeignKey(Problem, on_delete=models.CASCADE, null=True, blank=True, related_name="evidence",
                                verbose_name=_("problem"))
    suggestion = models.ForeignKey(Suggestion, on_delete=models.CASCADE, null=True, blank=True, related_name="evidence",
                                   verbose_name=_("suggestion"))
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT, related_name="+", verbose_name=_("municipality"))
    # The source, by kind.
    survey = models.ForeignKey(Survey, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("survey"))
    item = models.CharField(_("survey item"), max_length=80, blank=True)
    theme = models.CharField(_("theme"), max_length=40, choices=Theme.choices, blank=True)
    comment = models.ForeignKey(Comment, on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
                                verbose_name=_("comment"))
    category = models.ForeignKey(Category, on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
                                 verbose_name=_("statistics category"))
    year = models.PositiveSmallIntegerField(_("year"), null=True, blank=True)
    since = models.DateField(_("from"), null=True, blank=True)
    until = models.DateField(_("to"), null=True, blank=True)
    # Staff knowledge: what staff know, never public.
    text = models.TextField(_("what staff know"), blank=True, validators=[MaxLengthValidator(TEXT_LIMIT)])
    # The evidence as shown, and its source's fingerprint.
    snapshot = models.JSONField(_("evidence as shown"), default=dict)
    source_name = models.CharField(_("source"), max_length=300)
    source_date = models.DateField(_("date of the source"), null=True, blank=True)
    fingerprint = models.CharField(_("fingerprint of the source"), max_length=64, blank=True)
    stale = models.BooleanField(_("source changed"), default=False, db_index=True)
    stale_reason = models.CharField(_("what changed"), max_length=500, blank=True)
    checked_at = models.DateTimeField(_("checked"), null=True, blank=True)
    added_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    added_at = models.DateTimeField(_("linked"), auto_now_add=True)

    class Meta:
        ordering = ["kind", "pk"]
        verbose_name = _("evidence link")
        verbose_name_plural = _("evidence links")
        constraints = [
            models.CheckConstraint(condition=Q(problem__isnull=False) | Q(suggestion__isnull=False),
                                   name="problems_evidence_belongs_somewhere"),
            models.CheckConstraint(condition=~Q(kind="staff") | ~Q(text=""), name="problems_staff_knowledge_has_text"),
        ]

    def __str__(self):
        return self.snapshot.get("label") or self.get_kind_display()

    @property
    def is_restricted(self):
        """Staff knowledge is for police and municipal staff only: never on a public page, feed or export."""
        return self.kind == self.Kind.STAFF

    def source_key(self):
        """Return what identifies the source, so the same evidence is not linked twice to one problem."""
        return (self.kind, self.municipality_id, self.survey_id, self.item, self.theme, self.comment_id,
                self.category_id, self.year, self.text if self.kind == self.Kind.STAFF else "")


class Decision(models.Model):
    """The priority order decided by people, with its justification (the latest one is in force)."""

    picture = models.ForeignKey(ProblemPicture, on_delete=models.CASCADE, related_name="decisions", verbose_name=_("problem picture"))
    order = models.JSONField(_("priority order"))  # [{"id", "title", "rank", "citizen_score", "reason"}]
    justification = models.TextField(_("justification"), validators=[MaxLengthValidator(TEXT_LIMIT)])
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    decided_at = models.DateTimeField(_("decided"), auto_now_add=True)

    class Meta:
        ordering = ["-decided_at", "-pk"]
        verbose_name = _("priority decision")
        verbose_name_plural = _("priority decisions")

    def __str__(self):
        return f"{self.picture} {self.decided_at:%Y-%m-%d}"
