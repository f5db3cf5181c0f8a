"""What the open data API may show: each record kind's public query set, built on the owning app's own selectors.

Nothing is decided here about what is public that the app owning the record
has not decided already:

* promises: ``site.selectors.public_promises`` (published, superseded, closed,
  or withdrawn after publication), their text from the signed version's
  frozen content (``PromiseVersion.content``), never the live rows;
* follow-up: published reports only (``ProgressReport.State.PUBLISHED``) of
  public promises, and the indicators of public promises;
* surveys: published surveys with stored results (what the public results
  page and its exports read); suppressed cells are stored empty and stay so;
* statistics: the municipalities' series as the public statistics page and
  its CSV export show them;
* dialogues: counts of published comments (``Comment.objects.public()``:
  approved, never from a staff dialogue) by confirmed theme;
* problem pictures: the approved version of each approved picture (never a
  draft, nor edits waiting for approval), cut by
  ``problems.selectors.public_content`` to its public problems and their
  public evidence (never staff knowledge), and of that only what the public
  panel and "Därför lovar vi detta" show.

Every function returns a query set (for the pagination to slice), and the
``load_*`` functions complete one page with a fixed number of queries.
"""

import datetime

from django.db.models import Count, F, OuterRef, Q, Subquery, prefetch_related_objects
from django.db.models.functions import Coalesce, ExtractYear

from medborgarloften.areas.models import County, Municipality
from medborgarloften.dialogues.models import Comment, CommentTheme, Dialogue
from medborgarloften.followup.models import ActivityReport, Indicator, IndicatorValue, ProgressReport
from medborgarloften.problems.models import ProblemPicture
from medborgarloften.problems.selectors import evidence_figure, public_content
from medborgarloften.promises.models import Activity, Commitment, Promise, PromiseVersion, Signature
from medborgarloften.promises.selectors import PARTY_PREFETCH, VERSION_PREFETCH, latest_version, valid_signatures
from medborgarloften.site.selectors import public_promises
from medborgarloften.statistics.models import Event, Observation, PopulationTotal
from medborgarloften.surveys.models import ResultArea, Survey


def _year_bounds(year):
    return datetime.date(year, 1, 1), datetime.date(year, 12, 31)


def _promise_ids_in(*, county=None, municipality=None):
    links = Promise.municipalities.through.objects.all()
    if county:
        links = links.filter(municipality__county__code=county)
    if municipality:
        links = links.filter(municipality__code=municipality)
    return links.values("promise_id")


def _in_force(prefix, year):
    """Q for promises (at ``prefix``) in force at some time during ``year``, extensions included."""
    start, end = _year_bounds(year)
    return Q(**{f"{prefix}valid_from__lte": end}) & (
        Q(**{f"{prefix}extended_to__gte": start})
        | Q(**{f"{prefix}extended_to__isnull": True, f"{prefix}valid_to__gte": start})
        | Q(**{f"{prefix}extended_to__isnull": True, f"{prefix}valid_to__isnull": True})
    )


# --- places -------------------------------------------------------------------------


def counties():
    return County.objects.annotate(municipality_count=Count("municipalities")).order_by("code")


def municipalities(*, county=None, municipality=None):
    query = Municipality.objects.select_related("county").order_by("code")
    if county:
        query = query.filter(county__code=county)
    if municipality:
        query = query.filter(code=municipality)
    return query


def municipality_names():
    """Return {code: (name, county code)} of every municipality (one query; 290 rows at most)."""
    return {code: (name, county) for code, name, county in Municipality.objects.values_list("code", "name", "county__code")}


# --- promises -----------------------------------------------------------------------


def promises(*, county=None, municipality=None, year=None):
    """Return the public promises, oldest id first, of a county, a municipality, in force in a year."""
    query = public_promises()
    if county or municipality:
        query = query.filter(pk__in=_promise_ids_in(county=county, municipality=municipality))
    if year:
        query = query.filter(_in_force("", year))
    return query.select_related("collaboration_agreement").order_by("pk")


def signed_version(promise):
    """Return the promise's signed version (its newest, validly signed by every signing party), or None.

    Reads prefetched versions, signatures and parties. A public promise always
    has one; a promise without one is left out of the API rather than shown
    with text nobody signed.
    """
    version = latest_version(promise)
    if version is None:
        return None
    signatures = valid_signatures(version)
    signed = {s.party_id for s in signatures}
    if any(p.signs and p.pk not in signed for p in promise.parties.all()) or not signatures:
        return None
    version.valid_signatures = signatures
    return version


def load_promises(page):
    """Return the page's promises that have a signed version, with it as ``signed`` (three queries)."""
    prefetch_related_objects(page, PARTY_PREFETCH, VERSION_PREFETCH)
    loaded = []
    for promise in page:
        promise.signed = signed_version(promise)
        if promise.signed is not None:
            loaded.append(promise)
    return loaded


