"""Promises (medborgarlöften), their commitments and activities, and signing.

A promise is edited as a draft. Sending it for signing freezes its text into an
immutable ``PromiseVersion`` identified by a SHA-256 of a canonical
serialisation; signatures cover that hash. Editing afterwards makes a new
version, so every earlier signature no longer counts.
"""

import datetime
import hashlib
import json

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from medborgarloften.areas.models import Municipality, Organisation
from medborgarloften.core.dated import Dated
from medborgarloften.scope.themes import Theme


class CollaborationAgreement(Dated):
    """The collaboration agreement (samverkansöverenskommelse) a promise belongs to."""

    title = models.CharField(_("title"), max_length=200)
    municipalities = models.ManyToManyField(Municipality, related_name="collaboration_agreements", verbose_name=_("municipalities"))
    valid_from = models.DateField(_("valid from"))
    url = models.URLField(_("link"), blank=True)

    class Meta:
        ordering = ["-valid_from", "title"]
        verbose_name = _("collaboration agreement")
        verbose_name_plural = _("collaboration agreements")
        constraints = [Dated.ends_after_start("agreement_ends_after_start")]

    def __str__(self):
        return self.title


def three_year_limit(start):
    """Return the last day a promise starting on ``start`` may run to: three years on.

    A calendar year runs 1 Jan–31 Dec, so a promise from 1 January 2017 may run
    to 1 January 2020 at the latest (and to 31 December 2019 in practice).
    """
    if start.year + 3 > datetime.MAXYEAR:
        return datetime.date.max  # no calendar beyond 9999: the model's year checks refuse such a date anyway
    return start.replace(year=start.year + 3, day=28 if (start.month, start.day) == (2, 29) else start.day)


def validate_year(value):
    """Refuse a year no promise could be about (a typo such as 218 for 2018)."""
    if value is not None and not 1990 <= value <= 2100:
        raise ValidationError(_("Give a year between 1990 and 2100."), code="baseline_year")


def public_promise_filter():
    """Return the Q for promises residents may read: published, superseded, or withdrawn after publication."""
    return Q(state__in=Promise.PUBLIC_STATES) | Q(state=Promise.State.WITHDRAWN, published_at__isnull=False)


