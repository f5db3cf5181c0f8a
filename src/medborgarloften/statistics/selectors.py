"""Reading statistics: series with rates and trends, comparisons, population cells, the public pages' data.

Interfaces for other apps (keep these names):

* :func:`series` — a municipality's series for one category, a :class:`Point`
  per year (count, population, rates per 1 000 and 100 000, change against
  the year before, preliminary flag, source). The follow-up app reads
  indicator values from it; the problem picture links to it.
* :func:`comparison` — the county's and Sweden's rate for the same category and year.
* :func:`categories_for` — the categories a municipality has figures in.
* :func:`population_cells` — SCB population by municipality, age group and
  sex for one year, as rows in the population-cells layout the survey
  estimation engine reads (``municipality, year, age_group, sex, population``).
* :func:`categories_for_theme` — the categories linked to a ``scope.themes.Theme``.

Rates are count ÷ population × 1 000 (or 100 000), on SCB's population on
31 December of the same year, exact (Decimal, unrounded); templates round.
"""

import datetime
from collections import defaultdict
from functools import cached_property
from dataclasses import dataclass, field
from decimal import Decimal
from typing import NamedTuple

from django.db.models import Count, Q
from django.utils.translation import gettext_lazy as _

from medborgarloften.scope.predicates import is_national_administrator

from .models import SWEDEN, Category, Denominator, Event, ImportRun, Observation, Population, PopulationTotal, RegionTotal, Source

# The survey estimation engine's age groups (surveys/estimation/README.md, "Population"):
# label, first age, last age (inclusive).
SURVEY_AGE_GROUPS = (
    ("16-24", 16, 24), ("25-34", 25, 34), ("35-44", 35, 44), ("45-54", 45, 54),
    ("55-64", 55, 64), ("65-74", 65, 74), ("75-85", 75, 85),
)
SURVEY_SEXES = {Population.Sex.WOMEN: "kvinna", Population.Sex.MEN: "man"}
SOURCE_NAMES = {Source.BRA: _("Brå, reported crimes"), Source.OWN: _("the municipality's own count"),
                Source.POLICE_EVENTS: _("the police's events feed")}


def rate(count, population, per):
    """Return ``count`` ÷ ``population`` × ``per`` as a Decimal, or None when either is missing or the population is 0."""
    if count is None or not population:
        return None
    return Decimal(count) * per / Decimal(population)


@dataclass
class Point:
    """One period of a series: a year (``month`` 0) or a month."""

    year: int
    month: int
    count: Decimal | None
    population: int | None
    preliminary: bool
    source: str
    published_rate: Decimal | None = None
    previous: "Point | None" = field(default=None, repr=False)

    @cached_property
    def rate_per_1000(self):
        return rate(self.count, self.population, 1000)

    @cached_property
    def rate_per_100000(self):
        return rate(self.count, self.population, 100000)

    @property
    def change(self):
        """The count minus the previous period's, or None."""
        if self.previous is None or self.previous.count is None or self.count is None:
            return None
        return self.count - self.previous.count

    @property
    def change_percent(self):
        """The change in per cent of the previous period's count, or None (also when that was 0)."""
        if self.change is None or not self.previous.count:
            return None
        return self.change * 100 / self.previous.count

    @property
    def rate_change(self):
        """The change in the rate per 100 000 against the previous period, or None."""
        if self.previous is None or self.rate_per_100000 is None or self.previous.rate_per_100000 is None:
            return None
        return self.rate_per_100000 - self.previous.rate_per_100000

    @property
    def period(self):
        return f"{self.year}-{self.month:02d}" if self.month else str(self.year)


@dataclass
class RegionRate:
    """A county's or Sweden's figure for comparison; ``summed`` when added up from its municipalities."""

    region_code: str
    year: int
    count: Decimal | None
    population: int | None
    summed: bool
    preliminary: bool

    @property
    def rate_per_1000(self):
        return rate(self.count, self.population, 1000)

    @property
    def rate_per_100000(self):
        return rate(self.count, self.population, 100000)


