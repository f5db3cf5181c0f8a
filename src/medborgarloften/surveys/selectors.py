"""Reads of surveys and their stored results, each owning its joins so query counts stay fixed."""

from django.db.models import Count, Exists, OuterRef, Prefetch, Q

from medborgarloften.areas.models import Municipality
from medborgarloften.scope.predicates import municipality_ids_for

from .models import Invitation, Question, Response, ResultArea, ResultSet, Survey

EDITOR = "editor"


def _with_counts(queryset):
    return queryset.annotate(
        n_responses=Count("responses", distinct=True),
    ).prefetch_related(Prefetch("municipalities", queryset=Municipality.objects.order_by("name")))


def workspace_surveys(person):
    """Return the surveys covering a municipality ``person`` works for today, newest first, with answer counts."""
    ids = municipality_ids_for(person)
    return _with_counts(Survey.objects.filter(municipalities__in=ids).distinct()).order_by("-year", "title")


def surveys_in_states(person, states, *roles):
    ids = municipality_ids_for(person, *roles)
    if not ids:
        return []
    return list(_with_counts(Survey.objects.filter(state__in=states, municipalities__in=ids).distinct()).order_by("-year", "title"))


def invitation_counts(surveys):
    """Return {survey id: (invited, used)} for ``surveys`` (one query)."""
    rows = (Invitation.objects.filter(survey__in=surveys).values("survey_id")
            .annotate(invited=Count("pk"), used=Count("pk", filter=Q(used=True))))
    return {r["survey_id"]: (r["invited"], r["used"]) for r in rows}


def survey_for_workspace(pk):
    """Return survey ``pk`` with its municipalities and questions (raises Survey.DoesNotExist)."""
    return (Survey.objects.select_related("local_police_area", "county", "previous")
            .prefetch_related(Prefetch("municipalities", queryset=Municipality.objects.order_by("name")),
                              Prefetch("questions", queryset=Question.objects.order_by("order", "pk")))
            .annotate(has_answers=Exists(Response.objects.filter(survey=OuterRef("pk"))))
            .get(pk=pk))


def result_set_for(survey):
    return ResultSet.objects.filter(survey=survey).first()


def result_areas(result_set):
    """Return the (level, area, area name, domain) the result set has results for, counties first."""
    rows = ResultArea.objects.filter(result_set=result_set).values_list("level", "area", "area_name", "domain")
    order = {"county": 0, "lpo": 1, "municipality": 2, "subarea": 3}
    return sorted(rows, key=lambda a: (order.get(a[0], 9), a[2], a[3]))


def area_result(result_set, *, level, area, domain):
    """Return the ResultArea of one area, or None."""
    return ResultArea.objects.filter(result_set=result_set, level=level, area=area, domain=domain).first()


def sub_area_counts(result_set, municipality_code):
    """Return [(sub-area, respondents)] of a municipality's sub-areas (one query)."""
    return list(ResultArea.objects.filter(result_set=result_set, level="subarea", area=municipality_code)
                .order_by("domain").values_list("domain", "respondents"))


PANEL_ITEMS = ("trygg_ute_sent", "otrygg_ute_sent", "utsatt_brott", "undviker_platser", "anmalningsgrad",
               "mean_score_total")


def published_panel(municipality):
    """Return (survey, area) of the latest published survey covering ``municipality`` and its results there, or None.

    Two queries, whatever the number of surveys and answers.
    """
    survey = (Survey.objects.filter(state=Survey.State.PUBLISHED, municipalities=municipality,
                                    result_set__isnull=False)
              .select_related("result_set").order_by("-year", "-published_at").first())
    if survey is None:
        return None
    area = ResultArea.objects.filter(result_set=survey.result_set, level="municipality", area=municipality.code,
                                     domain="").first()
    return survey, area


def published_surveys(municipality=None):
    """Return published surveys (of ``municipality``), newest first."""
    query = Survey.objects.filter(state=Survey.State.PUBLISHED)
    if municipality is not None:
        query = query.filter(municipalities=municipality)
    return query.prefetch_related("municipalities").order_by("-year", "title")
