"""The open data API, version 1: read-only lists of every published record, JSON or CSV.

Every view reads through ``opendata.selectors`` (which rest on each app's own
"public" selectors), takes the same filters (validated: a wrong value is a
400, never a 500), answers with ``Cache-Control: public`` and a strong ETag
(a conditional GET gets 304), sets no cookie and needs no authentication.

Adding a record kind (as the problem pictures were): a selector in
``selectors.py`` that returns only what its public page shows, a serializer,
a ``RecordList`` here, a line in ``urls.py`` and in ``ENDPOINTS`` (the docs
page), and a test in ``tests/site/opendata/test_api.py`` (``VisibilityTest``) that nothing
unpublished appears.
"""

import hashlib

from django.conf import settings
from django.http import Http404, HttpResponseNotModified
from django.shortcuts import render
from django.urls import reverse
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext_lazy as _
from drf_spectacular.renderers import OpenApiJsonRenderer2, OpenApiYamlRenderer
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from drf_spectacular.views import SpectacularAPIView
from rest_framework import serializers as drf
from rest_framework.exceptions import ValidationError
from rest_framework.generics import GenericAPIView
from rest_framework.response import Response

from . import selectors
from . import serializers as records

MAX_ID = 2**31 - 1


class Filters(drf.Serializer):
    county = drf.RegexField(r"^[0-9]{2}\Z", required=False)
    municipality = drf.RegexField(r"^[0-9]{4}\Z", required=False)
    year = drf.IntegerField(min_value=1990, max_value=2100, required=False)
    promise = drf.IntegerField(min_value=1, max_value=MAX_ID, required=False)
    survey = drf.IntegerField(min_value=1, max_value=MAX_ID, required=False)
    category = drf.SlugField(max_length=80, required=False)


ID = {"type": "integer", "minimum": 1, "maximum": MAX_ID}
PARAMETERS = {
    "county": OpenApiParameter("county", str, pattern=r"^[0-9]{2}$",
                               description="SCB's county code, e.g. 23 (Jämtlands län)."),
    "municipality": OpenApiParameter("municipality", str, pattern=r"^[0-9]{4}$",
                                     description="SCB's municipality code, e.g. 2380 (Östersund)."),
    "year": OpenApiParameter("year", {"type": "integer", "minimum": 1990, "maximum": 2100},
                             description="A calendar year (1990–2100)."),
    "promise": OpenApiParameter("promise", ID, description="A promise's id."),
    "survey": OpenApiParameter("survey", ID, description="A survey's id."),
    "category": OpenApiParameter("category", str, pattern=r"^[-a-zA-Z0-9_]{1,80}$",
                                 description="A statistics category's slug, e.g. totalt-antal-brott."),
}
PROMISE_ID = OpenApiParameter("id", ID, OpenApiParameter.PATH, description="The promise's id.")
FORMAT = OpenApiParameter("format", str, enum=["json", "csv"], description="json (the default) or csv.")
ERRORS = {400: OpenApiResponse(description="A filter's value is not valid."),
          429: OpenApiResponse(description="Too many requests: wait as long as Retry-After says.")}


class PublicAnswers:
    """Every answer of the API may be stored by browsers and shared caches, with an ETag to revalidate (304)."""

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        if request.method in ("GET", "HEAD") and response.status_code == 200:
            response.render()
            etag = '"%s"' % hashlib.sha256(response.content).hexdigest()[:32]
            if etag in [tag.strip().removeprefix("W/") for tag in request.headers.get("If-None-Match", "").split(",")]:
                response = HttpResponseNotModified()
            response["ETag"] = etag
            patch_cache_control(response, public=True, max_age=settings.API_CACHE_SECONDS)
        return response


class RecordView(PublicAnswers, GenericAPIView):
    """What every API view shares: validated filters, caching headers, a conditional GET."""

    filters = ()
    csv_expand = ()

    def filter_values(self):
        values = {name: self.request.query_params.get(name) for name in self.filters
                  if self.request.query_params.get(name) not in (None, "")}
        found = Filters(data=values)
        if not found.is_valid():
            raise ValidationError(found.errors)
        return {name: value for name, value in found.validated_data.items() if name in self.filters}


class RecordList(RecordView):
    """A paginated list: ``records(**filters)`` gives the query set, ``load(page)`` completes a page."""

    def records(self, **filters):
        raise NotImplementedError

    def get_queryset(self):
        return self.records(**self.filter_values())

    def load(self, page):
        return page

    def represent(self, items):
        return self.get_serializer(items, many=True).data

    def get(self, request, *args, **kwargs):
        page = self.paginate_queryset(self.get_queryset())
        return self.get_paginated_response(self.represent(self.load(list(page))))


