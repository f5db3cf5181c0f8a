"""The import engine: read a file with its reader, match places, and compare with (or write to) the database.

``run_file`` does one pass. With ``write=False`` it is the preview: it reads
the whole file, reports every error, unmatched name and duplicate, and counts
what an import would add, change and leave (reading the database, writing
nothing). With ``write=True`` it does the same inside the caller's
transaction and writes; if anything was wrong the caller rolls back, so an
import is all or nothing. Figures already stored with the same values are
left alone, so running an import twice stores nothing the second time.
"""

import os
import re
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, IntegerField, Sum, Case, When
from django.db.models.functions import Substr
from django.utils.translation import gettext as _

from medborgarloften.scope.themes import Theme

from .models import SWEDEN, Category, Event, Observation, Population, PopulationTotal, RegionTotal, Source
from .names import PlaceIndex
from .parsers import FileRejected, Report
from .parsers import bra, own, police, scb

BATCH = 2000

# Brå crime types that match a theme of the shared taxonomy (problem picture, surveys, comments).
BRA_THEMES = (
    (re.compile(r"^klotter", re.I), Theme.GRAFFITI),
    (re.compile(r"skadegörelse", re.I), Theme.VANDALISM),
    (re.compile(r"^inbrottsstöld i bostad|^bostadsinbrott", re.I), Theme.BURGLARY),
    (re.compile(r"cykel", re.I), Theme.BICYCLE_THEFT),
    (re.compile(r"motordrivet fordon|biltillgrepp|bilstöld", re.I), Theme.VEHICLE_CRIME),
    (re.compile(r"^ofredande", re.I), Theme.HARASSMENT),
    (re.compile(r"^rattfylleri", re.I), Theme.DISRUPTIVE_TRAFFIC),
    (re.compile(r"^överlåtelse|narkotikastrafflagen", re.I), Theme.DRUG_DEALING),
    (re.compile(r"^misshandel.*utomhus|^våld på allmän plats", re.I), Theme.PUBLIC_VIOLENCE),
)


def theme_for(label):
    """Return the Theme a Brå crime type belongs to, or "" when none fits."""
    for pattern, theme in BRA_THEMES:
        if pattern.search(label):
            return theme
    return ""


@dataclass
class Counts:
    read: int = 0
    new: int = 0
    updated: int = 0
    unchanged: int = 0
    ignored: int = 0
    municipality_codes: set = field(default_factory=set)


