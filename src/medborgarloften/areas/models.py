"""Where promises apply and who makes them.

Counties and municipalities are the official SCB division, loaded by a data
migration. The police structure (region → police area → local police area) is
dated, because the municipalities a local police area covers change over time.
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from medborgarloften.core.dated import Dated


class County(models.Model):
    code = models.CharField(_("county code"), max_length=2, unique=True)
    name = models.CharField(_("name"), max_length=100)

    class Meta:
        ordering = ["code"]
        verbose_name = _("county")
        verbose_name_plural = _("counties")

    def __str__(self):
        return self.name

    @property
    def slug(self):
        return slugify(self.name)



class Municipality(models.Model):
    code = models.CharField(_("municipality code"), max_length=4, unique=True)
    name = models.CharField(_("name"), max_length=100)
    county = models.ForeignKey(County, on_delete=models.PROTECT, related_name="municipalities", verbose_name=_("county"))

    class Meta:
        ordering = ["name"]
        verbose_name = _("municipality")
        verbose_name_plural = _("municipalities")

    def __str__(self):
        return self.name

    @property
    def slug(self):
        return slugify(self.name)



class PoliceRegion(models.Model):
    name = models.CharField(_("name"), max_length=100, unique=True)
    counties = models.ManyToManyField(County, blank=True, related_name="police_regions", verbose_name=_("counties"))

    class Meta:
        ordering = ["name"]
        verbose_name = _("police region")
        verbose_name_plural = _("police regions")

    def __str__(self):
        return self.name


class PoliceArea(models.Model):
    name = models.CharField(_("name"), max_length=100, unique=True)
    region = models.ForeignKey(PoliceRegion, on_delete=models.PROTECT, related_name="police_areas", verbose_name=_("police region"))

    class Meta:
        ordering = ["name"]
        verbose_name = _("police area")
        verbose_name_plural = _("police areas")

    def __str__(self):
        return self.name


class LocalPoliceArea(models.Model):
    name = models.CharField(_("name"), max_length=100, unique=True)
    police_area = models.ForeignKey(PoliceArea, on_delete=models.PROTECT, related_name="local_police_areas", verbose_name=_("police area"))
    municipalities = models.ManyToManyField(
        Municipality, through="LocalPoliceAreaCoverage", related_name="local_police_areas", verbose_name=_("municipalities")
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("local police area")
        verbose_name_plural = _("local police areas")

    def __str__(self):
        return self.name


class LocalPoliceAreaCoverage(Dated):
    """A local police area covers a municipality from one date to another.

    Stockholm, Göteborg and Malmö are divided between several local police
    areas; each of their coverages is ``partial``.
    """

    local_police_area = models.ForeignKey(LocalPoliceArea, on_delete=models.CASCADE, related_name="coverages", verbose_name=_("local police area"))
    municipality = models.ForeignKey(Municipality, on_delete=models.CASCADE, related_name="police_coverages", verbose_name=_("municipality"))
    partial = models.BooleanField(_("covers part of the municipality"), default=False)

    class Meta:
        ordering = ["valid_from"]
        verbose_name = _("local police area coverage")
        verbose_name_plural = _("local police area coverages")
        constraints = [Dated.ends_after_start("coverage_ends_after_start")]

    def __str__(self):
        return f"{self.local_police_area} – {self.municipality}"


class Organisation(models.Model):
    """A party to promises: a police unit, a municipality, or a partner."""

    class Kind(models.TextChoices):
        POLICE = "police", _("Police unit")
        MUNICIPALITY = "municipality", _("Municipality")
        PARTNER = "partner", _("Partner organisation")
        # Its administrators keep the police structure and the register of organisations.
        NATIONAL = "national", _("National administration")

    class PartnerKind(models.TextChoices):
        VICTIM_SUPPORT = "victim_support", _("Victim support")
        WOMENS_SHELTER = "womens_shelter", _("Women's shelter")
        PROPERTY_OWNER = "property_owner", _("Property owner")
        BUSINESS = "business", _("Business")
        SPORTS_CLUB = "sports_club", _("Sports club")
        VOLUNTARY = "voluntary", _("Voluntary group")
        SCHOOL = "school", _("School")
        AUTHORITY = "authority", _("Public authority")
        OTHER = "other", _("Other")

    name = models.CharField(_("name"), max_length=200, unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    partner_kind = models.CharField(_("partner kind"), max_length=20, choices=PartnerKind.choices, blank=True)
    municipality = models.OneToOneField(
        Municipality, on_delete=models.PROTECT, null=True, blank=True, related_name="organisation",
        verbose_name=_("municipality"), help_text=_("For a municipality: which one it is."),
    )
    local_police_area = models.OneToOneField(
        LocalPoliceArea, on_delete=models.PROTECT, null=True, blank=True, related_name="organisation",
        verbose_name=_("local police area"), help_text=_("For a police unit: the local police area it leads."),
    )
    operates_in = models.ManyToManyField(
        Municipality, blank=True, related_name="partners", verbose_name=_("operates in"),
        help_text=_("For a partner: the municipalities it works in."),
    )
    website = models.URLField(_("website"), blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        constraints = [
            models.CheckConstraint(
                condition=(Q(kind="municipality", municipality__isnull=False) | ~Q(kind="municipality")),
                name="municipality_organisation_has_municipality",
            ),
            models.CheckConstraint(
                condition=(Q(kind="police", local_police_area__isnull=False) | ~Q(kind="police")),
                name="police_organisation_has_local_police_area",
            ),
            models.CheckConstraint(
                condition=Q(kind="partner") | Q(partner_kind=""),
                name="only_partners_have_partner_kind",
            ),
        ]

    def __str__(self):
        return self.name


class SubArea(models.Model):
    """A part of a municipality (delområde) that surveys report on and places belong to."""

    municipality = models.ForeignKey(Municipality, on_delete=models.CASCADE, related_name="sub_areas", verbose_name=_("municipality"))
    name = models.CharField(_("name"), max_length=100)
    code = models.CharField(_("code"), max_length=20, blank=True, help_text=_("The municipality's own code, if any."))

    class Meta:
        ordering = ["municipality", "name"]
        verbose_name = _("sub-area")
        verbose_name_plural = _("sub-areas")
        constraints = [models.UniqueConstraint(fields=["municipality", "name"], name="one_sub_area_name_per_municipality")]

    def __str__(self):
        return self.name


class Place(models.Model):
    """A named place in a municipality (a square, a tunnel, a school yard) that comments, observations and problems point at."""

    municipality = models.ForeignKey(Municipality, on_delete=models.CASCADE, related_name="places", verbose_name=_("municipality"))
    name = models.CharField(_("name"), max_length=200)
    sub_area = models.ForeignKey(SubArea, on_delete=models.SET_NULL, null=True, blank=True, related_name="places", verbose_name=_("sub-area"))
    latitude = models.DecimalField(_("latitude"), max_digits=8, decimal_places=5, null=True, blank=True)
    longitude = models.DecimalField(_("longitude"), max_digits=8, decimal_places=5, null=True, blank=True)

    class Meta:
        ordering = ["municipality", "name"]
        verbose_name = _("place")
        verbose_name_plural = _("places")
        constraints = [
            models.UniqueConstraint(fields=["municipality", "name"], name="one_place_name_per_municipality"),
            models.CheckConstraint(
                condition=Q(latitude__isnull=True, longitude__isnull=True) | Q(latitude__isnull=False, longitude__isnull=False),
                name="place_has_both_coordinates_or_none",
            ),
            models.CheckConstraint(
                condition=Q(latitude__isnull=True) | Q(latitude__gte=55, latitude__lte=70, longitude__gte=10, longitude__lte=25),
                name="place_lies_in_sweden",
            ),
        ]

    def __str__(self):
        return self.name

    def clean(self):
        if (self.latitude is None) != (self.longitude is None):
            raise ValidationError(_("Give both latitude and longitude, or neither."), code="half_coordinates")
        if self.latitude is not None and not (55 <= self.latitude <= 70 and 10 <= self.longitude <= 25):
            raise ValidationError(_("The coordinates lie outside Sweden."), code="outside_sweden")
        if self.sub_area_id and self.sub_area.municipality_id != self.municipality_id:
            raise ValidationError({"sub_area": ValidationError(
                _("The sub-area belongs to another municipality."), code="sub_area_elsewhere")})
