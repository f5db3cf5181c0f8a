"""A code cannot be used twice, also when several submissions race (threads on the real database)."""

import threading

from django.core.exceptions import ValidationError
from django.db import close_old_connections, connection
from django.test import TransactionTestCase, skipUnlessDBFeature

from medborgarloften.areas.models import Municipality
from medborgarloften.surveys import services
from medborgarloften.surveys.models import Invitation, Question, Response, Survey

from .cast import SurveyCastTestCase

THREADS = 8


class UsedOnceTest(SurveyCastTestCase):
    def test_it_rejects_a_code_used_twice(self):
        invitation = self.invitation(self.codes[0])
        services.submit_answers(invitation.survey, invitation=invitation)
        with self.assertRaises(ValidationError) as caught:
            services.submit_answers(invitation.survey, invitation=invitation)
        self.assertEqual(caught.exception.code, "code_used")
        with self.assertRaises(ValidationError) as caught:
            services.invitation_for_code(self.codes[0])
        self.assertEqual(caught.exception.code, "code_used")
        self.assertEqual(Response.objects.count(), 1)


class ConcurrentSubmissionsTest(TransactionTestCase):
    """Eight threads submit with the same code at once: exactly one answer is stored."""

    # The municipalities come from a data migration; a transaction test case
    # that runs after another one finds them only if they are restored.
    serialized_rollback = True

    def setUp(self):
        municipality = Municipality.objects.get(code="2380")
        self.survey = Survey.objects.create(title="Samtidighet", year=2024, state=Survey.State.FIELDWORK)
        self.survey.municipalities.set([municipality])
        Question.objects.create(survey=self.survey, code="klotter", kind="problem", theme="graffiti", text="Klotter")
        self.invitation = Invitation.objects.create(survey=self.survey, municipality=municipality, code="ABCDEFGHJK")

    def test_only_one_of_concurrent_submissions_with_one_code_is_stored(self):
        barrier = threading.Barrier(THREADS)
        outcomes = []

        def submit():
            try:
                invitation = Invitation.objects.select_related("municipality").get(pk=self.invitation.pk)
                barrier.wait(timeout=10)
                services.submit_answers(self.survey, invitation=invitation, answers={"klotter": "3"})
                outcomes.append("stored")
            except ValidationError as error:
                outcomes.append(error.code)
            except Exception as error:  # a database error would fail the test below, named
                outcomes.append(f"error: {error}")
            finally:
                close_old_connections()
                connection.close()

        threads = [threading.Thread(target=submit) for _ in range(THREADS)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=60)
        self.assertEqual(sorted(outcomes), ["code_used"] * (THREADS - 1) + ["stored"])
        self.assertEqual(Response.objects.filter(survey=self.survey).count(), 1)
        self.assertTrue(Invitation.objects.get(pk=self.invitation.pk).used)
