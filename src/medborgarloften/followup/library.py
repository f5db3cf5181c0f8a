"""The activity library: what municipalities across the country promised, theme by theme, and what their follow-up reported.

Reads only: activities of promises that are or were in force (published,
superseded or closed), each with its municipality, its commitment, its target
and the progress its published reports give (summed actual against the
target, the last status). Every read costs a fixed number of queries however
many activities, municipalities or reports there are.
"""

from dataclasses import dataclass

from django.db.models import F, Prefetch, Window, prefetch_related_objects
from django.db.models.functions import RowNumber

from medborgarloften.areas.models import Municipality
from medborgarloften.core.pagination import page_of
from medborgarloften.promises.models import Activity, Promise
from medborgarloften.promises.selectors import any_case, covering_year

from .models import ActivityReport, ProgressReport
from .progress import activity_progress

PAGE_SIZE = 25
EXAMPLES_PER_THEME = 3
NEWEST_FIRST = ("-commitment__promise__valid_from", "commitment__promise_id", "commitment__order", "order", "pk")


@dataclass
class LibraryEntry:
    activity: Activity
    progress: object          # followup.progress.ActivityProgress

    @property
    def commitment(self):
        return self.activity.commitment

    @property
    def promise(self):
        return self.activity.commitment.promise

    @property
    def municipalities(self):
        return list(self.promise.municipalities.all())


def library_activities(*, theme="", text="", county=None, year=None, exclude_municipalities=()):
    """Return the library's activities, newest promise first, narrowed by theme, words, county and year.

    ``text`` is looked for in the activity, its unit and places, and its
    commitment's focus area and pledge; ``year`` keeps promises in force some
    day of that year; ``exclude_municipalities`` leaves out promises of those
    municipalities (a draft's own). Conditions on the promise are indexed
    subqueries, so the rows are never duplicated.
    """
    promises = Promise.objects.filter(state__in=Promise.PUBLIC_STATES)
    if county is not None:
        promises = promises.filter(pk__in=Promise.municipalities.through.objects.filter(
            municipality__county=county).values("promise_id"))
    if year:
        promises = promises.filter(covering_year(year))
    if exclude_municipalities:
        promises = promises.exclude(pk__in=Promise.municipalities.through.objects.filter(
            municipality__in=list(exclude_municipalities)).values("promise_id"))
    activities = Activity.objects.filter(commitment__promise__in=promises.values("pk"))
    if theme:
        activities = activities.filter(commitment__theme=theme)
    if text:
        activities = activities.filter(
            any_case("description", text) | any_case("unit", text) | any_case("places", text)
            | any_case("commitment__focus_area", text) | any_case("commitment__pledge", text))
    return (activities.select_related("commitment__promise")
            .defer("commitment__promise__situation", "commitment__promise__follow_up").order_by(*NEWEST_FIRST))


def with_progress(activities):
    """Return a LibraryEntry per activity, loading municipalities and published report entries in two queries."""
    activities = list(activities)
    if not activities:
        return []
    promises = {}
    for activity in activities:
        # One object per promise (select_related makes one per row), so each is prefetched once.
        activity.commitment.promise = promises.setdefault(activity.commitment.promise_id, activity.commitment.promise)
    municipalities = Prefetch("municipalities", queryset=Municipality.objects.select_related("county"))
    prefetch_related_objects(list(promises.values()), municipalities)
    entries = {}
    for entry in ActivityReport.objects.filter(
            activity__in=activities, report__state=ProgressReport.State.PUBLISHED).select_related("report"):
        entries.setdefault(entry.activity_id, []).append(entry)
    return [LibraryEntry(activity=a, progress=activity_progress(a, entries.get(a.pk, []))) for a in activities]


def library_page(number, *, size=None, **filters):
    """Return page ``number`` of the library (see ``library_activities``) as LibraryEntries: three queries."""
    page = page_of(library_activities(**filters), number, size=size or PAGE_SIZE)
    page.object_list = with_progress(page.object_list)
    return page


def theme_examples(themes, *, exclude_municipalities=(), per_theme=EXAMPLES_PER_THEME):
    """Return {theme: [LibraryEntry]}: the newest ``per_theme`` activities other municipalities promised on each theme.

    One query for the activities (numbered per theme by a window function),
    two for their municipalities and reports, however many themes.
    """
    themes = [theme for theme in dict.fromkeys(themes) if theme]
    if not themes:
        return {}
    numbered = library_activities(exclude_municipalities=exclude_municipalities).filter(
        commitment__theme__in=themes,
    ).annotate(
        theme=F("commitment__theme"),
        row=Window(RowNumber(), partition_by=[F("commitment__theme")], order_by=[
            F("commitment__promise__valid_from").desc(), F("commitment__promise_id").asc(),
            F("commitment__order").asc(), F("order").asc(), F("pk").asc()]),
    ).filter(row__lte=per_theme)
    examples = {theme: [] for theme in themes}
    for entry in with_progress(numbered):
        examples[entry.activity.theme].append(entry)
    return examples