class Importer:
    """One pass over one file; see the module docstring."""

    def __init__(self, run, *, write, scope=None, year=None, progress=None):
        self.run, self.write, self.scope, self.year = run, write, scope, year
        self.progress = progress or (lambda **kwargs: None)
        self.report, self.counts = Report(), Counts()
        self.places = PlaceIndex()

    # --- entry ---------------------------------------------------------

    def run_file(self, stream, size):
        """Read ``stream`` (binary, ``size`` bytes); return (report, counts).

        A file the reader rejects as a whole becomes one error (with the line where the reader stopped, if any).
        """
        try:
            if self.run.source == Source.POLICE_EVENTS:
                self._police(stream, size)
            else:
                data = stream.read()
                if self.run.source == Source.BRA:
                    self._observations(bra.read(data, self.report, year=self.year), Source.BRA)
                elif self.run.source == Source.OWN:
                    self._observations(own.read(data, self.report), Source.OWN)
                elif self.run.source == Source.SCB:
                    self._population(scb.read(data, self.report))
        except FileRejected as rejected:
            self.report.error(rejected.line, rejected.message)
        return self.report, self.counts

    def _in_scope(self, code):
        return self.scope is None or code in self.scope

    def _writing(self):
        return self.write and not self.report.error_count

    # --- police events -------------------------------------------------

    def _police(self, stream, size):
        seen = police.IdSet()
        batch = []
        resolved = {}
        for line, element in police.iter_array(stream):
            self.counts.read += 1
            row = police.read_event(line, element, self.report)
            if row is None:
                continue
            if seen.add(row["id"]):
                self.report.error(line, _("the id %(id)s occurs more than once in the file") % {"id": row["id"]})
                continue
            # Keyed by the location and the title's last part (not the whole title),
            # so the cache is bounded by the number of places, not of events.
            key = (row["location_name"], police.title_place(row["name"]))
            if key not in resolved:
                resolved[key] = self._event_place(*key)
            municipality_code, municipality_id, county_id, match = resolved[key]
            if self.scope is not None and municipality_code not in self.scope:
                self.counts.ignored += 1
                continue
            if match == Event.Match.UNMATCHED:
                self.report.unmatched_name(row["location_name"].strip(), line)
            if municipality_code:
                self.counts.municipality_codes.add(municipality_code)
            row.update(municipality_id=municipality_id, county_id=county_id, match=match)
            batch.append(row)
            if len(batch) >= BATCH:
                self._flush_events(batch)
                batch = []
                self.progress(done=stream.tell(), total=size, message=_("%(count)s events read") % {"count": self.counts.read})
        self._flush_events(batch)

    def _event_place(self, location_name, title_place):
        """Return (municipality code, municipality id, county id, match) for an event's location and title's place."""
        hit = self.places.match(location_name)
        if hit is None:
            return None, None, None, Event.Match.UNMATCHED
        level, code = hit
        if level == "municipality":
            m = self.places.municipality(code)
            return code, m.pk, m.county_id, Event.Match.MUNICIPALITY
        if level == "county":
            county = self.places.counties[code]
            # Since 2026 the location is the county and the municipality ends the title;
            # it is used only when it lies in that county (never spread over municipalities).
            title_hit = self.places.match(title_place) if title_place else None
            if title_hit and title_hit[0] == "municipality" and self.places.county_of(title_hit[1]) == code:
                m = self.places.municipality(title_hit[1])
                return m.code, m.pk, county.pk, Event.Match.TITLE
            return None, None, county.pk, Event.Match.COUNTY
        return None, None, None, Event.Match.UNMATCHED

    EVENT_FIELDS = ("published_at", "name", "summary", "url", "type", "location_name", "municipality_id",
                    "county_id", "match", "latitude", "longitude")

    def _flush_events(self, batch):
        if not batch or self.report.error_count:
            return
        ids = [row["id"] for row in batch]
        existing = {r[0]: r[1:] for r in Event.objects.filter(id__in=ids).values_list("id", *self.EVENT_FIELDS)}
        new, changed = [], []
        for row in batch:
            values = tuple(row[f] for f in self.EVENT_FIELDS)
            stored = existing.get(row["id"])
            if stored is None:
                new.append(row)
            elif stored != values:
                changed.append(row)
            else:
                self.counts.unchanged += 1
        self.counts.new += len(new)
        self.counts.updated += len(changed)
        if self._writing():
            Event.objects.bulk_create([Event(**row, import_run_id=self.run.pk) for row in new], batch_size=BATCH)
            if changed:
                Event.objects.bulk_update([Event(**row, import_run_id=self.run.pk) for row in changed],
                                          [*(f for f in self.EVENT_FIELDS), "import_run"], batch_size=500)

    # --- reported crimes and own counts --------------------------------

    def _observations(self, rows, source):
        found = {}
        labels = {}
        for row in rows:
            self.counts.read += 1
            if source == Source.OWN:
                code = row.municipality
                if self.places.municipality(code) is None:
                    self.report.error(row.line, _("unknown municipality code %(code)s") % {"code": code})
                    continue
                values = (row.value, row.preliminary, None)
                label, year, month = row.category, row.year, row.month
                labels.setdefault(label, (row.unit, row.theme, len(labels)))
            else:
                hit = self.places.match(row.region)
                if hit is None:
                    self.report.unmatched_name(row.region, row.line)
                    self.counts.ignored += 1
                    continue
                code = hit[1]
                values = (row.count, row.preliminary, row.published_rate)
                label, year, month = row.category, row.year, row.month
                labels.setdefault(label, (Category.Unit.COUNT, theme_for(label), len(labels)))
            if not self._in_scope(code):
                self.report.error(row.line, _("%(place)s: you do not import statistics for this place")
                                  % {"place": self.places.name_of(code)})
                continue
            key = (code, label, year, month)
            if key in found:
                self.report.error(row.line, _("%(place)s, %(category)s, %(period)s appears twice (first on line %(first)s)")
                                  % {"place": self.places.name_of(code), "category": label,
                                     "period": f"{year}-{month:02d}" if month else year, "first": found[key][0]})
                continue
            found[key] = (row.line, values)
            if len(code) == 4:
                self.counts.municipality_codes.add(code)
        self.progress(done=self.counts.read, total=self.counts.read, message=_("%(count)s rows read") % {"count": self.counts.read})
        if self.report.error_count or not found:
            return
        categories = self._categories(source, labels)
        existing = {}
        query = Observation.objects.filter(
            category__in=[c for c in categories.values() if c.pk],
            region_code__in={k[0] for k in found}, year__in={k[2] for k in found},
        ).values_list("region_code", "category_id", "year", "month", "count", "preliminary", "published_rate", "pk")
        for code, category_id, year, month, count, preliminary, rate, pk in query:
            existing[(code, category_id, year, month)] = (count, preliminary, rate, pk)
        new, changed = [], []
        kept_final = 0
        for (code, label, year, month), (_line, (count, preliminary, rate)) in found.items():
            category = categories[label]
            stored = existing.get((code, category.pk, year, month))
            observation = Observation(region_code=code, category=category, year=year, month=month, count=count,
                                      preliminary=preliminary, published_rate=rate, import_run_id=self.run.pk)
            if stored is None:
                new.append(observation)
            elif preliminary and not stored[1]:
                kept_final += 1  # a preliminary figure never replaces a final one
                self.counts.unchanged += 1
            elif (stored[0], stored[1], stored[2]) != (count, preliminary, rate):
                observation.pk = stored[3]
                changed.append(observation)
            else:
                self.counts.unchanged += 1
        if kept_final:
            self.report.note(_("%(count)s preliminary figures were not imported: final figures for the same "
                               "periods are already stored.") % {"count": kept_final})
        self.counts.new, self.counts.updated = len(new), len(changed)
        if self._writing():
            Observation.objects.bulk_create(new, batch_size=BATCH)
            Observation.objects.bulk_update(changed, ["count", "preliminary", "published_rate", "import_run"], batch_size=500)
            refresh_region_totals({c.pk for c in categories.values()}, {k[2] for k in found})

    def _categories(self, source, labels):
        """Return {label: Category} for ``labels``, creating the missing ones when writing (unsaved otherwise)."""
        existing = {c.name: c for c in Category.objects.filter(source=source, name__in=list(labels))}
        taken = set(Category.objects.filter(slug__in=[Category.slug_for(source, label) for label in labels])
                    .values_list("slug", flat=True))
        created = []
        for label, (unit, theme, order) in labels.items():
            if label in existing:
                continue
            slug = Category.slug_for(source, label)
            base, n = slug, 2
            while slug in taken:
                slug, n = f"{base[:76]}-{n}", n + 1
            taken.add(slug)
            # Brå's tree order first, then the municipality's own counts.
            position = order * 10 + (0 if source == Source.BRA else 10000)
            category = Category(source=source, name=label, slug=slug, unit=unit, theme=theme, position=position)
            category.full_clean(validate_unique=False, validate_constraints=False)
            existing[label] = category
            created.append(label)
        if created:
            self.report.note(_("New categories: %(names)s.") % {"names": ", ".join(created)})
            if self._writing():
                for label in created:
                    existing[label].save()
        return existing

    # --- population ----------------------------------------------------

    def _population(self, rows):
        found = {}
        metropolitan = set()
        for row in rows:
            self.counts.read += 1
            code = row.region
            if not code:
                hit = self.places.match(row.region_name)
                if hit is None:
                    self.report.unmatched_name(row.region_name, row.line)
                    self.report.error(row.line, _("%(name)s is not a municipality, county or Sweden") % {"name": row.region_name})
                    continue
                code = hit[1]
            if code in scb.METROPOLITAN:
                metropolitan.add(code)
                self.counts.ignored += 1
                continue
            if not self.places.is_region_code(code):
                message = _("unknown region code %(code)s") % {"code": code}
                self.report.error(row.line, f"{row.where}: {message}" if row.where else message)
                continue
            key = (code, row.year, row.age, row.sex)
            if key in found:
                self.report.error(row.line, _("the population of %(place)s %(year)s, age %(age)s, sex %(sex)s appears "
                                              "twice (first on line %(first)s)") % {
                    "place": self.places.name_of(code), "year": row.year, "age": row.age, "sex": row.sex,
                    "first": found[key][0]})
                continue
            found[key] = (row.line, row.count)
            if len(code) == 4:
                self.counts.municipality_codes.add(code)
        if metropolitan:
            self.report.note(_("Left out SCB's metropolitan regions %(codes)s (not municipalities).")
                             % {"codes": ", ".join(sorted(metropolitan))})
        self.progress(done=self.counts.read, total=self.counts.read, message=_("%(count)s rows read") % {"count": self.counts.read})
        if self.report.error_count or not found:
            return
        existing = {}
        for code, year, age, sex, count, pk in Population.objects.filter(
                region_code__in={k[0] for k in found}, year__in={k[1] for k in found},
        ).values_list("region_code", "year", "age", "sex", "count", "pk"):
            existing[(code, year, age, sex)] = (count, pk)
        new, changed = [], []
        for (code, year, age, sex), (_line, count) in found.items():
            stored = existing.get((code, year, age, sex))
            cell = Population(region_code=code, year=year, age=age, sex=sex, count=count, import_run_id=self.run.pk)
            if stored is None:
                new.append(cell)
            elif stored[0] != count:
                cell.pk = stored[1]
                changed.append(cell)
            else:
                self.counts.unchanged += 1
        self.counts.new, self.counts.updated = len(new), len(changed)
        if self._writing():
            Population.objects.bulk_create(new, batch_size=BATCH)
            Population.objects.bulk_update(changed, ["count", "import_run"], batch_size=500)
            refresh_population_totals({k[1] for k in found})