def documented(*filters, description, serializer):
    return extend_schema(
        parameters=[PARAMETERS[f] for f in filters] + [FORMAT], description=description,
        responses={200: serializer(many=True), **ERRORS},
    )


# --- places -------------------------------------------------------------------------


class Counties(RecordList):
    serializer_class = records.CountySerializer
    csv_filename = "lan"

    @documented(description="Sweden's counties (län) with their number of municipalities.",
                serializer=records.CountySerializer)
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)

    def records(self, **filters):
        return selectors.counties()


class Municipalities(RecordList):
    serializer_class = records.MunicipalitySerializer
    filters = ("county", "municipality")
    csv_filename = "kommuner"

    @documented("county", "municipality", description="Sweden's municipalities with SCB's codes and their county.",
                serializer=records.MunicipalitySerializer)
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)

    def records(self, **filters):
        return selectors.municipalities(**filters)


# --- promises -----------------------------------------------------------------------


class PromiseRecords:
    serializer_class = records.PromiseSerializer

    def load(self, page):
        return selectors.load_promises(page)

    def represent(self, items):
        names = selectors.municipality_names() if items else {}
        data = [records.promise_record(promise, names, self.request) for promise in items]
        return records.PromiseSerializer(data, many=True).data


class Promises(PromiseRecords, RecordList):
    filters = ("county", "municipality", "year")
    csv_expand = (("commitments", "commitment"), ("activities", "activity"))
    csv_filename = "medborgarloften"

    @documented("county", "municipality", "year", serializer=records.PromiseSerializer, description=(
        "Public promises (published, superseded, closed, or withdrawn after publication; never drafts or promises "
        "awaiting signatures): the text is the signed version's frozen content, with its SHA-256 and the valid "
        "signatures. `year`: in force at some time that year. CSV: one line per activity (commitment and promise "
        "columns repeated); parties and signatures are in the JSON and in /signatures/."))
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)

    def records(self, **filters):
        return selectors.promises(**filters)


class PromiseDetail(PromiseRecords, RecordView):
    csv_expand = Promises.csv_expand

    @extend_schema(parameters=[PROMISE_ID, FORMAT], responses={200: records.PromiseSerializer, 404: OpenApiResponse(
        description="No public promise has this id."), 429: ERRORS[429]}, description="One public promise.")
    def get(self, request, pk, *args, **kwargs):
        if pk > MAX_ID:
            raise Http404
        found = self.load(list(selectors.promises().filter(pk=pk)))
        if not found:
            raise Http404
        return Response(self.represent(found)[0])


class Signatures(RecordList):
    serializer_class = records.SignatureRecordSerializer
    filters = ("county", "municipality", "year")
    csv_filename = "underskrifter"

    @documented("county", "municipality", "year", serializer=records.SignatureRecordSerializer, description=(
        "The valid signatures on every public promise's signed version: name, title and organisation as they "
        "signed, the date, and the SHA-256 they cover."))
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)

    def records(self, **filters):
        return selectors.signatures(**filters)


# --- follow-up ----------------------------------------------------------------------


class ProgressReports(RecordList):
    serializer_class = records.ProgressReportSerializer
    filters = ("county", "municipality", "year", "promise")
    csv_expand = (("entries", "entry"),)
    csv_filename = "uppfoljningar"

    @documented("county", "municipality", "year", "promise", serializer=records.ProgressReportSerializer, description=(
        "Published progress reports of public promises (never reports being written), each with what every "
        "activity's reporting organisation reported. `year`: reports whose period touches that year. "
        "CSV: one line per activity report."))
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)

    def records(self, **filters):
        return selectors.progress_reports(**filters)

    def load(self, page):
        return selectors.load_reports(page)


class Indicators(RecordList):
    serializer_class = records.IndicatorSerializer
    filters = ("county", "municipality", "year", "promise")
    csv_expand = (("values", "value"),)
    csv_filename = "indikatorer"

    @documented("county", "municipality", "year", "promise", serializer=records.IndicatorSerializer, description=(
        "The indicators of public promises' goals with their baseline, target and yearly values. `year`: "
        "indicators of promises in force that year. CSV: one line per yearly value."))
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)

    def records(self, **filters):
        return selectors.indicators(**filters)

    def load(self, page):
        return selectors.load_indicators(page)


# --- surveys ------------------------------------------------------------------------


