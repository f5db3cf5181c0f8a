"""Follow-up of a published promise: progress reports on its activities and measured values of its goals' indicators.

Nothing here changes the signed text or needs a new signature: a report says
what was done against what was promised. Reports are never overwritten: a
published report is history, and the next report adds to it.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator, MaxValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from medborgarloften.areas.models import Organisation
from medborgarloften.promises.models import Activity, Commitment, Promise, validate_year


# Far above any count an activity reaches, far below what the databases store.
MAX_QUANTITY = 1_000_000


class Cadence(models.TextChoices):
    QUARTER = "quarter", _("Every quarter")
    TERTIAL = "tertial", _("Every four months")
    HALF_YEAR = "half_year", _("Twice a year")
    YEAR = "year", _("Once a year")


class ReportingSchedule(models.Model):
    """How often a promise's activities are reported on (the promise's text says it in words)."""

    promise = models.OneToOneField(Promise, on_delete=models.CASCADE, related_name="reporting_schedule", verbose_name=_("promise"))
    cadence = models.CharField(_("follow-up cadence"), max_length=20, choices=Cadence.choices, default=Cadence.YEAR)

    class Meta:
        verbose_name = _("reporting schedule")
        verbose_name_plural = _("reporting schedules")

    def __str__(self):
        return f"{self.promise}: {self.get_cadence_display()}"


class ProgressReport(models.Model):
    class State(models.TextChoices):
        DRAFT = "draft", _("Being written")
        PUBLISHED = "published", _("Published")

    promise = models.ForeignKey(Promise, on_delete=models.PROTECT, related_name="progress_reports", verbose_name=_("promise"))
    period_start = models.DateField(_("from"))
    period_end = models.DateField(_("to"))
    label = models.CharField(_("period"), max_length=100, help_text=_("E.g. Tertial 1 2017."))
    is_final = models.BooleanField(_("final report"), default=False)
    summary = models.TextField(_("summary"), blank=True, validators=[MaxLengthValidator(5000)])
    state = models.CharField(_("state"), max_length=20, choices=State.choices, default=State.DRAFT)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+",
                                   verbose_name=_("started by"))
    created_at = models.DateTimeField(_("started"), auto_now_add=True)
    published_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                     related_name="+", verbose_name=_("published by"))
    published_at = models.DateTimeField(_("published"), null=True, blank=True)

    class Meta:
        ordering = ["promise", "period_end", "pk"]
        verbose_name = _("progress report")
        verbose_name_plural = _("progress reports")
        constraints = [
            models.CheckConstraint(condition=Q(period_end__gte=models.F("period_start")), name="report_ends_after_start"),
            models.UniqueConstraint(fields=["promise"], condition=Q(is_final=True), name="one_final_report_per_promise"),
            models.UniqueConstraint(fields=["promise", "period_start", "period_end"], name="one_report_per_period"),
        ]

    def __str__(self):
        return f"{self.promise}: {self.label}"

    def clean(self):
        if self.period_start and self.period_end and self.period_end < self.period_start:
            raise ValidationError({"period_end": ValidationError(_("The end date must be after the start date."), code="end_before_start")})

    @property
    def is_published(self):
        return self.state == self.State.PUBLISHED

    def get_workspace_url(self):
        return reverse("followup:report", kwargs={"pk": self.pk})


class ActivityReport(models.Model):
    """What one organisation reports for one activity in one report."""

    NEEDS_REASON = (Activity.Status.PARTLY_DONE, Activity.Status.NOT_DONE)
    FINAL_STATUSES = (Activity.Status.DONE, Activity.Status.PARTLY_DONE, Activity.Status.NOT_DONE)

    report = models.ForeignKey(ProgressReport, on_delete=models.CASCADE, related_name="entries", verbose_name=_("report"))
    activity = models.ForeignKey(Activity, on_delete=models.PROTECT, related_name="reports", verbose_name=_("activity"))
    actual_quantity = models.PositiveIntegerField(
        _("done in the period"), null=True, blank=True,
        validators=[MaxValueValidator(MAX_QUANTITY, message=_("Give a number of at most 1 000 000."))],
    )
    status = models.CharField(_("status"), max_length=20, choices=Activity.Status.choices)
    reason = models.TextField(_("reason"), blank=True, validators=[MaxLengthValidator(2000)],
                              help_text=_("Required when the activity was partly done or not done."))
    narrative = models.TextField(_("what was done"), blank=True, validators=[MaxLengthValidator(4000)])
    evidence_url = models.URLField(_("link"), blank=True, help_text=_("E.g. a news item or a photo album."))
    reported_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+",
                                    verbose_name=_("reported by"))
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="activity_reports",
                                     verbose_name=_("reporting organisation"))
    reported_at = models.DateTimeField(_("reported"), auto_now=True)

    class Meta:
        ordering = ["report", "activity__commitment__order", "activity__order", "activity__pk"]
        verbose_name = _("activity report")
        verbose_name_plural = _("activity reports")
        constraints = [models.UniqueConstraint(fields=["report", "activity"], name="one_entry_per_activity_per_report")]

    def __str__(self):
        return f"{self.report.label}: {self.activity}"

    def clean(self):
        if self.status in self.NEEDS_REASON and not self.reason.strip():
            raise ValidationError({"reason": ValidationError(
                _("Say why the activity was partly done or not done."), code="reason_required")})


class Indicator(models.Model):
    """How a commitment's goal is measured: a series with a baseline and a target."""

    class Measure(models.TextChoices):
        COUNT = "count", _("Number")
        PER_1000 = "per_1000", _("Per 1 000 inhabitants")
        PER_100000 = "per_100000", _("Per 100 000 inhabitants")

    class Better(models.TextChoices):
        LOWER = "lower", _("Lower is better")
        HIGHER = "higher", _("Higher is better")

    class Source(models.TextChoices):
        STATISTICS = "statistics", _("Reported crimes or other statistics")
        SURVEY = "survey", _("A safety survey item")
        OWN_COUNT = "own_count", _("The promise's own count")
        EXTERNAL = "external", _("A series published elsewhere")

    commitment = models.OneToOneField(Commitment, on_delete=models.CASCADE, related_name="measured_indicator",
                                      verbose_name=_("commitment"))
    name = models.CharField(_("name"), max_length=200, help_text=_("E.g. reported assaults (Brå)."))
    unit = models.CharField(_("unit"), max_length=60, blank=True, help_text=_("E.g. per 100 000 inhabitants, or index 0–6."))
    better = models.CharField(_("which direction is better"), max_length=10, choices=Better.choices)
    source = models.CharField(_("source"), max_length=20, choices=Source.choices)
    source_description = models.CharField(_("where the figures come from"), max_length=300, blank=True,
                                          help_text=_("E.g. Brå, anmälda brott, misshandel inkl. grov; or the survey and its item."))
    source_url = models.URLField(_("link to the source"), blank=True)
    # Read from the statistics app: which series, and which figure of it.
    statistics_category = models.ForeignKey(
        "statistics.Category", on_delete=models.PROTECT, null=True, blank=True, related_name="+",
        verbose_name=_("statistics series"), help_text=_("For values read from the statistics."),
    )
    statistics_measure = models.CharField(_("figure"), max_length=20, choices=Measure.choices, default=Measure.PER_100000)
    baseline_year = models.PositiveSmallIntegerField(_("baseline year"), validators=[validate_year])
    baseline_value = models.DecimalField(_("baseline value"), max_digits=14, decimal_places=3)
    target_value = models.DecimalField(_("target value"), max_digits=14, decimal_places=3, null=True, blank=True)
    target_year = models.PositiveSmallIntegerField(_("target year"), null=True, blank=True, validators=[validate_year])

    class Meta:
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")

    def __str__(self):
        return self.name

    def clean(self):
        if self.statistics_category_id and self.source != self.Source.STATISTICS:
            raise ValidationError({"statistics_category": ValidationError(
                _("A statistics series goes with the source “reported crimes or other statistics”."), code="series_needs_statistics")})
        if self.target_year and self.baseline_year and self.target_year < self.baseline_year:
            raise ValidationError({"target_year": ValidationError(
                _("The target year cannot be before the baseline year."), code="target_before_baseline")})


class IndicatorValue(models.Model):
    class Origin(models.TextChoices):
        ENTERED = "entered", _("Entered")
        IMPORTED = "imported", _("Imported from a file")
        STATISTICS = "statistics", _("From the statistics")
        SURVEY = "survey", _("From the safety survey")

    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="values", verbose_name=_("indicator"))
    year = models.PositiveSmallIntegerField(_("year"), validators=[validate_year])
    value = models.DecimalField(_("value"), max_digits=14, decimal_places=3)
    origin = models.CharField(_("origin"), max_length=20, choices=Origin.choices, default=Origin.ENTERED)
    note = models.CharField(_("note"), max_length=300, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+",
                                    verbose_name=_("recorded by"))
    recorded_at = models.DateTimeField(_("recorded"), auto_now=True)

    class Meta:
        ordering = ["indicator", "year"]
        verbose_name = _("indicator value")
        verbose_name_plural = _("indicator values")
        constraints = [models.UniqueConstraint(fields=["indicator", "year"], name="one_value_per_indicator_per_year")]

    def __str__(self):
        return f"{self.indicator} {self.year}: {self.value}"