def open_file(run):
    """Return (binary stream, size in bytes) for the file of ``run``."""
    if run.file:
        stream = run.file.open("rb")
        return stream, run.file.size
    return open(run.path, "rb"), os.path.getsize(run.path)


# --- derived tables, refreshed by every import ---------------------------------


def refresh_region_totals(category_ids, years):
    """Recompute each county's and Sweden's sums of its municipalities for ``category_ids`` and ``years``."""
    places = PlaceIndex()
    expected = defaultdict(int)
    for m in places.municipalities.values():
        expected[m.county.code] += 1
    expected[SWEDEN] = len(places.municipalities)
    rows = (
        Observation.objects.filter(category_id__in=category_ids, year__in=years, count__isnull=False,
                                   region_code__in=list(places.municipalities))
        .annotate(county=Substr("region_code", 1, 2))
        .values("category_id", "year", "month", "county")
        .annotate(total=Sum("count"), n=Count("id"),
                  preliminary=Sum(Case(When(preliminary=True, then=1), default=0, output_field=IntegerField())))
    )
    totals = {}
    for row in rows:
        for region in (row["county"], SWEDEN):
            key = (region, row["category_id"], row["year"], row["month"])
            total = totals.setdefault(key, [0, 0, False])
            total[0] += row["total"]
            total[1] += row["n"]
            total[2] = total[2] or bool(row["preliminary"])
    RegionTotal.objects.filter(category_id__in=category_ids, year__in=years).delete()
    RegionTotal.objects.bulk_create([
        RegionTotal(region_code=region, category_id=category_id, year=year, month=month, count=count,
                    municipalities_counted=n, municipalities_expected=expected[region], preliminary=preliminary)
        for (region, category_id, year, month), (count, n, preliminary) in totals.items()
    ], batch_size=BATCH)


