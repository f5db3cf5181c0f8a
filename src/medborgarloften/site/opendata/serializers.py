"""The records of the open data API, field by field (their OpenAPI schema is generated from these).

Field names are English and stable within a version (README, "Open data",
versioning). Codes (states, themes, sources) are the values listed as enums
in the schema; dates are ISO 8601, times UTC-aware ISO 8601.
"""

from django.utils import timezone
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from medborgarloften.dialogues.models import Dialogue
from medborgarloften.followup.models import Indicator, IndicatorValue
from medborgarloften.problems.models import EvidenceLink
from medborgarloften.promises.models import Activity, Promise
from medborgarloften.scope.themes import Theme
from medborgarloften.statistics.models import Category, Source
from medborgarloften.surveys.models import ROW_FIELDS, Survey

Decimal = serializers.DecimalField


def _absolute(serializer, path):
    request = serializer.context.get("request")
    return request.build_absolute_uri(path) if request is not None else path


class PublicUrlField(serializers.Field):
    """The absolute address of a record's public page."""

    def __init__(self, **kwargs):
        kwargs["source"] = kwargs.get("source", "*")
        kwargs["read_only"] = True
        super().__init__(**kwargs)

    def to_representation(self, value):
        return _absolute(self.parent, value.get_absolute_url())


PublicUrlField = extend_schema_field({"type": "string", "format": "uri"})(PublicUrlField)


# --- places -------------------------------------------------------------------------


class CountySerializer(serializers.Serializer):
    code = serializers.CharField(help_text="SCB's county code (län), two digits.")
    name = serializers.CharField()
    municipality_count = serializers.IntegerField()
    url = PublicUrlField()


class MunicipalitySerializer(serializers.Serializer):
    code = serializers.CharField(help_text="SCB's municipality code (kommunkod), four digits.")
    name = serializers.CharField()
    county_code = serializers.CharField(source="county.code")
    county_name = serializers.CharField(source="county.name")
    url = PublicUrlField()


class MunicipalityRefSerializer(serializers.Serializer):
    code = serializers.CharField()
    name = serializers.CharField(allow_null=True)
    county_code = serializers.CharField(allow_null=True)


# --- promises (from the signed version's content) -------------------------------------


class PartySerializer(serializers.Serializer):
    organisation = serializers.CharField()
    signs = serializers.BooleanField()


class ActivitySerializer(serializers.Serializer):
    position = serializers.IntegerField(help_text="1-based, in the signed text's order.")
    description = serializers.CharField()
    responsible = serializers.ChoiceField(choices=Activity.Responsible.values)
    partners = serializers.ListField(child=serializers.CharField())
    target_quantity = serializers.IntegerField(allow_null=True)
    unit = serializers.CharField(allow_blank=True)
    recurrence = serializers.CharField(allow_blank=True)
    period_start = serializers.DateField(allow_null=True)
    period_end = serializers.DateField(allow_null=True)
    places = serializers.CharField(allow_blank=True)


class CommitmentSerializer(serializers.Serializer):
    position = serializers.IntegerField(help_text="1-based, in the signed text's order.")
    focus_area = serializers.CharField()
    pledge = serializers.CharField()
    goal = serializers.CharField(allow_blank=True)
    indicator = serializers.CharField(allow_blank=True)
    baseline_year = serializers.IntegerField(allow_null=True)
    activities = ActivitySerializer(many=True)


class VersionSerializer(serializers.Serializer):
    number = serializers.IntegerField()
    sha256 = serializers.CharField(help_text="SHA-256 of the version's canonical JSON: what every signature covers.")
    created_at = serializers.DateTimeField()


class SignatureSerializer(serializers.Serializer):
    name = serializers.CharField()
    title = serializers.CharField()
    organisation = serializers.CharField()
    signed_on = serializers.DateField()
    on_paper = serializers.BooleanField(help_text="Signed on paper and registered afterwards.")


class PromiseSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    url = serializers.URLField()
    document_url = serializers.URLField(help_text="The sealed PDF of the signed version.")
    state = serializers.ChoiceField(
        choices=[Promise.State.PUBLISHED, Promise.State.SUPERSEDED, Promise.State.CLOSED, Promise.State.WITHDRAWN])
    title = serializers.CharField()
    municipalities = MunicipalityRefSerializer(many=True)
    valid_from = serializers.DateField()
    valid_to = serializers.DateField(allow_null=True, help_text="Empty: runs until a new promise replaces it.")
    extended_to = serializers.DateField(allow_null=True)
    published_at = serializers.DateTimeField(allow_null=True)
    superseded_at = serializers.DateTimeField(allow_null=True)
    withdrawn_reason = serializers.CharField(allow_blank=True)
    registered_afterwards = serializers.BooleanField()
    situation = serializers.CharField(allow_blank=True)
    follow_up = serializers.CharField(allow_blank=True)
    collaboration_agreement = serializers.CharField(allow_null=True)
    parties = PartySerializer(many=True)
    version = VersionSerializer()
    signatures = SignatureSerializer(many=True)
    commitments = CommitmentSerializer(many=True)


def _date(value):
    return value.isoformat() if value else None


def promise_record(promise, names, request):
    """Return the API record of ``promise`` (with ``signed`` loaded): its text from the signed version's content."""
    version = promise.signed
    content = version.content
    url = request.build_absolute_uri(promise.get_absolute_url())
    return {
        "id": promise.pk,
        "url": url,
        "document_url": f"{url}dokument.pdf",
        "state": promise.state,
        "title": content.get("title", ""),
        "municipalities": [
            {"code": code, "name": names.get(code, (None, None))[0], "county_code": names.get(code, (None, None))[1]}
            for code in content.get("municipalities", [])
        ],
        "valid_from": content.get("valid_from"),
        "valid_to": content.get("valid_to"),
        "extended_to": _date(promise.extended_to),
        "published_at": promise.published_at,
        "superseded_at": promise.superseded_at,
        "withdrawn_reason": promise.withdrawn_reason if promise.state == Promise.State.WITHDRAWN else "",
        "registered_afterwards": promise.registered_afterwards,
        "situation": content.get("situation", ""),
        "follow_up": content.get("follow_up", ""),
        "collaboration_agreement": content.get("collaboration_agreement"),
        "parties": content.get("parties", []),
        "version": {"number": version.number, "sha256": version.content_hash, "created_at": version.created_at},
        "signatures": [
            {"name": s.name, "title": s.title, "organisation": s.organisation_name,
             "signed_on": timezone.localtime(s.signed_at).date(), "on_paper": s.on_paper}
            for s in version.valid_signatures
        ],
        "commitments": [
            {**{k: v for k, v in commitment.items() if k != "activities"}, "position": i,
             "activities": [{**activity, "position": j} for j, activity in enumerate(commitment.get("activities", []), start=1)]}
            for i, commitment in enumerate(content.get("commitments", []), start=1)
        ],
    }


class SignatureRecordSerializer(serializers.Serializer):
    promise_id = serializers.IntegerField(source="version.promise_id")
    version = serializers.IntegerField(source="version.number")
    sha256 = serializers.CharField(source="content_hash", help_text="The SHA-256 of the version signed.")
    name = serializers.CharField()
    title = serializers.CharField()
    organisation = serializers.CharField(source="organisation_name")
    signed_on = serializers.SerializerMethodField()
    on_paper = serializers.BooleanField()

    def get_signed_on(self, signature) -> OpenApiTypes.DATE:
        return timezone.localtime(signature.signed_at).date()


# --- follow-up ----------------------------------------------------------------------


class ActivityReportSerializer(serializers.Serializer):
    activity_id = serializers.IntegerField()
    commitment_position = serializers.IntegerField(allow_null=True, help_text="As in the promise's commitments.")
    activity_position = serializers.IntegerField(allow_null=True, help_text="As in the commitment's activities.")
    activity = serializers.CharField(source="activity.description")
    organisation = serializers.CharField(source="organisation.name", help_text="The organisation that reported.")
    status = serializers.ChoiceField(choices=Activity.Status.values)
    actual_quantity = serializers.IntegerField(allow_null=True, help_text="Done in this report's period.")
    reason = serializers.CharField(allow_blank=True)
    narrative = serializers.CharField(allow_blank=True)
    evidence_url = serializers.CharField(allow_blank=True)


class ProgressReportSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    promise_id = serializers.IntegerField()
    label = serializers.CharField()
    period_start = serializers.DateField()
    period_end = serializers.DateField()
    is_final = serializers.BooleanField(help_text="The final report, which closes the promise.")
    summary = serializers.CharField(allow_blank=True)
    published_at = serializers.DateTimeField(allow_null=True)
    entries = ActivityReportSerializer(many=True, source="public_entries")


class IndicatorValueSerializer(serializers.Serializer):
    year = serializers.IntegerField()
    value = Decimal(max_digits=None, decimal_places=3)
    origin = serializers.ChoiceField(choices=IndicatorValue.Origin.values)
    note = serializers.CharField(allow_blank=True)


class IndicatorSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    promise_id = serializers.IntegerField(source="commitment.promise_id")
    commitment_position = serializers.IntegerField(allow_null=True)
    focus_area = serializers.CharField(source="commitment.focus_area")
    name = serializers.CharField()
    unit = serializers.CharField(allow_blank=True)
    better = serializers.ChoiceField(choices=Indicator.Better.values)
    source = serializers.ChoiceField(choices=Indicator.Source.values)
    source_description = serializers.CharField(allow_blank=True)
    source_url = serializers.CharField(allow_blank=True)
    statistics_category = serializers.CharField(source="statistics_category.slug", allow_null=True, default=None)
    statistics_measure = serializers.ChoiceField(choices=Indicator.Measure.values)
    baseline_year = serializers.IntegerField()
    baseline_value = Decimal(max_digits=None, decimal_places=3)
    target_value = Decimal(max_digits=None, decimal_places=3, allow_null=True)
    target_year = serializers.IntegerField(allow_null=True)
    values = IndicatorValueSerializer(many=True, source="public_values")


# --- surveys ------------------------------------------------------------------------


class SurveySerializer(serializers.Serializer):
    id = serializers.IntegerField()
    url = serializers.SerializerMethodField()
    title = serializers.CharField()
    year = serializers.IntegerField()
    mode = serializers.ChoiceField(choices=Survey.Mode.values, help_text="open: self-selected, counted unweighted.")
    municipalities = serializers.SerializerMethodField()
    county_code = serializers.CharField(source="county.code", allow_null=True, default=None)
    local_police_area = serializers.CharField(source="local_police_area.name", allow_null=True, default=None)
    published_at = serializers.DateTimeField(allow_null=True)
    method = serializers.CharField(source="result_set.method")
    responses = serializers.IntegerField(source="result_set.n_responses")
    min_n = serializers.IntegerField(help_text="Estimates on fewer answers are suppressed (empty).")
    previous_id = serializers.IntegerField(allow_null=True, help_text="The survey the change is measured against.")

    def get_url(self, survey) -> OpenApiTypes.URI:
        return _absolute(self, survey.get_public_url())

    def get_municipalities(self, survey) -> list[str]:
        return sorted(m.code for m in survey.municipalities.all())


NUMBER_OR_NULL = {"type": "number", "nullable": True}
INTEGER_OR_NULL = {"type": "integer", "nullable": True}
ROW_SCHEMA = {
    "type": "object",
    "properties": {
        "domain": {"type": "string"}, "item": {"type": "string"}, "kind": {"type": "string"},
        "option": {"type": "string", "nullable": True},
        "n": INTEGER_OR_NULL, "count": INTEGER_OR_NULL, "n_dont_know": INTEGER_OR_NULL, "n_unanswered": INTEGER_OR_NULL,
        "estimate": NUMBER_OR_NULL, "se": NUMBER_OR_NULL, "ci_low": NUMBER_OR_NULL, "ci_high": NUMBER_OR_NULL,
        "df": INTEGER_OR_NULL, "method": {"type": "string", "nullable": True},
        "suppressed": {"type": "string", "nullable": True,
                       "description": "primary or complementary when suppressed (its values are then null), else empty."},
        "previous_estimate": NUMBER_OR_NULL, "change": NUMBER_OR_NULL, "change_ci_low": NUMBER_OR_NULL,
        "change_ci_high": NUMBER_OR_NULL, "change_significant": {"type": "boolean", "nullable": True},
    },
    "required": list(ROW_FIELDS),
}


