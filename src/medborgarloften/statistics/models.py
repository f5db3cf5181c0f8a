"""Imported local statistics: reported crimes (Brå), police events, population (SCB) and own counts.

Figures are keyed by an SCB region code rather than a foreign key, because
the sources report three levels with one code system: ``00`` for Sweden, two
digits for a county, four for a municipality. Every row remembers the import
that last wrote it; ``ImportRun`` is the import history.
"""

import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.storage import FileSystemStorage
from django.db import models
from django.db.models import Q
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from medborgarloften.areas.models import County, Municipality
from medborgarloften.scope.themes import Theme

SWEDEN = "00"


def import_storage():
    """Uploaded files are kept outside the static and media folders: they are never served."""
    return FileSystemStorage(location=settings.STATISTICS_IMPORT_DIR)


class Source(models.TextChoices):
    POLICE_EVENTS = "police-events", _("Police events (polisen.se)")
    BRA = "bra", _("Reported crimes (Brå)")
    SCB = "scb", _("Population (SCB)")
    OWN = "csv", _("The municipality's own counts (CSV)")


class ImportRun(models.Model):
    """One file brought in: checked (a preview that writes nothing), then imported or discarded."""

    class State(models.TextChoices):
        UPLOADED = "uploaded", _("Uploaded, being checked")
        CHECKED = "checked", _("Checked, ready to import")
        REJECTED = "rejected", _("Rejected")
        IMPORTING = "importing", _("Importing")
        IMPORTED = "imported", _("Imported")
        DISCARDED = "discarded", _("Discarded")
        FAILED = "failed", _("Failed")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    source = models.CharField(_("source"), max_length=20, choices=Source.choices)
    state = models.CharField(_("state"), max_length=20, choices=State.choices, default=State.UPLOADED)
    file = models.FileField(_("file"), storage=import_storage, upload_to="%Y/%m/", blank=True, max_length=300)
    path = models.CharField(_("file on the server"), max_length=500, blank=True,
                            help_text=_("For imports from the command line: the file read."))
    original_name = models.CharField(_("file name"), max_length=300)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                   related_name="statistics_imports", verbose_name=_("uploaded by"))
    created_at = models.DateTimeField(_("uploaded"), auto_now_add=True, db_index=True)
    committed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                     related_name="+", verbose_name=_("imported by"))
    committed_at = models.DateTimeField(_("imported"), null=True, blank=True)
    via_command_line = models.BooleanField(_("from the command line"), default=False)
    # The year of a file that does not say it (bra.se's open-data file).
    year = models.PositiveSmallIntegerField(_("year"), null=True, blank=True)
    # Counts from the last check or import: read, new, updated, unchanged (skipped), not stored.
    rows_read = models.PositiveBigIntegerField(_("rows read"), default=0)
    rows_new = models.PositiveBigIntegerField(_("new rows"), default=0)
    rows_updated = models.PositiveBigIntegerField(_("updated rows"), default=0)
    rows_unchanged = models.PositiveBigIntegerField(_("rows already present"), default=0)
    rows_ignored = models.PositiveBigIntegerField(_("rows not stored"), default=0)
    # [{"line": n, "message": "…"}], at most MAX_ERRORS of them; error_count has them all.
    errors = models.JSONField(_("errors"), default=list, blank=True)
    error_count = models.PositiveIntegerField(_("number of errors"), default=0)
    # Names that matched no municipality or county: {name: {"count": n, "first_line": l}}.
    unmatched = models.JSONField(_("names not matched"), default=dict, blank=True)
    # Other observations for the person (detected layout, encoding, footnotes, skipped rows).
    notes = models.JSONField(_("notes"), default=list, blank=True)
    # Municipality codes the file touches (for who may see the import).
    municipality_codes = models.JSONField(_("municipalities"), default=list, blank=True)
    # The background job that checks or imports it, for the progress page.
    job = models.ForeignKey("jobs.Job", on_delete=models.SET_NULL, null=True, blank=True, related_name="+")

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("statistics import")
        verbose_name_plural = _("statistics imports")

    def __str__(self):
        return f"{self.get_source_display()}: {self.original_name}"

    @property
    def is_open(self):
        """True while the import can still be imported or discarded."""
        return self.state in (self.State.CHECKED,)

    @property
    def is_busy(self):
        return self.state in (self.State.UPLOADED, self.State.IMPORTING)