def signatures(*, county=None, municipality=None, year=None):
    """Return the valid signatures on the signed (newest) version of every public promise."""
    newest = PromiseVersion.objects.filter(promise=OuterRef("version__promise")).order_by("-number").values("number")[:1]
    query = Signature.objects.filter(
        version__promise__in=promises(county=county, municipality=municipality, year=year).values("pk"),
        content_hash=F("version__content_hash"),
    ).annotate(newest=Subquery(newest)).filter(version__number=F("newest"))
    return query.select_related("version").order_by("version__promise_id", "signed_at", "pk")


# --- follow-up ----------------------------------------------------------------------


def progress_reports(*, county=None, municipality=None, year=None, promise=None):
    """Return the published progress reports of public promises, by promise and period."""
    query = ProgressReport.objects.filter(
        state=ProgressReport.State.PUBLISHED, promise__in=promises(county=county, municipality=municipality).values("pk"))
    if year:
        start, end = _year_bounds(year)
        query = query.filter(period_start__lte=end, period_end__gte=start)
    if promise:
        query = query.filter(promise_id=promise)
    return query.order_by("promise_id", "period_end", "pk")


def positions(promise_ids):
    """Return ({commitment id: position}, {activity id: position}), 1-based in the signed text's order (two queries)."""
    ids = list(promise_ids)
    ranked = {}
    for pk, promise_id, order in Commitment.objects.filter(promise_id__in=ids).values_list("pk", "promise_id", "order"):
        ranked.setdefault(promise_id, []).append((order, pk))
    commitment_position = {pk: i for keys in ranked.values() for i, (_o, pk) in enumerate(sorted(keys), start=1)}
    ranked = {}
    for pk, commitment_id, order in Activity.objects.filter(commitment__promise_id__in=ids).values_list("pk", "commitment_id", "order"):
        ranked.setdefault(commitment_id, []).append((order, pk))
    activity_position = {pk: i for keys in ranked.values() for i, (_o, pk) in enumerate(sorted(keys), start=1)}
    return commitment_position, activity_position


def load_reports(page):
    """Attach each report's entries (with their activity and organisation) and their positions; three queries."""
    entries = {}
    for entry in ActivityReport.objects.filter(report__in=page).select_related("activity", "organisation").order_by(
            "activity__commitment__order", "activity__commitment_id", "activity__order", "activity_id"):
        entries.setdefault(entry.report_id, []).append(entry)
    commitment_position, activity_position = positions({r.promise_id for r in page})
    for report in page:
        report.public_entries = entries.get(report.pk, [])
        for entry in report.public_entries:
            entry.commitment_position = commitment_position.get(entry.activity.commitment_id)
            entry.activity_position = activity_position.get(entry.activity_id)
    return page


def indicators(*, county=None, municipality=None, year=None, promise=None):
    """Return the indicators of the public promises' commitments (of promises in force in ``year``)."""
    query = Indicator.objects.filter(
        commitment__promise__in=promises(county=county, municipality=municipality, year=year).values("pk"))
    if promise:
        query = query.filter(commitment__promise_id=promise)
    return query.select_related("commitment", "statistics_category").order_by("commitment__promise_id", "pk")


def load_indicators(page):
    """Attach each indicator's yearly values and its commitment's position; three queries."""
    values = {}
    for value in IndicatorValue.objects.filter(indicator__in=page).order_by("year"):
        values.setdefault(value.indicator_id, []).append(value)
    commitment_position, _activities = positions({i.commitment.promise_id for i in page})
    for indicator in page:
        indicator.public_values = values.get(indicator.pk, [])
        indicator.commitment_position = commitment_position.get(indicator.commitment_id)
    return page


# --- surveys ------------------------------------------------------------------------


def published_surveys(*, county=None, municipality=None, year=None):
    """Return the published surveys with stored results (what the public results pages show)."""
    query = Survey.objects.filter(state=Survey.State.PUBLISHED, result_set__isnull=False)
    if county:
        query = query.filter(pk__in=Survey.municipalities.through.objects.filter(
            municipality__county__code=county).values("survey_id"))
    if municipality:
        query = query.filter(pk__in=Survey.municipalities.through.objects.filter(
            municipality__code=municipality).values("survey_id"))
    if year:
        query = query.filter(year=year)
    return query.select_related("result_set", "county", "local_police_area").order_by("pk")


def survey_results(*, county=None, municipality=None, year=None, survey=None):
    """Return the stored result areas of published surveys (a municipality: its own area and its sub-areas)."""
    query = ResultArea.objects.filter(
        result_set__survey__in=published_surveys(county=county, year=year).values("pk"))
    if municipality:
        query = query.filter(level__in=("municipality", "subarea"), area=municipality)
    if survey:
        query = query.filter(result_set__survey_id=survey)
    return query.select_related("result_set").order_by("result_set__survey_id", "position", "pk")


# --- statistics ---------------------------------------------------------------------