@extend_schema_field({"type": "array", "items": ROW_SCHEMA})
class ResultRowsField(serializers.Field):
    def __init__(self, **kwargs):
        kwargs["read_only"] = True
        super().__init__(**kwargs)

    def to_representation(self, rows):
        return [dict(zip(ROW_FIELDS, values)) for values in rows]


class SurveyResultSerializer(serializers.Serializer):
    survey_id = serializers.IntegerField(source="result_set.survey_id")
    level = serializers.ChoiceField(choices=["county", "lpo", "municipality", "subarea"])
    area = serializers.CharField(help_text="The area's code: SCB's code for a county or municipality (a sub-area: its municipality's).")
    area_name = serializers.CharField()
    domain = serializers.CharField(allow_blank=True, help_text="The sub-area, for level subarea.")
    respondents = serializers.IntegerField()
    rows = ResultRowsField()


# --- statistics ---------------------------------------------------------------------


class StatisticSerializer(serializers.Serializer):
    municipality_code = serializers.CharField(source="region_code")
    category = serializers.CharField(source="category.slug")
    category_name = serializers.CharField(source="category.name")
    source = serializers.ChoiceField(source="category.source", choices=Source.values)
    unit = serializers.ChoiceField(source="category.unit", choices=Category.Unit.values)
    theme = serializers.CharField(source="category.theme", allow_blank=True)
    year = serializers.IntegerField()
    month = serializers.IntegerField(help_text="0: the whole year; 1–12: a month.")
    count = Decimal(max_digits=None, decimal_places=2, allow_null=True, help_text="Empty where the source published no figure.")
    preliminary = serializers.BooleanField()
    population = serializers.IntegerField(allow_null=True, help_text="SCB's population on 31 December of the year.")
    rate_per_1000 = serializers.SerializerMethodField()
    rate_per_100000 = serializers.SerializerMethodField()

    def _rate(self, observation, per):
        if observation.count is None or not observation.population:
            return None
        return round(float(observation.count * per / observation.population), 3)

    def get_rate_per_1000(self, observation) -> float | None:
        return self._rate(observation, 1000)

    def get_rate_per_100000(self, observation) -> float | None:
        return self._rate(observation, 100000)


class PopulationSerializer(serializers.Serializer):
    municipality_code = serializers.CharField(source="region_code")
    year = serializers.IntegerField()
    population = serializers.IntegerField(help_text="SCB's population on 31 December.")


class PoliceEventSerializer(serializers.Serializer):
    id = serializers.IntegerField(help_text="The police's own id.")
    published_at = serializers.DateTimeField(help_text="When the police published or last updated it (not when it happened).")
    name = serializers.CharField()
    summary = serializers.CharField(allow_blank=True)
    url = serializers.CharField(source="absolute_url", allow_blank=True, help_text="The event's page on polisen.se.")
    type = serializers.CharField()
    location_name = serializers.CharField()
    municipality_code = serializers.CharField(source="municipality.code")
    county_code = serializers.CharField(source="municipality.county.code")


# --- dialogues ----------------------------------------------------------------------


class CommentThemeCountSerializer(serializers.Serializer):
    municipality_code = serializers.CharField()
    year = serializers.IntegerField()
    theme = serializers.ChoiceField(source="theme_code", choices=Theme.values)
    comments = serializers.IntegerField(help_text="Published comments with this confirmed theme.")


class DialogueSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    url = serializers.SerializerMethodField()
    municipality_code = serializers.CharField(source="municipality.code")
    kind = serializers.ChoiceField(choices=[k for k in Dialogue.Kind.values if k != Dialogue.Kind.STAFF])
    title = serializers.CharField()
    starts_at = serializers.DateTimeField()
    ends_at = serializers.DateTimeField(allow_null=True)
    place = serializers.CharField(source="place.name", allow_null=True, default=None)
    location = serializers.CharField(allow_blank=True)
    participants = serializers.IntegerField(allow_null=True)
    route = serializers.CharField(allow_blank=True)
    minutes = serializers.CharField(allow_blank=True)
    published_comments = serializers.IntegerField()

    def get_url(self, dialogue) -> OpenApiTypes.URI:
        return _absolute(self, dialogue.get_absolute_url())