class Category(models.Model):
    """A series' subject: a Brå crime type, or something a municipality counts itself."""

    class Unit(models.TextChoices):
        COUNT = "count", _("number")
        KRONOR = "kronor", _("kronor")

    source = models.CharField(_("source"), max_length=20, choices=Source.choices)
    name = models.CharField(_("name"), max_length=300)
    slug = models.SlugField(_("slug"), max_length=80)
    unit = models.CharField(_("unit"), max_length=10, choices=Unit.choices, default=Unit.COUNT)
    theme = models.CharField(_("theme"), max_length=40, choices=Theme.choices, blank=True,
                             help_text=_("Links the series to comments, survey items and problems of the same theme."))
    # Order in lists: Brå's tree order for crime types (the total first).
    position = models.PositiveIntegerField(_("position"), default=1000)

    class Meta:
        ordering = ["position", "name"]
        verbose_name = _("statistics category")
        verbose_name_plural = _("statistics categories")
        constraints = [
            models.UniqueConstraint(fields=["source", "name"], name="one_category_name_per_source"),
            models.UniqueConstraint(fields=["slug"], name="unique_category_slug"),
        ]

    def __str__(self):
        return self.name

    @classmethod
    def slug_for(cls, source, name):
        prefix = "" if source == Source.BRA else f"{source}-"
        return slugify(f"{prefix}{name}")[:80] or "kategori"


class Observation(models.Model):
    """A count for one region, category and period (a year, or a month of it)."""

    region_code = models.CharField(_("region code"), max_length=4, db_index=True)
    category = models.ForeignKey(Category, on_delete=models.CASCADE, related_name="observations", verbose_name=_("category"))
    year = models.PositiveSmallIntegerField(_("year"))
    # 0 is the whole year; 1–12 a month.
    month = models.PositiveSmallIntegerField(_("month"), default=0)
    # None: the source publishes no figure (Brå's "..").
    count = models.DecimalField(_("count"), max_digits=14, decimal_places=2, null=True, blank=True)
    preliminary = models.BooleanField(_("preliminary"), default=False)
    # The per-100 000 rate as the source printed it (Brå), for reconciliation only.
    published_rate = models.DecimalField(_("published rate per 100 000"), max_digits=12, decimal_places=1,
                                         null=True, blank=True)
    import_run = models.ForeignKey(ImportRun, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")

    class Meta:
        ordering = ["region_code", "category", "year", "month"]
        verbose_name = _("observation")
        verbose_name_plural = _("observations")
        constraints = [
            models.UniqueConstraint(fields=["region_code", "category", "year", "month"], name="one_observation_per_period"),
            models.CheckConstraint(condition=Q(month__gte=0, month__lte=12), name="observation_month_0_to_12"),
        ]
        indexes = [models.Index(fields=["category", "year"], name="stat_obs_category_year")]

    def __str__(self):
        return f"{self.region_code} {self.category} {self.year}{f'-{self.month:02d}' if self.month else ''}"


class RegionTotal(models.Model):
    """A county's or Sweden's count summed from its municipalities, kept up to date by every import.

    Used for comparison where the source publishes no county or national row;
    only complete sums (every municipality counted) are shown as rates.
    """

    region_code = models.CharField(_("region code"), max_length=4)
    category = models.ForeignKey(Category, on_delete=models.CASCADE, related_name="+")
    year = models.PositiveSmallIntegerField(_("year"))
    month = models.PositiveSmallIntegerField(_("month"), default=0)
    count = models.DecimalField(_("count"), max_digits=16, decimal_places=2)
    municipalities_counted = models.PositiveIntegerField(_("municipalities counted"))
    municipalities_expected = models.PositiveIntegerField(_("municipalities in the region"))
    preliminary = models.BooleanField(_("preliminary"), default=False)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["region_code", "category", "year", "month"], name="one_region_total_per_period"),
        ]

    @property
    def is_complete(self):
        return self.municipalities_counted == self.municipalities_expected