class Surveys(RecordList):
    serializer_class = records.SurveySerializer
    filters = ("county", "municipality", "year")
    csv_filename = "trygghetsundersokningar"

    @documented("county", "municipality", "year", serializer=records.SurveySerializer, description=(
        "Safety surveys whose results are published (never drafts, surveys in the field or closed surveys)."))
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)

    def records(self, **filters):
        return selectors.published_surveys(**filters).prefetch_related("municipalities")


class SurveyResults(RecordList):
    serializer_class = records.SurveyResultSerializer
    filters = ("county", "municipality", "year", "survey")
    csv_filename = "trygghetsundersokningar-resultat"
    csv_columns = ("survey_id", "level", "area", "area_name", "domain", "respondents") + tuple(
        f"row.{name}" for name in records.ROW_FIELDS)
    csv_expand = (("rows", "row"),)
    # Each area holds every question's rows: a few hundred.
    max_page_size = 50

    @documented("county", "municipality", "year", "survey", serializer=records.SurveyResultSerializer, description=(
        "The published results of safety surveys, one record per area (county, local police area, municipality, "
        "sub-area) with the estimation engine's rows: shares with 95 % intervals, counts, change against the "
        "survey compared with. Estimates on too few answers are suppressed: their values are empty (null), as "
        "on the public pages. At most 50 areas a page. `municipality`: the municipality's own results and its sub-areas'. CSV: one line "
        "per row."))
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)

    def records(self, **filters):
        return selectors.survey_results(**filters)


# --- statistics ---------------------------------------------------------------------


class Statistics(RecordList):
    serializer_class = records.StatisticSerializer
    filters = ("county", "municipality", "year", "category")
    csv_filename = "statistik"

    @documented("county", "municipality", "year", "category", serializer=records.StatisticSerializer, description=(
        "Every municipality's figures as its public statistics page shows them: Brå's reported crimes and the "
        "municipality's own counts, per year (month 0) and month, with SCB's population and the rates per 1 000 "
        "and 100 000 inhabitants."))
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)

    def records(self, **filters):
        return selectors.statistics(**filters)


class Population(RecordList):
    serializer_class = records.PopulationSerializer
    filters = ("county", "municipality", "year")
    csv_filename = "befolkning"

    @documented("county", "municipality", "year", serializer=records.PopulationSerializer, description=(
        "SCB's population of every municipality on 31 December of each year: the denominator of every rate."))
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)

    def records(self, **filters):
        return selectors.population(**filters)


class PoliceEvents(RecordList):
    serializer_class = records.PoliceEventSerializer
    filters = ("county", "municipality", "year")
    csv_filename = "polisens-handelser"

    @documented("county", "municipality", "year", serializer=records.PoliceEventSerializer, description=(
        "The events the police published in their open feed (polisen.se) that name a municipality, as the "
        "statistics pages list them, newest first. `year`: the year the police published the event."))
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)

    def records(self, **filters):
        return selectors.police_events(**filters)


# --- dialogues ----------------------------------------------------------------------


class CommentThemes(RecordList):
    serializer_class = records.CommentThemeCountSerializer
    filters = ("county", "municipality", "year")
    csv_filename = "synpunkter-teman"

    @documented("county", "municipality", "year", serializer=records.CommentThemeCountSerializer, description=(
        "Residents' published comments counted per municipality, year (the day the comment was made) and theme "
        "confirmed by staff. Comments awaiting moderation, rejected comments and anything from staff dialogues "
        "are never counted. The comments themselves: the municipality's synpunkter.csv and synpunkter.json."))
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)

    def records(self, **filters):
        return selectors.comment_theme_counts(**filters)


class Dialogues(RecordList):
    serializer_class = records.DialogueSerializer
    filters = ("county", "municipality", "year")
    csv_filename = "dialoger"

    @documented("county", "municipality", "year", serializer=records.DialogueSerializer, description=(
        "Citizen dialogues (open meetings, safety walks, school visits, stands, online dialogues) as their public "
        "pages show them, with the number of published comments. Staff dialogues are never included."))
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)

    def records(self, **filters):
        return selectors.dialogues(**filters)


# --- problem pictures ---------------------------------------------------------------