def _link(points):
    """Set each point's ``previous`` to the point of the period before it (if present) and return the points."""
    by_period = {(p.year, p.month): p for p in points}
    for p in points:
        if p.month == 0:
            p.previous = by_period.get((p.year - 1, 0))
        else:
            p.previous = by_period.get((p.year, p.month - 1)) if p.month > 1 else by_period.get((p.year - 1, 12))
    return points


class Row(NamedTuple):
    """An observation as the pages read it (model instances cost too much at 300 rows a page)."""

    category_id: int
    year: int
    month: int
    count: Decimal | None
    preliminary: bool
    published_rate: Decimal | None


ROW_FIELDS = ("category_id", "year", "month", "count", "preliminary", "published_rate")


def _rows(query):
    return [Row(*values) for values in query.order_by().values_list(*ROW_FIELDS)]


def _points(observations, populations, category):
    source = str(SOURCE_NAMES.get(category.source, category.source))
    points = [
        Point(o.year, o.month, o.count, populations.get(o.year), o.preliminary, source, o.published_rate)
        for o in observations
    ]
    return _link(sorted(points, key=lambda p: (p.year, p.month)))


def _populations(region_codes, years=None):
    query = PopulationTotal.objects.filter(region_code__in=list(region_codes))
    if years is not None:
        query = query.filter(year__in=list(years))
    found = defaultdict(dict)
    for code, year, population in query.values_list("region_code", "year", "population"):
        found[code][year] = population
    return found


def series(municipality, category, *, years=None, months=False):
    """Return the yearly series (or, with ``months``, the monthly one) of ``municipality`` in ``category``.

    ``category`` is a Category or its slug; ``years`` limits the years. Each
    item is a :class:`Point`: ``count`` (None where the source published no
    figure), ``population`` (SCB, 31 December; None if not imported),
    ``rate_per_1000``, ``rate_per_100000``, ``change``, ``change_percent`` and
    ``rate_change`` against the previous period, ``preliminary`` and
    ``source``. Two queries (plus one for a slug).
    """
    if isinstance(category, str):
        category = Category.objects.get(slug=category)
    observations = Observation.objects.filter(region_code=municipality.code, category=category)
    observations = observations.exclude(month=0) if months else observations.filter(month=0)
    if years is not None:
        observations = observations.filter(year__in=list(years))
    observations = list(observations)
    populations = _populations([municipality.code], {o.year for o in observations})[municipality.code]
    return _points(observations, populations, category)


def comparison(municipality, category, *, year):
    """Return {"county": RegionRate | None, "country": RegionRate | None} for ``category`` in ``year``.

    A figure the source published for the county or Sweden is used first;
    otherwise the sum of the municipalities, but only when every municipality
    of the region has a figure (a partial sum would mislead). The rate uses
    the region's SCB population (or the sum of its municipalities').
    """
    regions = [municipality.county.code, SWEDEN]
    return _comparisons(regions, [category.pk], {year})[(category.pk, year)]


def _comparisons(regions, category_ids, years, populations=None, *, pairs=None):
    """Return {(category id, year): {"county": RegionRate|None, "country": RegionRate|None}}; three queries (two with ``populations``).

    ``pairs`` limits the result to those (category id, year) pairs.
    """
    county_code = regions[0]
    if populations is None:
        populations = _populations(regions, years)
    wanted = Q(category_id__in=category_ids, year__in=list(years))
    if pairs is not None:
        # Every pair's category in its year, or its category in any year: a small superset of the pairs.
        by_category = defaultdict(set)
        for category_id, year in pairs:
            by_category[category_id].add(year)
        several = [c for c, ys in by_category.items() if len(ys) > 1]
        wanted = Q(category_id__in=several) | Q(category_id__in=list(by_category), year__in={y for ys in by_category.values() for y in ys if len(ys) == 1})
    published = {
        (region, category_id, year): (count, preliminary)
        for region, category_id, year, count, preliminary in Observation.objects.filter(
            wanted, region_code__in=regions, month=0,
        ).order_by().values_list("region_code", "category_id", "year", "count", "preliminary")
    }
    summed = {
        (region, category_id, year): (count, preliminary, counted == expected)
        for region, category_id, year, count, preliminary, counted, expected in RegionTotal.objects.filter(
            wanted, region_code__in=regions, month=0,
        ).values_list("region_code", "category_id", "year", "count", "preliminary", "municipalities_counted",
                      "municipalities_expected")
    }
    result = {}
    for category_id, year in pairs if pairs is not None else ((c, y) for c in category_ids for y in years):
        entry = {}
        for key, region in (("county", county_code), ("country", SWEDEN)):
            population = populations[region].get(year)
            own = published.get((region, category_id, year))
            total = summed.get((region, category_id, year))
            if own is not None:
                entry[key] = RegionRate(region, year, own[0], population, False, own[1])
            elif total is not None and total[2]:
                entry[key] = RegionRate(region, year, total[0], population, True, total[1])
            else:
                entry[key] = None
        result[(category_id, year)] = entry
    return result


