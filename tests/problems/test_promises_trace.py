"""Commitments name the problems they answer; the public promise page shows why, with the public evidence only."""

import datetime

from django.urls import reverse

from medborgarloften.problems import services, texts
from medborgarloften.problems.models import ProblemPicture
from medborgarloften.promises import services as promise_services
from medborgarloften.promises.models import Promise

from .base import STAFF_SECRET, ProblemsTestCase


class TraceTestCase(ProblemsTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        by = cls.ostersund_coordinator
        cls.littering = services.add_problem(cls.picture, by=by, title="Nedskräpning i centrum", theme="littering",
                                             description="Skräp kring torget och busstationen.")
        services.link_evidence(cls.littering, by=by, municipality=cls.ostersund, kind="survey", survey=cls.survey,
                               item="nedskrapning")
        services.link_evidence(cls.littering, by=by, municipality=cls.ostersund, kind="staff", text=STAFF_SECRET)
        cls.internal = services.add_problem(cls.picture, by=by, title="Intern fråga", theme="other", public=False)
        services.set_priorities(cls.picture, by=by, order=[cls.littering.pk], justification="Invånarna först.")
        services.approve_problem_picture(cls.picture, by=by)
        services.approve_problem_picture(cls.picture, by=cls.community_police)
        cls.picture = ProblemPicture.objects.get(pk=cls.picture.pk)
        cls.forget_memberships()


class CommitmentProblemsTest(TraceTestCase):
    def test_a_commitment_names_the_problems_it_answers_in_its_frozen_version(self):
        commitment = promise_services.add_commitment(
            self.ostersund_draft, by=self.ostersund_coordinator, focus_area="Ett renare centrum",
            pledge="Polisen och kommunen lovar att …", problems=[self.littering])
        promise_services.add_activity(commitment, by=self.ostersund_coordinator, description="Städdagar",
                                      target_quantity=4, unit="städdagar")
        version = promise_services.send_promise_for_signing(self.ostersund_draft, by=self.ostersund_coordinator)
        frozen = next(c for c in version.content["commitments"] if c["focus_area"] == "Ett renare centrum")
        self.assertEqual(frozen["problems"], [{"id": self.littering.pk, "title": "Nedskräpning i centrum"}])
        self.assertEqual(list(commitment.problems.all()), [self.littering])

    def test_a_commitment_without_problems_hashes_as_before(self):
        version = promise_services.send_promise_for_signing(self.ostersund_draft, by=self.ostersund_coordinator)
        self.assertTrue(all("problems" not in c for c in version.content["commitments"]))

    def test_it_refuses_a_problem_no_approved_picture_agreed_on(self):
        later = services.add_problem(self.picture, by=self.ostersund_coordinator, title="Nytt efter godkännandet",
                                     theme="other")
        with self.assertInvalid("problem_elsewhere",
                                "Choose problems of an approved problem picture of the promise's municipalities.",
                                field="problems"):
            promise_services.add_commitment(self.ostersund_draft, by=self.ostersund_coordinator, focus_area="X",
                                            pledge="Y", problems=[later])
        with self.assertInvalid("problem_elsewhere",
                                "Choose problems of an approved problem picture of the promise's municipalities.",
                                field="problems"):
            promise_services.add_commitment(self.berg_draft, by=self.berg_coordinator, focus_area="X", pledge="Y",
                                            problems=[self.littering])

    def test_the_commitment_form_offers_the_approved_pictures_problems(self):
        self.client.force_login(self.ostersund_coordinator)
        page = self.client.get(reverse("promises:commitment_create", args=[self.ostersund_draft.pk]))
        self.assertContains(page, "Nedskräpning i centrum")
        self.client.post(reverse("promises:commitment_create", args=[self.ostersund_draft.pk]), {
            "focus_area": "Ett renare centrum", "pledge": "Vi lovar", "problems": [self.littering.pk]})
        commitment = self.ostersund_draft.commitments.get(focus_area="Ett renare centrum")
        self.assertEqual(list(commitment.problems.all()), [self.littering])


class WhyWePromiseThisTest(TraceTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        promise = cls.draft_promise(cls.ostersund, cls.ostersund_coordinator, valid_from=datetime.date(2019, 1, 1),
                                    valid_to=datetime.date(2019, 12, 31))
        commitment = promise_services.add_commitment(
            promise, by=cls.ostersund_coordinator, focus_area="Ett renare centrum",
            pledge="Polisen och kommunen lovar att städa torget.", problems=[cls.littering])
        promise_services.add_activity(commitment, by=cls.ostersund_coordinator, description="Städdagar vid torget",
                                      target_quantity=4, unit="städdagar")
        cls.sign_all(promise, cls.ostersund_coordinator, (cls.lpo_ostersund_chief, cls.ostersund_signatory))
        promise_services.publish_promise(Promise.objects.get(pk=promise.pk), by=cls.ostersund_coordinator)
        cls.promise = Promise.objects.get(pk=promise.pk)

    def test_the_public_promise_page_shows_the_problems_and_their_public_evidence(self):
        page = self.client.get(self.promise.get_absolute_url())
        self.assertContains(page, "Därför lovar vi detta")
        self.assertContains(page, "Nedskräpning i centrum")
        self.assertContains(page, "42 %")
        self.assertNotContains(page, STAFF_SECRET)

    def test_situation_text_is_written_from_the_public_parts(self):
        text = texts.situation_text(self.picture)
        self.assertIn("1. Nedskräpning i centrum – 42 %", text)
        self.assertIn("Trygghetsmätning Östersund 2016", text)
        self.assertNotIn(STAFF_SECRET, text)
        self.assertNotIn("Intern fråga", text)
