"""The anonymity rule, asserted on the schema: nothing leads from who answered (Invitation, Draft) to what was answered (Response)."""

import uuid

from django.db import connection, models
from django.test import TestCase

from medborgarloften.surveys import services
from medborgarloften.surveys.models import Draft, Invitation, Response

from .cast import SurveyCastTestCase

# Every field a response has; a new one must be weighed against the rule before it is added here.
RESPONSE_FIELDS = {"id", "survey", "municipality", "source", "age_group", "sex", "sub_area", "answers"}


def related_models(model, depth=3, seen=None):
    """Return every model reachable from ``model`` through relations (both directions), up to ``depth`` steps."""
    seen = set() if seen is None else seen
    if depth == 0:
        return seen
    for field in model._meta.get_fields():
        target = field.related_model
        if target is None or target in seen:
            continue
        seen.add(target)
        related_models(target, depth - 1, seen)
    return seen


class SchemaTest(TestCase):
    def test_a_response_has_only_the_fields_weighed_for_anonymity(self):
        names = {f.name for f in Response._meta.get_fields() if f.concrete}
        self.assertEqual(names, RESPONSE_FIELDS)

    def test_no_relation_leads_from_an_invitation_or_draft_to_a_response(self):
        for model in (Invitation, Draft):
            for field in model._meta.get_fields():
                self.assertIsNot(field.related_model, Response, f"{model.__name__}.{field.name}")
        for field in Response._meta.get_fields():
            self.assertNotIn(field.related_model, (Invitation, Draft), f"Response.{field.name}")

    def test_no_relation_path_joins_responses_to_invitations_except_through_the_survey(self):
        """Only the survey (and areas every respondent shares) is common ground; no path of person-level rows."""
        for field in Response._meta.get_fields():
            if field.related_model is None:
                continue
            self.assertIn(field.name, {"survey", "municipality", "sub_area"})

    def test_a_response_carries_no_time_and_no_sequence(self):
        for field in Response._meta.get_fields():
            self.assertNotIsInstance(field, (models.DateField, models.DateTimeField, models.TimeField, models.AutoField,
                                             models.BigAutoField, models.DurationField), field.name)
        self.assertEqual(Response._meta.ordering, [])

    def test_a_response_key_is_a_random_uuid(self):
        pk = Response._meta.pk
        self.assertIsInstance(pk, models.UUIDField)
        self.assertIs(pk.default, uuid.uuid4)

    def test_an_invitation_keeps_no_time_of_use(self):
        for field in Invitation._meta.get_fields():
            self.assertNotIsInstance(field, (models.DateField, models.DateTimeField, models.TimeField), field.name)
        self.assertIsInstance(Invitation._meta.pk, models.UUIDField)

    def test_a_draft_keeps_only_the_day(self):
        times = [f.name for f in Draft._meta.get_fields() if isinstance(f, (models.DateTimeField, models.TimeField))]
        self.assertEqual(times, [])

    def test_no_database_foreign_key_from_invitations_to_responses(self):
        with connection.cursor() as cursor:
            constraints = connection.introspection.get_constraints(cursor, Response._meta.db_table)
        referenced = {c["foreign_key"][0] for c in constraints.values() if c["foreign_key"]}
        self.assertNotIn(Invitation._meta.db_table, referenced)
        self.assertNotIn(Draft._meta.db_table, referenced)


class AnsweringLeavesNoTraceTest(SurveyCastTestCase):
    def _answer(self, code):
        invitation = self.invitation(code)
        survey = invitation.survey
        cleaned = services.clean_answers(survey, list(survey.questions.all()), {"klotter": "2"}, municipality=self.ostersund)
        services.save_answers(survey, invitation=invitation, answers=cleaned)
        with self.captureOnCommitCallbacks(execute=True):
            return services.submit_answers(survey, invitation=invitation)

    def test_the_draft_is_deleted_and_the_code_is_used_when_answers_are_submitted(self):
        response = self._answer(self.codes[0])
        self.assertFalse(Draft.objects.exists())
        self.assertTrue(Invitation.objects.get(code=self.codes[0]).used)
        self.assertEqual(response.answers, {"klotter": "2"})

    def test_answering_writes_nothing_to_the_audit_log(self):
        from medborgarloften.audit.models import AuditEntry

        before = AuditEntry.objects.count()
        self._answer(self.codes[0])
        actions = list(AuditEntry.objects.order_by("pk")[before:].values_list("action", flat=True))
        self.assertEqual([a for a in actions if "answer" in a or "submit" in a], [])

    def test_restamping_keeps_every_answer_and_gives_responses_new_storage(self):
        for code in self.codes[:3]:
            self._answer(code)
        before = sorted((str(r.pk), r.answers["klotter"]) for r in Response.objects.all())
        services.restamp_answers(self.field_survey)
        after = sorted((str(r.pk), r.answers["klotter"]) for r in Response.objects.all())
        self.assertEqual(before, after)
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SELECT DISTINCT xmin::text FROM surveys_response")
                response_xids = {row[0] for row in cursor.fetchall()}
                cursor.execute("SELECT DISTINCT xmin::text FROM surveys_invitation WHERE used")
                invitation_xids = {row[0] for row in cursor.fetchall()}
            self.assertEqual(len(response_xids), 1, "every response rewritten in one transaction")
            self.assertEqual(len(invitation_xids), 1, "every used invitation rewritten in one transaction")