class Promise(models.Model):
    class State(models.TextChoices):
        DRAFT = "draft", _("Draft")
        APPROVED = "approved", _("Approved by the municipal body")
        AWAITING_SIGNATURES = "awaiting_signatures", _("Awaiting signatures")
        SIGNED = "signed", _("Signed")
        PUBLISHED = "published", _("Published")
        WITHDRAWN = "withdrawn", _("Withdrawn")
        SUPERSEDED = "superseded", _("Superseded")
        # Its period ended and its final report is published.
        CLOSED = "closed", _("Closed with its final report")

    # States whose text may still be changed (a change after sending for
    # signing makes a new version).
    EDITABLE_STATES = (State.DRAFT, State.APPROVED, State.AWAITING_SIGNATURES, State.SIGNED)
    # States in which a promise is in force or was, and so counts on the
    # county pages; a promise withdrawn after publication stays readable (with
    # the reason) but no longer counts.
    PUBLIC_STATES = (State.PUBLISHED, State.SUPERSEDED, State.CLOSED)

    title = models.CharField(_("title"), max_length=200)
    municipalities = models.ManyToManyField(Municipality, related_name="promises", verbose_name=_("municipalities"))
    valid_from = models.DateField(_("valid from"))
    valid_to = models.DateField(_("valid to"), null=True, blank=True, help_text=_("Leave empty if the promise runs until a new one is signed."))
    situation = models.TextField(
        _("the situation today"), blank=True,
        help_text=_("The sources of the local problem picture and why these focus areas were chosen."),
    )
    follow_up = models.TextField(_("follow-up"), blank=True, help_text=_("How and how often the promise will be followed up."))
    # The focus areas (fokusområden) chosen from the problem picture, as themes
    # of the shared taxonomy; each should have a commitment on its theme.
    focus_themes = models.JSONField(
        _("focus areas"), default=list, blank=True,
        help_text=_("The themes the promise focuses on, chosen from the local problem picture."),
    )
    state = models.CharField(_("state"), max_length=30, choices=State.choices, default=State.DRAFT, db_index=True)
    collaboration_agreement = models.ForeignKey(
        CollaborationAgreement, on_delete=models.SET_NULL, null=True, blank=True, related_name="promises",
        verbose_name=_("collaboration agreement"),
    )
    based_on = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="copies", verbose_name=_("based on"),
    )
    # Published promises of the same municipalities whose period this one
    # overlaps: chosen explicitly, superseded when this one is published.
    replaces = models.ManyToManyField(
        "self", symmetrical=False, blank=True, related_name="replaced_by", verbose_name=_("replaces"),
    )
    superseded_at = models.DateTimeField(_("superseded"), null=True, blank=True)
    approved_by_body = models.CharField(_("approved by"), max_length=200, blank=True)
    approved_on = models.DateField(_("approved on"), null=True, blank=True)
    # SHA-256 of the text the municipal body approved: an edit that changes it
    # sends the promise back to draft, a follow-up change (status) does not.
    approved_hash = models.CharField(_("SHA-256 of the approved text"), max_length=64, blank=True)
    published_at = models.DateTimeField(_("published"), null=True, blank=True)
    # Signed on paper before the platform was used: the signatures are records
    # of that, not digital signatures, and the public page says so.
    registered_afterwards = models.BooleanField(_("registered afterwards"), default=False)
    extended_to = models.DateField(_("extended to"), null=True, blank=True)
    withdrawn_reason = models.TextField(_("reason for withdrawal"), blank=True, validators=[MaxLengthValidator(2000)])
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        ordering = ["-valid_from", "title"]
        verbose_name = _("citizen promise")
        verbose_name_plural = _("citizen promises")
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True) | Q(valid_to__gt=models.F("valid_from")),
                name="promise_ends_after_start",
            ),
        ]

    def __str__(self):
        return self.title


    def get_workspace_url(self):
        return reverse("promises:detail", kwargs={"pk": self.pk})

    @property
    def year(self):
        return self.valid_from.year

    @property
    def ends_on(self):
        """Return the last day of validity including extensions, or None if it runs until replaced."""
        return self.extended_to or self.valid_to

    @property
    def is_public(self):
        return self.state in self.PUBLIC_STATES or (self.state == self.State.WITHDRAWN and self.published_at is not None)

    def covers_year(self, year):
        return self.valid_from.year <= year and (self.ends_on is None or self.ends_on.year >= year)

    def clean(self):
        for field in ("valid_from", "valid_to"):
            value = getattr(self, field)
            if value and not 1990 <= value.year <= 2100:
                raise ValidationError({field: ValidationError(_("Give a date between 1990 and 2100."), code="implausible_date")})
        if self.valid_to and self.valid_from and self.valid_to <= self.valid_from:
            raise ValidationError(
                {"valid_to": ValidationError(_("The end date must be after the start date."), code="end_before_start")}
            )
        if self.valid_to and self.valid_from and self.valid_to > three_year_limit(self.valid_from):
            raise ValidationError(
                {"valid_to": ValidationError(_("A promise runs for at most three years."), code="too_long")}
            )

    def clean_fields(self, exclude=None):
        super().clean_fields(exclude=exclude)
        known = set(Theme.values)
        if not isinstance(self.focus_themes, list) or any(theme not in known for theme in self.focus_themes):
            raise ValidationError({"focus_themes": ValidationError(_("Choose focus areas from the list of themes."), code="unknown_theme")})

    @property
    def focus_theme_labels(self):
        labels = dict(Theme.choices)
        return [str(labels[theme]) for theme in self.focus_themes if theme in labels]

    def contains_period(self, start, end):
        """True if [start, end] (either may be None) lies inside the promise's period, extensions included."""
        ends_on = self.ends_on
        if start and (start < self.valid_from or (ends_on and start > ends_on)):
            return False
        if end and (end < self.valid_from or (ends_on and end > ends_on)):
            return False
        return True