class Population(models.Model):
    """SCB's population on 31 December of ``year`` for a region, by single year of age and sex."""

    class Sex(models.IntegerChoices):
        ALL = 0, _("both sexes")
        MEN = 1, _("men")
        WOMEN = 2, _("women")

    ALL_AGES = -1
    OLDEST = 100  # SCB's "100+"

    region_code = models.CharField(_("region code"), max_length=4)
    year = models.PositiveSmallIntegerField(_("year"))
    # -1: all ages (SCB's own total); 100 is "100 years or older".
    age = models.SmallIntegerField(_("age"))
    sex = models.PositiveSmallIntegerField(_("sex"), choices=Sex.choices)
    count = models.PositiveIntegerField(_("population"))
    import_run = models.ForeignKey(ImportRun, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")

    class Meta:
        verbose_name = _("population")
        verbose_name_plural = _("population")
        constraints = [
            models.UniqueConstraint(fields=["region_code", "year", "age", "sex"], name="one_population_cell"),
            models.CheckConstraint(condition=Q(age__gte=-1, age__lte=100), name="population_age_range"),
        ]
        indexes = [models.Index(fields=["year", "region_code"], name="stat_pop_year_region")]


class PopulationTotal(models.Model):
    """The population of a region in a year: SCB's total where given, else the sum of its cells.

    Kept by every population import, so a rate needs no aggregation when a page is read.
    """

    region_code = models.CharField(_("region code"), max_length=4)
    year = models.PositiveSmallIntegerField(_("year"))
    population = models.PositiveIntegerField(_("population"))
    # True when summed from municipalities rather than given by SCB for the region itself.
    computed = models.BooleanField(_("summed from municipalities"), default=False)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["region_code", "year"], name="one_population_total")]


class Denominator(models.Model):
    """Another population a municipality gives for a year, where residents alone mislead (a ski resort's season)."""

    municipality = models.ForeignKey(Municipality, on_delete=models.CASCADE, related_name="statistics_denominators",
                                     verbose_name=_("municipality"))
    year = models.PositiveSmallIntegerField(_("year"))
    population = models.PositiveIntegerField(_("population"))
    label = models.CharField(_("what the figure is"), max_length=200,
                             help_text=_("E.g. average population including visitors and seasonal workers."))
    explanation = models.TextField(_("explanation"),
                                   help_text=_("Shown beside the rate: how the figure was arrived at and why it is used."))
    entered_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    entered_at = models.DateTimeField(_("entered"), auto_now=True)

    class Meta:
        ordering = ["municipality", "year"]
        verbose_name = _("alternative population")
        verbose_name_plural = _("alternative populations")
        constraints = [
            models.UniqueConstraint(fields=["municipality", "year"], name="one_denominator_per_year"),
            models.CheckConstraint(condition=Q(population__gt=0), name="denominator_positive"),
        ]

    def __str__(self):
        return f"{self.municipality} {self.year}: {self.label}"

    def clean(self):
        if self.year is not None and not (1968 <= self.year <= 2100):
            raise ValidationError({"year": ValidationError(_("Give a year between 1968 and 2100."), code="bad_year")})
        if self.population is not None and self.population <= 0:
            raise ValidationError({"population": ValidationError(
                _("The population must be greater than zero."), code="not_positive")})


class Event(models.Model):
    """A police event from polisen.se's open events feed, upserted by the police's own id."""

    class Match(models.TextChoices):
        MUNICIPALITY = "municipality", _("municipality named in the location")
        TITLE = "title", _("municipality named in the title, within the county")
        COUNTY = "county", _("county only")
        UNMATCHED = "unmatched", _("place not recognised")

    id = models.BigIntegerField(_("police id"), primary_key=True)
    # The feed's datetime: when the event was published or last updated (not when it happened).
    published_at = models.DateTimeField(_("published"), db_index=True)
    name = models.CharField(_("title"), max_length=500)
    summary = models.TextField(_("summary"), blank=True)
    url = models.CharField(_("address"), max_length=500, blank=True)
    type = models.CharField(_("type"), max_length=100)
    location_name = models.CharField(_("location as given"), max_length=200)
    municipality = models.ForeignKey(Municipality, on_delete=models.SET_NULL, null=True, blank=True,
                                     related_name="police_events", verbose_name=_("municipality"))
    county = models.ForeignKey(County, on_delete=models.SET_NULL, null=True, blank=True,
                               related_name="police_events", verbose_name=_("county"))
    match = models.CharField(_("matched by"), max_length=20, choices=Match.choices)
    latitude = models.DecimalField(_("latitude"), max_digits=9, decimal_places=6, null=True, blank=True)
    longitude = models.DecimalField(_("longitude"), max_digits=9, decimal_places=6, null=True, blank=True)
    import_run = models.ForeignKey(ImportRun, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")

    class Meta:
        ordering = ["-published_at", "-id"]
        verbose_name = _("police event")
        verbose_name_plural = _("police events")
        indexes = [models.Index(fields=["municipality", "-published_at"], name="stat_event_municipality_time")]

    def __str__(self):
        return self.name

    @property
    def absolute_url(self):
        """The event's page on polisen.se (the feed gives relative addresses since 2025)."""
        if self.url.startswith("https://") or not self.url:
            return self.url
        return "https://polisen.se" + self.url