def categories_for(municipality):
    """Return the categories ``municipality`` has yearly figures in, in Brå's order (one query)."""
    return list(Category.objects.filter(observations__region_code=municipality.code, observations__month=0).distinct())


def categories_for_theme(theme):
    """Return the categories linked to ``theme`` (a scope.themes.Theme value)."""
    return list(Category.objects.filter(theme=theme))


def population_series(municipality):
    """Return [(year, population)] for ``municipality``, oldest first (one query)."""
    return sorted(_populations([municipality.code])[municipality.code].items())


def population_cells(municipality_codes, year, *, age_groups=SURVEY_AGE_GROUPS):
    """Return SCB's population of ``year`` by municipality, age group and sex, as survey population cells.

    Each row is ``{"municipality": code, "year": year, "age_group": "16-24",
    "sex": "kvinna" | "man", "population": n}`` — the population-cells layout
    of the survey estimation engine (surveys/estimation/README.md), every
    cell of every municipality that has single-year figures for ``year``
    (0 where SCB counts nobody). Age groups are summed from SCB's single
    years; pass other ``age_groups`` ((label, first age, last age), …) for
    other groupings. Municipalities without figures for the year are left
    out. One query.
    """
    codes = list(municipality_codes)
    low = min(first for _label, first, _last in age_groups)
    high = max(last for _label, _first, last in age_groups)
    group_of = {}
    for label, first, last in age_groups:
        for age in range(first, last + 1):
            group_of[age] = label
    sums = {}
    present = set()
    for code, age, sex, count in Population.objects.filter(
            region_code__in=codes, year=year, age__gte=low, age__lte=high,
            sex__in=[Population.Sex.MEN, Population.Sex.WOMEN]).values_list("region_code", "age", "sex", "count"):
        present.add(code)
        if age in group_of:
            key = (code, group_of[age], sex)
            sums[key] = sums.get(key, 0) + count
    return [
        {"municipality": code, "year": year, "age_group": label, "sex": SURVEY_SEXES[sex],
         "population": sums.get((code, label, sex), 0)}
        for code in codes if code in present
        for label, _first, _last in age_groups
        for sex in (Population.Sex.WOMEN, Population.Sex.MEN)
    ]


# --- the public pages ----------------------------------------------------------


@dataclass
class CategorySummary:
    category: Category
    points: list
    latest: Point | None
    county: RegionRate | None
    country: RegionRate | None
    comparisons: dict


