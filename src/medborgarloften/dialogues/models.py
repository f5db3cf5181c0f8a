"""Dialogues: what residents and staff said, where, and what a safety walk found.

A ``Dialogue`` is one meeting, safety walk, school visit, stand, online
dialogue or staff dialogue in a municipality. ``Comment``s (synpunkter) come
from a dialogue or straight from a resident on the public site; a safety
walk's ``Observation``s are tracked until they are fixed.

What the public may see is decided in exactly one place, the ``public()``
methods of the query sets below (and ``is_public`` on the rows, which says
the same for one object): staff dialogues and everything hanging off them
never, comments only once approved, attachments only when marked public.
"""

import uuid
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from medborgarloften.areas.models import Municipality, Organisation, Place
from medborgarloften.scope.themes import Theme

# The same box as areas.Place: coordinates that lie in Sweden.
LATITUDE_RANGE = (Decimal(55), Decimal(70))
LONGITUDE_RANGE = (Decimal(10), Decimal(25))


def coordinates_error(latitude, longitude):
    """Return a ValidationError for a half-given or out-of-Sweden pair of coordinates, or None."""
    if (latitude is None) != (longitude is None):
        return ValidationError(_("Give both latitude and longitude, or neither."), code="half_coordinates")
    if latitude is not None and not (
        LATITUDE_RANGE[0] <= latitude <= LATITUDE_RANGE[1] and LONGITUDE_RANGE[0] <= longitude <= LONGITUDE_RANGE[1]
    ):
        return ValidationError(_("The coordinates lie outside Sweden."), code="outside_sweden")
    return None


def _coordinate_constraints(prefix):
    return [
        models.CheckConstraint(
            condition=Q(latitude__isnull=True, longitude__isnull=True) | Q(latitude__isnull=False, longitude__isnull=False),
            name=f"{prefix}_has_both_coordinates_or_none",
        ),
        models.CheckConstraint(
            condition=Q(latitude__isnull=True) | Q(latitude__gte=55, latitude__lte=70, longitude__gte=10, longitude__lte=25),
            name=f"{prefix}_lies_in_sweden",
        ),
    ]


class Located(models.Model):
    """Abstract: a named place of the municipality, or coordinates, or neither."""

    place = models.ForeignKey(Place, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("place"))
    latitude = models.DecimalField(_("latitude"), max_digits=8, decimal_places=5, null=True, blank=True)
    longitude = models.DecimalField(_("longitude"), max_digits=8, decimal_places=5, null=True, blank=True)

    class Meta:
        abstract = True

    def location_errors(self, municipality_id):
        errors = {}
        if self.place_id and self.place.municipality_id != municipality_id:
            errors["place"] = ValidationError(_("The place belongs to another municipality."), code="place_elsewhere")
        error = coordinates_error(self.latitude, self.longitude)
        if error:
            errors["latitude"] = error
        return errors

    @property
    def point(self):
        """Return (latitude, longitude) as floats: the row's own coordinates, else its place's, else None."""
        if self.latitude is not None:
            return float(self.latitude), float(self.longitude)
        if self.place_id and self.place.latitude is not None:
            return float(self.place.latitude), float(self.place.longitude)
        return None


# --- dialogues ------------------------------------------------------------


class DialogueQuerySet(models.QuerySet):
    def public(self):
        """Return the dialogues anyone may see: every kind but staff dialogues."""
        return self.exclude(kind=Dialogue.Kind.STAFF)