def refresh_population_totals(years):
    """Recompute the population total of every region in ``years``: SCB's own total, else the sum of its cells.

    A county or Sweden without a total of its own gets the sum of its
    municipalities, when every one of them has a total.
    """
    best = {}
    # In order of preference (later ones only fill gaps): the sum of single
    # ages and both sexes, totals by sex, SCB's own total.
    queries = (
        Population.objects.filter(year__in=years, age__gte=0, sex=Population.Sex.ALL),
        Population.objects.filter(year__in=years, age__gte=0, sex__in=[Population.Sex.MEN, Population.Sex.WOMEN]),
        Population.objects.filter(year__in=years, age=Population.ALL_AGES, sex__in=[Population.Sex.MEN, Population.Sex.WOMEN]),
        Population.objects.filter(year__in=years, age=Population.ALL_AGES, sex=Population.Sex.ALL),
    )
    for query in queries:
        for row in query.values("region_code", "year").annotate(total=Sum("count")):
            best[(row["region_code"], row["year"])] = row["total"]
    places = PlaceIndex()
    members = defaultdict(list)
    for m in places.municipalities.values():
        members[m.county.code].append(m.code)
    members[SWEDEN] = list(places.municipalities)
    computed = {}
    for year in years:
        for region, codes in members.items():
            if (region, year) in best:
                continue
            values = [best.get((code, year)) for code in codes]
            if all(v is not None for v in values):
                computed[(region, year)] = sum(values)
    PopulationTotal.objects.filter(year__in=years).delete()
    PopulationTotal.objects.bulk_create(
        [PopulationTotal(region_code=r, year=y, population=p) for (r, y), p in best.items()]
        + [PopulationTotal(region_code=r, year=y, population=p, computed=True) for (r, y), p in computed.items()],
        batch_size=BATCH,
    )