def statistics(*, county=None, municipality=None, year=None, category=None):
    """Return every municipality's yearly and monthly figures with SCB's population of the year (as the public page)."""
    codes = Municipality.objects.all()
    if county:
        codes = codes.filter(county__code=county)
    if municipality:
        codes = codes.filter(code=municipality)
    population = PopulationTotal.objects.filter(region_code=OuterRef("region_code"), year=OuterRef("year")).values("population")[:1]
    query = Observation.objects.filter(region_code__in=codes.values("code")).annotate(population=Subquery(population))
    if year:
        query = query.filter(year=year)
    if category:
        query = query.filter(category__slug=category)
    return query.select_related("category").order_by("region_code", "category__position", "category__name", "year", "month", "pk")


def population(*, county=None, municipality=None, year=None):
    """Return SCB's population of every municipality per year (31 December), as the statistics page shows it."""
    codes = Municipality.objects.all()
    if county:
        codes = codes.filter(county__code=county)
    if municipality:
        codes = codes.filter(code=municipality)
    query = PopulationTotal.objects.filter(region_code__in=codes.values("code"))
    if year:
        query = query.filter(year=year)
    return query.order_by("region_code", "year")


def police_events(*, county=None, municipality=None, year=None):
    """Return the police's published events placed in a municipality (as the statistics page lists them), newest first."""
    query = Event.objects.filter(municipality__isnull=False)
    if county:
        query = query.filter(municipality__county__code=county)
    if municipality:
        query = query.filter(municipality__code=municipality)
    if year:
        query = query.filter(published_at__year=year)
    return query.select_related("municipality__county").order_by("-published_at", "-id")


# --- dialogues ----------------------------------------------------------------------


def comment_theme_counts(*, county=None, municipality=None, year=None):
    """Return published comments counted per municipality, year and confirmed theme (never staff dialogues)."""
    comments = Comment.objects.public().filter(themes_confirmed_at__isnull=False)
    if county:
        comments = comments.filter(municipality__county__code=county)
    if municipality:
        comments = comments.filter(municipality__code=municipality)
    if year:
        start, end = _year_bounds(year)
        comments = comments.filter(made_on__gte=start, made_on__lte=end)
    return (
        CommentTheme.objects.filter(comment__in=comments.values("pk"))
        .values(municipality_code=F("comment__municipality__code"), year=ExtractYear("comment__made_on"), theme_code=F("theme"))
        .annotate(comments=Count("comment", distinct=True))
        .order_by("municipality_code", "year", "theme_code")
    )


def dialogues(*, county=None, municipality=None, year=None):
    """Return the citizen dialogues (``Dialogue.objects.public()``: never staff dialogues) with their published comments counted."""
    counted = (Comment.objects.public().filter(dialogue=OuterRef("pk")).order_by().values("dialogue")
               .annotate(n=Count("pk")).values("n"))
    query = Dialogue.objects.public().annotate(published_comments=Coalesce(Subquery(counted[:1]), 0))
    if county:
        query = query.filter(municipality__county__code=county)
    if municipality:
        query = query.filter(municipality__code=municipality)
    if year:
        query = query.filter(starts_at__year=year)
    return query.select_related("municipality", "place").order_by("starts_at", "pk")


# --- problem pictures ---------------------------------------------------------------

PUBLIC_PROBLEM_FIELDS = ("id", "title", "theme", "description", "priority")
PUBLIC_EVIDENCE_FIELDS = ("kind", "label", "source", "date", "municipality", "url")
# The figures behind an evidence entry's text (``evidence_figure``), for programs.
PUBLIC_FIGURES = ("year", "estimate", "ci_low", "ci_high", "count", "rate", "county_rate", "comments", "observations")


def problem_pictures(*, county=None, municipality=None, year=None):
    """Return the problem pictures with an approved version (of a county, a municipality, for a cycle's year)."""
    query = ProblemPicture.objects.filter(approved_version__isnull=False)
    if county:
        query = query.filter(pk__in=ProblemPicture.municipalities.through.objects.filter(
            municipality__county__code=county).values("problempicture_id"))
    if municipality:
        query = query.filter(pk__in=ProblemPicture.municipalities.through.objects.filter(
            municipality__code=municipality).values("problempicture_id"))
    if year:
        query = query.filter(year=year)
    return query.select_related("approved_version").order_by("pk")


def public_problems(content):
    """Return the public problems of a version's ``content`` as the public pages show them, in priority order.

    ``public_content`` decides what is public (public problems, never staff
    knowledge or the reasons for the priorities); of that, each problem's
    title, theme, description and rank, and each evidence entry's label,
    figure, source and date, with the figures the text is made of.
    """
    problems = []
    for position, problem in enumerate(public_content(content)["problems"], start=1):
        evidence = []
        for entry in problem["evidence"]:
            snapshot = entry.get("snapshot") or {}
            evidence.append({**{k: entry.get(k) for k in PUBLIC_EVIDENCE_FIELDS}, "figure": evidence_figure(entry),
                             **{k: snapshot.get(k) for k in PUBLIC_FIGURES}})
        problems.append({**{k: problem.get(k) for k in PUBLIC_PROBLEM_FIELDS}, "position": position,
                         "evidence": evidence})
    return problems


def load_problem_pictures(page):
    """Attach each picture's public problems (``public_problems``) from its approved version; no query."""
    for picture in page:
        picture.public_problems = public_problems(picture.approved_version.content)
    return page