class Dialogue(models.Model):
    class Kind(models.TextChoices):
        OPEN_MEETING = "open_meeting", _("Open meeting")
        SAFETY_WALK = "safety_walk", _("Safety walk")
        SCHOOL_VISIT = "school_visit", _("School visit")
        STAND = "stand", _("Stand at a market or event")
        ONLINE = "online", _("Online dialogue")
        STAFF = "staff", _("Staff dialogue")

    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT, related_name="dialogues", verbose_name=_("municipality"))
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    title = models.CharField(_("title"), max_length=200)
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"), null=True, blank=True)
    place = models.ForeignKey(Place, on_delete=models.SET_NULL, null=True, blank=True, related_name="dialogues", verbose_name=_("place"))
    location = models.CharField(_("venue"), max_length=200, blank=True, help_text=_("E.g. the hall or the school, if not a named place."))
    organisers = models.ManyToManyField(Organisation, blank=True, related_name="organised_dialogues", verbose_name=_("organised by"))
    partners = models.ManyToManyField(Organisation, blank=True, related_name="dialogue_partnerships", verbose_name=_("participating partners"))
    participants = models.PositiveIntegerField(_("number of participants"), null=True, blank=True)
    minutes = models.TextField(_("minutes"), blank=True)
    route = models.TextField(_("route"), blank=True, help_text=_("For a safety walk: where the walk went."))
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = DialogueQuerySet.as_manager()

    class Meta:
        ordering = ["-starts_at", "title"]
        verbose_name = _("dialogue")
        verbose_name_plural = _("dialogues")
        constraints = [
            models.CheckConstraint(condition=Q(ends_at__isnull=True) | Q(ends_at__gte=models.F("starts_at")),
                                   name="dialogue_ends_after_start"),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        """Return the public page (citizen dialogues only; staff dialogues have none)."""
        if not self.is_public:
            return None
        return reverse("dialogues:public_dialogue", kwargs={
            "code": self.municipality.code, "slug": self.municipality.slug, "pk": self.pk})

    def get_workspace_url(self):
        return reverse("dialogues:detail", kwargs={"pk": self.pk})

    @property
    def is_public(self):
        return self.kind != self.Kind.STAFF

    @property
    def is_safety_walk(self):
        return self.kind == self.Kind.SAFETY_WALK

    def clean(self):
        errors = {}
        if self.ends_at and self.starts_at and self.ends_at < self.starts_at:
            errors["ends_at"] = ValidationError(_("The end cannot be before the start."), code="ends_before_start")
        if self.place_id and self.place.municipality_id != self.municipality_id:
            errors["place"] = ValidationError(_("The place belongs to another municipality."), code="place_elsewhere")
        if errors:
            raise ValidationError(errors)


class ParticipantCount(models.Model):
    """How many of a dialogue's participants were of an age group and sex."""

    class AgeGroup(models.TextChoices):
        UNDER_16 = "0-15", _("Under 16")
        FROM_16 = "16-24", _("16–24")
        FROM_25 = "25-44", _("25–44")
        FROM_45 = "45-64", _("45–64")
        FROM_65 = "65-", _("65 and over")
        UNKNOWN = "unknown", _("Age not known")

    class Sex(models.TextChoices):
        WOMEN = "women", _("Women")
        MEN = "men", _("Men")
        OTHER = "other", _("Other or not known")

    dialogue = models.ForeignKey(Dialogue, on_delete=models.CASCADE, related_name="participant_counts")
    age_group = models.CharField(_("age group"), max_length=10, choices=AgeGroup.choices)
    sex = models.CharField(_("sex"), max_length=10, choices=Sex.choices)
    count = models.PositiveIntegerField(_("count"))

    class Meta:
        ordering = ["dialogue", "age_group", "sex"]
        constraints = [models.UniqueConstraint(fields=["dialogue", "age_group", "sex"], name="one_count_per_group")]


class ChecklistItem(models.Model):
    """One point a safety walk checks (lighting, sight lines …) and what the walk found."""

    dialogue = models.ForeignKey(Dialogue, on_delete=models.CASCADE, related_name="checklist")
    order = models.PositiveIntegerField(default=0)
    text = models.CharField(_("point to check"), max_length=300)
    checked = models.BooleanField(_("checked"), default=False)
    note = models.CharField(_("note"), max_length=500, blank=True)

    class Meta:
        ordering = ["dialogue", "order", "pk"]
        verbose_name = _("checklist item")
        verbose_name_plural = _("checklist items")

    def __str__(self):
        return self.text


class AttachmentQuerySet(models.QuerySet):
    def public(self):
        """Return the attachments anyone may download: marked public, on a public dialogue."""
        return self.filter(public=True).exclude(dialogue__kind=Dialogue.Kind.STAFF)


def _attachment_path(instance, filename):
    # A random folder per file: names are never guessable, and two uploads of
    # "minnesanteckningar.pdf" never collide.
    return f"dialogues/attachments/{uuid.uuid4().hex}/{filename}"


class Attachment(models.Model):
    dialogue = models.ForeignKey(Dialogue, on_delete=models.CASCADE, related_name="attachments", verbose_name=_("dialogue"))
    title = models.CharField(_("title"), max_length=200)
    file = models.FileField(_("file"), upload_to=_attachment_path, max_length=300)
    content_type = models.CharField(_("file type"), max_length=100)
    size = models.PositiveIntegerField(_("size in bytes"))
    public = models.BooleanField(
        _("public"), default=False,
        help_text=_("Shown on the public page of the dialogue. Never for staff dialogues."),
    )
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    uploaded_at = models.DateTimeField(_("uploaded"), auto_now_add=True)

    objects = AttachmentQuerySet.as_manager()

    class Meta:
        ordering = ["dialogue", "uploaded_at"]
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("dialogues:attachment", kwargs={"pk": self.pk})

    @property
    def is_public(self):
        return self.public and self.dialogue.is_public

    @property
    def filename(self):
        return self.file.name.rsplit("/", 1)[-1]

    def clean(self):
        if self.public and self.dialogue_id and not self.dialogue.is_public:
            raise ValidationError({"public": ValidationError(
                _("Attachments of a staff dialogue are never public."), code="staff_attachment_public")})


# --- comments -------------------------------------------------------------


class CommentQuerySet(models.QuerySet):
    def public(self):
        """Return the comments anyone may read: approved, and not from a staff dialogue."""
        return self.filter(status=Comment.Status.APPROVED).exclude(dialogue__kind=Dialogue.Kind.STAFF)

    def for_staff(self):
        """Return the comments that count for staff: all but those rejected by a moderator."""
        return self.exclude(status=Comment.Status.REJECTED)


class Comment(Located):
    class Source(models.TextChoices):
        ONLINE = "online", _("Online, from a resident")
        RECORDED = "recorded", _("Recorded by staff")

    class Status(models.TextChoices):
        PENDING = "pending", _("Awaiting moderation")
        APPROVED = "approved", _("Approved")
        REJECTED = "rejected", _("Rejected")

    class TimeOfDay(models.TextChoices):
        MORNING = "morning", _("Morning")
        DAYTIME = "daytime", _("Daytime")
        EVENING = "evening", _("Evening")
        NIGHT = "night", _("Night")
        ALL_DAY = "all_day", _("All day")

    class Weekday(models.TextChoices):
        WEEKDAYS = "weekdays", _("Weekdays")
        WEEKENDS = "weekends", _("Weekends")
        EVERY_DAY = "every_day", _("Every day")

    class Season(models.TextChoices):
        WINTER = "winter", _("Winter")
        SPRING = "spring", _("Spring")
        SUMMER = "summer", _("Summer")
        AUTUMN = "autumn", _("Autumn")
        ALL_YEAR = "all_year", _("All year")

    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT, related_name="dialogue_comments", verbose_name=_("municipality"))
    dialogue = models.ForeignKey(Dialogue, on_delete=models.CASCADE, null=True, blank=True, related_name="comments", verbose_name=_("dialogue"))
    source = models.CharField(_("source"), max_length=20, choices=Source.choices)
    # What was written; staff only. The public sees ``published_text``, which
    # the moderator may have cleared of names, phone numbers and addresses.
    text = models.TextField(_("comment"))
    published_text = models.TextField(_("published text"), blank=True)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.PENDING, db_index=True)
    rejection_reason = models.CharField(_("reason for rejection"), max_length=300, blank=True)
    moderated_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    moderated_at = models.DateTimeField(_("moderated"), null=True, blank=True)
    time_of_day = models.CharField(_("time of day"), max_length=20, choices=TimeOfDay.choices, blank=True)
    weekday = models.CharField(_("days"), max_length=20, choices=Weekday.choices, blank=True)
    season = models.CharField(_("season"), max_length=20, choices=Season.choices, blank=True)
    feels_unsafe = models.BooleanField(_("about feeling unsafe"), default=False)
    concerns_crime = models.BooleanField(_("about a crime"), default=False)
    # Contact details exist only together with the consent text the resident accepted.
    contact_name = models.CharField(_("name"), max_length=200, blank=True)
    contact_email = models.EmailField(_("e-mail"), blank=True)
    contact_phone = models.CharField(_("phone"), max_length=40, blank=True)
    contact_consent = models.TextField(_("consent given"), blank=True)
    # Theme analysis: what the analysis suggested (a list of {"theme", "score",
    # "source"}), and who confirmed the themes (the CommentTheme rows).
    suggestions = models.JSONField(_("suggested themes"), default=list, blank=True)
    analysed_at = models.DateTimeField(_("analysed"), null=True, blank=True)
    themes_confirmed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    themes_confirmed_at = models.DateTimeField(_("themes confirmed"), null=True, blank=True, db_index=True)
    # The day the comment was made: the dialogue's day, or the day a resident sent it.
    made_on = models.DateField(_("date"), db_index=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    created_at = models.DateTimeField(_("received"), auto_now_add=True, db_index=True)

    objects = CommentQuerySet.as_manager()

    class Meta:
        ordering = ["-made_on", "-pk"]
        verbose_name = _("comment")
        verbose_name_plural = _("comments")
        # The public list and the moderation queue: a municipality's comments in one state, newest first.
        indexes = [models.Index(fields=["municipality", "status", "-made_on", "-id"], name="comment_by_state_newest")]
        constraints = [
            *_coordinate_constraints("comment"),
            models.CheckConstraint(
                condition=~Q(contact_consent="") | Q(contact_name="", contact_email="", contact_phone=""),
                name="comment_contact_needs_consent",
            ),
            models.CheckConstraint(
                condition=~Q(status="approved") | ~Q(published_text=""), name="approved_comment_has_published_text",
            ),
        ]

    def __str__(self):
        return (self.published_text or self.text)[:60]

    def get_absolute_url(self):
        """Return the public page of the comment (None while it is not public)."""
        if not self.is_public:
            return None
        return reverse("dialogues:public_comment", kwargs={
            "code": self.municipality.code, "slug": self.municipality.slug, "pk": self.pk})

    def get_workspace_url(self):
        return reverse("dialogues:comment", kwargs={"pk": self.pk})

    @property
    def is_public(self):
        return self.status == self.Status.APPROVED and (self.dialogue_id is None or self.dialogue.is_public)

    @property
    def has_contact(self):
        return bool(self.contact_name or self.contact_email or self.contact_phone)

    def clean(self):
        errors = self.location_errors(self.municipality_id)
        if self.dialogue_id and self.dialogue.municipality_id != self.municipality_id:
            errors["dialogue"] = ValidationError(_("The dialogue belongs to another municipality."), code="dialogue_elsewhere")
        if self.has_contact and not self.contact_consent:
            errors["contact_consent"] = ValidationError(
                _("Contact details can only be kept with your consent."), code="contact_without_consent")
        if self.status == self.Status.APPROVED and not self.published_text.strip():
            errors["published_text"] = ValidationError(_("Give the text to publish."), code="nothing_to_publish")
        if self.status == self.Status.REJECTED and not self.rejection_reason.strip():
            errors["rejection_reason"] = ValidationError(_("Give a reason for the rejection."), code="reason_missing")
        if errors:
            raise ValidationError(errors)


class CommentTheme(models.Model):
    """A theme a coordinator confirmed for a comment: what counts and what the classifier learns from."""

    comment = models.ForeignKey(Comment, on_delete=models.CASCADE, related_name="themes")
    theme = models.CharField(_("theme"), max_length=40, choices=Theme.choices, db_index=True)

    class Meta:
        ordering = ["comment", "theme"]
        verbose_name = _("comment theme")
        verbose_name_plural = _("comment themes")
        constraints = [models.UniqueConstraint(fields=["comment", "theme"], name="one_row_per_comment_theme")]

    def __str__(self):
        return self.get_theme_display()


# --- safety-walk observations ---------------------------------------------


class ObservationQuerySet(models.QuerySet):
    def public(self):
        """Return the observations anyone may see: those of a public (non-staff) dialogue."""
        return self.exclude(dialogue__kind=Dialogue.Kind.STAFF)

    def unfixed(self):
        return self.filter(status__in=Observation.OPEN_STATES)


def _photo_path(instance, filename):
    return f"dialogues/photos/{uuid.uuid4().hex}/{filename}"


class Observation(Located):
    """Something a safety walk found (poor lighting, overgrown bushes …), tracked until it is fixed."""

    class Status(models.TextChoices):
        OPEN = "open", _("Not yet reported")
        REPORTED = "reported", _("Reported to the responsible")
        IN_PROGRESS = "in_progress", _("Being fixed")
        FIXED = "fixed", _("Fixed")
        WONT_FIX = "wont_fix", _("Will not be fixed")

    OPEN_STATES = (Status.OPEN, Status.REPORTED, Status.IN_PROGRESS)

    dialogue = models.ForeignKey(Dialogue, on_delete=models.CASCADE, related_name="observations", verbose_name=_("safety walk"))
    theme = models.CharField(pgettext_lazy("observation", "category"), max_length=40, choices=Theme.choices)
    description = models.TextField(_("description"))
    photo = models.FileField(_("photo"), upload_to=_photo_path, max_length=300, blank=True)
    responsible = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, null=True, blank=True, related_name="observations",
        verbose_name=_("responsible for fixing it"),
        help_text=_("The municipality, the property owner or the road authority."),
    )
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.OPEN, db_index=True)
    fixed_on = models.DateField(_("fixed on"), null=True, blank=True)
    status_note = models.CharField(_("note on the status"), max_length=500, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    created_at = models.DateTimeField(_("recorded"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = ObservationQuerySet.as_manager()

    class Meta:
        ordering = ["dialogue", "pk"]
        verbose_name = _("observation")
        verbose_name_plural = _("observations")
        constraints = [
            *_coordinate_constraints("observation"),
            models.CheckConstraint(
                condition=Q(status="fixed", fixed_on__isnull=False) | (~Q(status="fixed") & Q(fixed_on__isnull=True)),
                name="fixed_observation_has_date",
            ),
        ]

    def __str__(self):
        return f"{self.get_theme_display()}: {self.description[:50]}"

    def get_workspace_url(self):
        return reverse("dialogues:observation", kwargs={"pk": self.pk})

    @property
    def is_public(self):
        return self.dialogue.is_public

    @property
    def is_open(self):
        return self.status in self.OPEN_STATES

    def clean(self):
        errors = self.location_errors(self.dialogue.municipality_id) if self.dialogue_id else {}
        if self.dialogue_id and not self.dialogue.is_safety_walk:
            errors["dialogue"] = ValidationError(_("Observations belong to safety walks."), code="not_a_safety_walk")
        if self.status == self.Status.FIXED and not self.fixed_on:
            errors["fixed_on"] = ValidationError(_("Give the date it was fixed."), code="fixed_without_date")
        if self.status != self.Status.FIXED and self.fixed_on:
            errors["fixed_on"] = ValidationError(_("Only a fixed observation has a date it was fixed."), code="date_without_fix")
        if errors:
            raise ValidationError(errors)


# --- theme analysis -------------------------------------------------------


class ThemeClassifier(models.Model):
    """A trained theme classifier: the newest row suggests themes for new comments.

    ``parameters`` holds everything needed to suggest (vocabulary, weights,
    thresholds), so a suggestion never reads a file or the network.
    """

    created_at = models.DateTimeField(_("trained"), auto_now_add=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    seed_examples = models.PositiveIntegerField(_("examples from the bundled set"))
    confirmed_examples = models.PositiveIntegerField(_("examples confirmed by staff"))
    parameters = models.JSONField(_("parameters"))

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("theme classifier")
        verbose_name_plural = _("theme classifiers")

    def __str__(self):
        return f"{self.created_at:%Y-%m-%d %H:%M} ({self.seed_examples}+{self.confirmed_examples})"


class ClusterRun(models.Model):
    """Groups of a municipality's uncategorised comments, with their typical words, as of one run."""

    municipality = models.ForeignKey(Municipality, on_delete=models.CASCADE, related_name="comment_cluster_runs")
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    comment_count = models.PositiveIntegerField(_("comments"))
    # [{"words": ["belysning", …], "comment_ids": [..]}, …], largest group first.
    clusters = models.JSONField(_("clusters"), default=list)

    class Meta:
        ordering = ["-created_at", "-pk"]