def municipality_statistics(municipality, *, category_slug=None):
    """Return everything the public statistics page of ``municipality`` shows, in seven queries.

    ``category_slug`` picks the category shown in detail (default: the first,
    Brå's total). Returns a dict with ``summaries`` (a CategorySummary per
    category), ``selected`` (the one in detail), ``months`` (its monthly
    points), ``populations`` ([(year, population)]), ``denominators``
    ({year: Denominator}) and ``years``.
    """
    county = municipality.county.code
    observations = _rows(Observation.objects.filter(region_code=municipality.code))
    years = sorted({o.year for o in observations})
    populations = _populations([municipality.code, county, SWEDEN], None)
    own_population = populations[municipality.code]
    by_id = defaultdict(list)
    for o in observations:
        by_id[o.category_id].append(o)
    categories = list(Category.objects.filter(pk__in=list(by_id))) if by_id else []
    by_category = {c: by_id[c.pk] for c in categories}
    selected_category = next((c for c in categories if c.slug == category_slug), categories[0] if categories else None)
    points_by_category = {c: _points([o for o in by_category[c] if o.month == 0], own_population, c) for c in categories}
    # Comparisons for each category's latest year, and every year of the category shown in detail.
    pairs = {(c.pk, points[-1].year) for c, points in points_by_category.items() if points}
    if selected_category is not None:
        pairs |= {(selected_category.pk, year) for year in years}
    comparisons = _comparisons([county, SWEDEN], [c.pk for c in categories], set(years), populations,
                               pairs=pairs) if categories else {}
    summaries = []
    selected = None
    months = []
    for category in categories:
        points = points_by_category[category]
        latest = points[-1] if points else None
        entry = {year: comparisons[(category.pk, year)] for year in years if (category.pk, year) in comparisons}
        summary = CategorySummary(category, points, latest,
                                  entry.get(latest.year, {}).get("county") if latest else None,
                                  entry.get(latest.year, {}).get("country") if latest else None, entry)
        summaries.append(summary)
        if selected is None or category.slug == category_slug:
            selected = summary
            months = _points([o for o in by_category[category] if o.month], own_population, category)
    if category_slug and selected and selected.category.slug != category_slug:
        selected = None
    denominators = {d.year: d for d in Denominator.objects.filter(municipality=municipality)}
    return {
        "summaries": summaries, "selected": selected, "months": months, "years": years,
        "populations": sorted(own_population.items()), "denominators": denominators,
        "county_populations": populations[county], "country_populations": populations[SWEDEN],
    }


def municipality_events(municipality, *, limit=20):
    """Return (latest events, [(type, count)] over the year before the latest event) for ``municipality``; two queries."""
    events = list(Event.objects.filter(municipality=municipality).order_by("-published_at", "-id")[:limit])
    if not events:
        return [], [], None
    since = events[0].published_at - datetime.timedelta(days=365)
    counts = list(
        Event.objects.filter(municipality=municipality, published_at__gt=since)
        .values("type").annotate(n=Count("id")).order_by("-n", "type")
    )
    return events, [(row["type"], row["n"]) for row in counts], since


def panel_figures(municipality):
    """Return the key figures for the municipality page's panel (two queries), or None if there are none.

    ``population`` is (year, people) of the latest year; ``total`` the latest
    yearly point of Brå's total (or of the first category) with its rate.
    """
    observations = list(
        Observation.objects.filter(region_code=municipality.code, month=0)
        .select_related("category").order_by("category__position", "category__name", "-year")[:2]
    )
    populations = _populations([municipality.code])[municipality.code]
    if not observations and not populations:
        return None
    total = None
    if observations:
        category = observations[0].category
        same = [o for o in observations if o.category_id == category.pk]
        points = _points(same, populations, category)
        total = (category, points[-1])
    population = max(populations.items()) if populations else None
    return {"population": population, "total": total}


def export_rows(municipality):
    """Yield the rows of the municipality's CSV export: every yearly and monthly figure with its rates (two queries)."""
    observations = list(Observation.objects.filter(region_code=municipality.code).select_related("category")
                        .order_by("category__position", "category__name", "year", "month"))
    populations = _populations([municipality.code])[municipality.code]
    by_category = defaultdict(list)
    for o in observations:
        by_category[o.category].append(o)
    for category, rows in by_category.items():
        for point in _points(rows, populations, category):
            yield category, point


# --- the workspace -------------------------------------------------------------


def visible_imports(person):
    """Return the imports ``person`` may see in the history, newest first (a queryset)."""
    query = ImportRun.objects.select_related("created_by", "committed_by").order_by("-created_at")
    if is_national_administrator(person):
        return query
    return query.filter(Q(created_by=person))