# --- problem pictures ---------------------------------------------------------------


class EvidenceSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=[k for k in EvidenceLink.Kind.values if k != EvidenceLink.Kind.STAFF],
                                   help_text="Staff knowledge is restricted and never appears.")
    label = serializers.CharField(allow_blank=True)
    figure = serializers.CharField(allow_blank=True, help_text="The figure as the public pages write it.")
    source = serializers.CharField(allow_blank=True)
    date = serializers.DateField(allow_null=True, help_text="The date of the source when it was linked.")
    municipality = serializers.CharField(allow_blank=True, allow_null=True)
    url = serializers.CharField(allow_blank=True, allow_null=True, help_text="A public comment's page, when there is one.")
    year = serializers.IntegerField(allow_null=True)
    estimate = serializers.FloatField(allow_null=True, help_text="Survey: the share who see it as a problem (0–1).")
    ci_low = serializers.FloatField(allow_null=True, help_text="Survey: the 95 % interval's lower end.")
    ci_high = serializers.FloatField(allow_null=True, help_text="Survey: the 95 % interval's upper end.")
    count = serializers.FloatField(allow_null=True, help_text="Statistics: reported crimes in the year.")
    rate = serializers.FloatField(allow_null=True, help_text="Statistics: per 100 000 inhabitants.")
    county_rate = serializers.FloatField(allow_null=True, help_text="Statistics: the county's rate per 100 000.")
    comments = serializers.IntegerField(allow_null=True, help_text="Dialogues: published comments on the theme.")
    observations = serializers.IntegerField(allow_null=True, help_text="Dialogues: safety-walk observations.")


class ProblemSerializer(serializers.Serializer):
    position = serializers.IntegerField(help_text="1-based, in the agreed priority order (problems not ranked last).")
    priority = serializers.IntegerField(allow_null=True, help_text="The agreed rank, 1 highest; empty: not ranked.")
    title = serializers.CharField()
    theme = serializers.ChoiceField(choices=Theme.values)
    description = serializers.CharField(allow_blank=True)
    evidence = EvidenceSerializer(many=True)


class ProblemPictureSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    title = serializers.CharField()
    year = serializers.IntegerField(help_text="The year of the promises the picture is for.")
    municipalities = MunicipalityRefSerializer(many=True)
    municipality_codes = serializers.ListField(child=serializers.CharField(),
                                               help_text="The municipalities' codes (in the CSV: joined with |).")
    evidence_from = serializers.DateField()
    evidence_to = serializers.DateField()
    approved_at = serializers.DateTimeField(allow_null=True)
    version = serializers.IntegerField(help_text="The approved version's number.")
    sha256 = serializers.CharField(help_text="SHA-256 of the approved version's canonical JSON (all of it, restricted parts too).")
    problems = ProblemSerializer(many=True)


def problem_picture_record(picture, names, request):
    """Return the API record of an approved ``picture`` (with ``public_problems`` loaded): its approved version only."""
    for problem in picture.public_problems:
        for entry in problem["evidence"]:
            if (entry.get("url") or "").startswith("/"):
                entry["url"] = request.build_absolute_uri(entry["url"])
    version = picture.approved_version
    content = version.content
    period = content.get("evidence_period") or [None, None]
    return {
        "id": picture.pk, "title": content.get("title", ""), "year": content.get("year"),
        "municipalities": [
            {"code": m["code"], "name": m.get("name"), "county_code": names.get(m["code"], (None, None))[1]}
            for m in content.get("municipalities", [])
        ],
        "municipality_codes": [m["code"] for m in content.get("municipalities", [])],
        "evidence_from": period[0], "evidence_to": period[1], "approved_at": picture.approved_at,
        "version": version.number, "sha256": version.content_hash, "problems": picture.public_problems,
    }