class PromiseParty(models.Model):
    """An organisation that makes the promise; signing parties must sign every version."""

    promise = models.ForeignKey(Promise, on_delete=models.CASCADE, related_name="parties", verbose_name=_("promise"))
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="promise_parties", verbose_name=_("organisation"))
    signs = models.BooleanField(_("signs the promise"), default=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = _("party")
        verbose_name_plural = _("parties")
        constraints = [models.UniqueConstraint(fields=["promise", "organisation"], name="one_party_per_organisation")]

    def __str__(self):
        return str(self.organisation)


class Commitment(models.Model):
    """A focus area of the promise and what the parties promise in it."""

    promise = models.ForeignKey(Promise, on_delete=models.CASCADE, related_name="commitments", verbose_name=_("promise"))
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    focus_area = models.CharField(_("focus area"), max_length=200)
    theme = models.CharField(
        _("theme"), max_length=40, choices=Theme.choices, blank=True, db_index=True,
        help_text=_("The problem theme the commitment answers; it finds what other municipalities promised on it."),
    )
    pledge = models.TextField(_("promise"), help_text=_("E.g. The police and the municipality promise to …"))
    goal = models.TextField(_("goal"), blank=True)
    indicator = models.CharField(_("indicator"), max_length=300, blank=True)
    baseline_year = models.PositiveSmallIntegerField(_("baseline year"), null=True, blank=True, validators=[validate_year])
    # The problems of the local problem picture this commitment answers ("Därför lovar vi detta").
    problems = models.ManyToManyField("problems.Problem", blank=True, related_name="commitments",
                                      verbose_name=_("problems it answers"))

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = _("commitment")
        verbose_name_plural = _("commitments")

    def __str__(self):
        return self.focus_area


class Activity(models.Model):
    class Responsible(models.TextChoices):
        POLICE = "police", _("The police")
        MUNICIPALITY = "municipality", _("The municipality")
        BOTH = "both", _("The police and the municipality")
        PARTNERS = "partners", _("Named partners")

    class Status(models.TextChoices):
        PLANNED = "planned", _("Planned")
        ONGOING = "ongoing", _("Ongoing")
        DONE = "done", _("Done")
        PARTLY_DONE = "partly_done", _("Partly done")
        NOT_DONE = "not_done", _("Not done")

    commitment = models.ForeignKey(Commitment, on_delete=models.CASCADE, related_name="activities", verbose_name=_("commitment"))
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    description = models.TextField(_("activity"))
    responsible = models.CharField(_("responsible"), max_length=20, choices=Responsible.choices, default=Responsible.BOTH)
    partners = models.ManyToManyField(
        Organisation, blank=True, related_name="activities", verbose_name=_("partners"),
        limit_choices_to={"kind": Organisation.Kind.PARTNER},
    )
    target_quantity = models.PositiveIntegerField(_("at least"), null=True, blank=True)
    unit = models.CharField(_("unit"), max_length=100, blank=True, help_text=_("E.g. traffic checks, school visits."))
    recurrence = models.CharField(_("when"), max_length=200, blank=True, help_text=_("E.g. Thursdays and Sundays, January–April."))
    period_start = models.DateField(_("from"), null=True, blank=True)
    period_end = models.DateField(_("to"), null=True, blank=True)
    places = models.CharField(_("places"), max_length=300, blank=True)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.PLANNED)

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = _("activity")
        verbose_name_plural = _("activities")
        constraints = [
            models.CheckConstraint(
                condition=Q(period_end__isnull=True) | Q(period_start__isnull=True) | Q(period_end__gte=models.F("period_start")),
                name="activity_ends_after_start",
            ),
        ]

    def __str__(self):
        return self.description[:80]

    def clean(self):
        if self.period_start and self.period_end and self.period_end < self.period_start:
            raise ValidationError(
                {"period_end": ValidationError(_("The end date must be after the start date."), code="end_before_start")}
            )
        if self.target_quantity is not None and not self.unit:
            raise ValidationError({"unit": ValidationError(_("Say what is counted, e.g. traffic checks."), code="unit_required")})


def content_hash(content):
    """Return the SHA-256 (hex) of ``content``'s canonical serialisation."""
    return hashlib.sha256(canonical_json(content)).hexdigest()


def canonical_json(content):
    """Return the canonical byte serialisation of a version's content.

    Sorted keys, no insignificant whitespace and UTF-8 make the bytes, and so
    the hash, depend only on the content.
    """
    return json.dumps(content, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode("utf-8")


class PromiseVersion(models.Model):
    """An immutable snapshot of a promise's text, the thing that is signed."""

    promise = models.ForeignKey(Promise, on_delete=models.CASCADE, related_name="versions", verbose_name=_("promise"))
    number = models.PositiveIntegerField(_("version"))
    content = models.JSONField(_("content"))
    content_hash = models.CharField(_("SHA-256"), max_length=64)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+", verbose_name=_("created by"),
    )

    class Meta:
        ordering = ["promise", "-number"]
        get_latest_by = "number"
        verbose_name = _("promise version")
        verbose_name_plural = _("promise versions")
        constraints = [models.UniqueConstraint(fields=["promise", "number"], name="one_version_number_per_promise")]

    def __str__(self):
        return f"{self.promise} v{self.number}"

    def compute_hash(self):
        return content_hash(self.content)

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise ValidationError(_("A signed version can never be changed."), code="immutable")
        self.content_hash = self.compute_hash()
        super().save(*args, **kwargs)