class ProblemPictures(RecordList):
    serializer_class = records.ProblemPictureSerializer
    filters = ("county", "municipality", "year")
    csv_expand = (("problems", "problem"), ("evidence", "evidence"))
    csv_filename = "problembilder"

    @documented("county", "municipality", "year", serializer=records.ProblemPictureSerializer, description=(
        "Local problem pictures agreed by police and municipality: the approved version only (never a draft, nor "
        "changes waiting for approval), with its public problems in the agreed priority order and their public "
        "evidence as the public pages show it. Staff knowledge, problems kept internal and the reasons for the "
        "priorities never appear. `year`: the year of the promises the picture is for. CSV: one line per evidence "
        "entry."))
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)

    def records(self, **filters):
        return selectors.problem_pictures(**filters)

    def load(self, page):
        return selectors.load_problem_pictures(page)

    def represent(self, items):
        names = selectors.municipality_names() if items else {}
        return records.ProblemPictureSerializer(
            [records.problem_picture_record(picture, names, self.request) for picture in items], many=True).data


# --- the API's own description --------------------------------------------------------


# (url name, view, record kind, what it holds): the index and the docs page list these.
ENDPOINTS = (
    ("counties", Counties, _("Counties"), _("County codes and names.")),
    ("municipalities", Municipalities, _("Municipalities"), _("SCB's municipality codes, names and counties.")),
    ("promises", Promises, _("Citizen promises"),
     _("Public promises from their signed version: commitments, activities, parties, version hash, signatures.")),
    ("signatures", Signatures, _("Signatures"), _("Who signed each public promise's signed version, and when.")),
    ("progress_reports", ProgressReports, _("Follow-up reports"),
     _("Published progress reports with each activity's status, quantity and reason.")),
    ("indicators", Indicators, _("Indicators"), _("The goals' indicators with baseline, target and yearly values.")),
    ("surveys", Surveys, _("Safety surveys"), _("Surveys with published results.")),
    ("survey_results", SurveyResults, _("Safety survey results"),
     _("Published results per area; suppressed estimates stay empty.")),
    ("statistics", Statistics, _("Statistics"),
     _("Reported crimes and own counts per municipality, with population and rates.")),
    ("police_events", PoliceEvents, _("Police events"), _("The police's published events, by municipality.")),
    ("population", Population, _("Population"), _("SCB's population per municipality and year.")),
    ("comment_themes", CommentThemes, _("Residents' comments by theme"),
     _("Published comments counted per municipality, year and theme.")),
    ("dialogues", Dialogues, _("Citizen dialogues"),
     _("Open meetings, safety walks and other citizen dialogues; never staff dialogues.")),
    ("problem_pictures", ProblemPictures, _("Local problem pictures"),
     _("Approved problem pictures: public problems in priority order with their public evidence; never staff knowledge.")),
)


class Index(RecordView):
    """The API's entry point: where each list and the OpenAPI description are."""

    @extend_schema(exclude=True)
    def get(self, request, *args, **kwargs):
        def url(name):
            return request.build_absolute_uri(reverse(f"opendata:v1:{name}"))

        return Response({
            "version": "v1",
            "schema": url("schema"),
            "documentation": request.build_absolute_uri(reverse("opendata:docs")),
            "endpoints": {name: url(name) for name, _view, _label, _about in ENDPOINTS},
        })


class Schema(PublicAnswers, SpectacularAPIView):
    """The OpenAPI 3 description, JSON by default (``?format=yaml`` for YAML), generated once per process."""

    renderer_classes = [OpenApiJsonRenderer2, OpenApiYamlRenderer]
    api_version = "v1"
    _generated = {}

    def _get_schema_response(self, request):
        # The description depends on the code only (no host, no language in it): generate it once.
        if self.api_version not in self._generated:
            generator = self.generator_class(urlconf=self.urlconf, api_version=self.api_version, patterns=self.patterns)
            self._generated[self.api_version] = generator.get_schema(request=request, public=self.serve_public)
        return Response(data=self._generated[self.api_version], headers={
            "Content-Disposition": f'inline; filename="{self._get_filename(request, self.api_version)}"'})


def docs(request):
    """The open data page: every endpoint, its filters and formats, without JavaScript."""
    endpoints = [
        {"name": name, "label": label, "about": about, "path": reverse(f"opendata:v1:{name}"), "filters": view.filters}
        for name, view, label, about in ENDPOINTS
    ]
    return render(request, "opendata/docs.html", {
        "endpoints": endpoints,
        "schema_url": reverse("opendata:v1:schema"),
        "index_url": reverse("opendata:v1:index"),
        "rate": settings.API_RATE,
        "max_page_size": settings.API_MAX_PAGE_SIZE,
        "page_size": settings.API_PAGE_SIZE,
        "cache_seconds": settings.API_CACHE_SECONDS,
        "breadcrumbs": [(None, _("Open data"))],
    })