class Signature(models.Model):
    """One party's signature on one exact version (its hash).

    A signature given on paper before the platform was used is registered
    afterwards: no person signed here, ``registered_by`` typed the name and
    title as they stand on the paper, and ``signed_at`` is the paper's date.
    """

    version = models.ForeignKey(PromiseVersion, on_delete=models.PROTECT, related_name="signatures", verbose_name=_("version"))
    party = models.ForeignKey(PromiseParty, on_delete=models.PROTECT, related_name="signatures", verbose_name=_("party"))
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="signatures", verbose_name=_("person"),
    )
    on_paper = models.BooleanField(_("signed on paper"), default=False)
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("registered by"),
    )
    # Name, title and organisation as they were when signing: they stay on the
    # document even if the person later changes role.
    name = models.CharField(_("name"), max_length=200)
    title = models.CharField(_("title"), max_length=200)
    organisation_name = models.CharField(_("organisation"), max_length=200)
    signed_at = models.DateTimeField(_("signed"))
    content_hash = models.CharField(_("SHA-256"), max_length=64)

    class Meta:
        ordering = ["signed_at", "pk"]
        verbose_name = _("signature")
        verbose_name_plural = _("signatures")
        constraints = [
            models.UniqueConstraint(fields=["version", "party"], name="one_signature_per_party_per_version"),
            models.CheckConstraint(condition=Q(on_paper=True) | Q(person__isnull=False), name="digital_signature_has_a_person"),
        ]

    def __str__(self):
        return f"{self.name}, {self.organisation_name}"


class Decline(models.Model):
    """A signatory's refusal to sign a version, with the reason that goes back to the drafters.

    The promise returns to draft; the drafters change the text and send a new version.
    """

    version = models.ForeignKey(PromiseVersion, on_delete=models.PROTECT, related_name="declines", verbose_name=_("version"))
    party = models.ForeignKey(PromiseParty, on_delete=models.PROTECT, related_name="declines", verbose_name=_("party"))
    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("person"))
    name = models.CharField(_("name"), max_length=200)
    organisation_name = models.CharField(_("organisation"), max_length=200)
    comment = models.TextField(_("comment to the drafters"), validators=[MaxLengthValidator(2000)])
    declined_at = models.DateTimeField(_("declined"))

    class Meta:
        ordering = ["-declined_at", "-pk"]
        verbose_name = _("declined version")
        verbose_name_plural = _("declined versions")

    def __str__(self):
        return f"{self.name}, {self.organisation_name}"


class Extension(models.Model):
    """A proposal to extend a published promise, in force once every signing party has agreed.

    Extending changes how long the parties promise something, so, like the
    promise itself, it needs each signing party: one signatory per party agrees.
    """

    class State(models.TextChoices):
        PROPOSED = "proposed", _("Proposed")
        AGREED = "agreed", _("Agreed")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    promise = models.ForeignKey(Promise, on_delete=models.CASCADE, related_name="extensions", verbose_name=_("promise"))
    until = models.DateField(_("new end date"))
    reason = models.TextField(_("reason"), blank=True, validators=[MaxLengthValidator(2000)])
    state = models.CharField(_("state"), max_length=20, choices=State.choices, default=State.PROPOSED)
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+", verbose_name=_("proposed by"),
    )
    proposed_at = models.DateTimeField(_("proposed"), auto_now_add=True)
    decided_on = models.DateField(_("agreed on"), null=True, blank=True)

    class Meta:
        ordering = ["-proposed_at", "-pk"]
        verbose_name = _("extension")
        verbose_name_plural = _("extensions")
        constraints = [
            models.UniqueConstraint(fields=["promise"], condition=Q(state="proposed"), name="one_open_extension_per_promise"),
        ]

    def __str__(self):
        return f"{self.promise} → {self.until}"


class ExtensionConsent(models.Model):
    """One signing party's agreement to an extension, given by one of its signatories."""

    extension = models.ForeignKey(Extension, on_delete=models.CASCADE, related_name="consents", verbose_name=_("extension"))
    party = models.ForeignKey(PromiseParty, on_delete=models.PROTECT, related_name="extension_consents", verbose_name=_("party"))
    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("person"))
    name = models.CharField(_("name"), max_length=200)
    title = models.CharField(_("title"), max_length=200)
    organisation_name = models.CharField(_("organisation"), max_length=200)
    agreed_at = models.DateTimeField(_("agreed"))

    class Meta:
        ordering = ["agreed_at", "pk"]
        verbose_name = _("consent to an extension")
        verbose_name_plural = _("consents to extensions")
        constraints = [models.UniqueConstraint(fields=["extension", "party"], name="one_consent_per_party_per_extension")]

    def __str__(self):
        return f"{self.name}, {self.organisation_name}"
