"""The statutory lägesbild (4 §) and åtgärdsplan (5 §) written from the problem picture and the promises."""

import datetime

from django.test import TestCase
from django.urls import reverse

from medborgarloften.problems import services
from medborgarloften.problems.models import ProblemPicture
from medborgarloften.promises import services as promise_services

from .base import STAFF_SECRET, ProblemsTestCase


class StatutoryDocumentsTest(ProblemsTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        by = cls.ostersund_coordinator
        cls.littering = services.add_problem(cls.picture, by=by, title="Nedskräpning i centrum", theme="littering",
                                             causes="Få papperskorgar.", cause_place="Torget saknar belysning.")
        services.link_evidence(cls.littering, by=by, municipality=cls.ostersund, kind="survey", survey=cls.survey,
                               item="nedskrapning")
        services.link_evidence(cls.littering, by=by, municipality=cls.ostersund, kind="statistics",
                               category=cls.graffiti, year=2016)
        services.link_evidence(cls.littering, by=by, municipality=cls.ostersund, kind="staff", text=STAFF_SECRET)
        cls.burglary = services.add_problem(cls.picture, by=by, title="Bostadsinbrott", theme="burglary")
        services.set_priorities(cls.picture, by=by, order=[cls.littering.pk, cls.burglary.pk], justification="Invånarna först.")
        services.approve_problem_picture(cls.picture, by=by)
        services.approve_problem_picture(cls.picture, by=cls.community_police)
        cls.picture = ProblemPicture.objects.get(pk=cls.picture.pk)
        promise = promise_services.create_promise(by=by, municipalities=[cls.ostersund], valid_from=datetime.date(2017, 1, 1),
                                                  valid_to=datetime.date(2017, 12, 31), replaces=[cls.ostersund_published])
        commitment = promise_services.add_commitment(promise, by=by, focus_area="Ett renare centrum",
                                                     pledge="Vi lovar att städa torget.", problems=[cls.littering])
        promise_services.add_activity(commitment, by=by, description="Städdagar vid torget", target_quantity=4,
                                      unit="städdagar")
        cls.forget_memberships()

    def test_the_situation_report_follows_the_law_and_marks_staff_knowledge(self):
        self.client.force_login(self.ostersund_viewer)
        page = self.client.get(reverse("site:situation_report", args=[self.picture.pk]))
        for heading in ("Kartläggning av brottsligheten", "Annan information av betydelse", "Analys"):
            self.assertContains(page, heading)
        self.assertContains(page, "42 %")
        self.assertContains(page, "Få papperskorgar.")
        self.assertContains(page, STAFF_SECRET)
        public = self.client.get(reverse("site:situation_report", args=[self.picture.pk]) + "?offentlig=1")
        self.assertNotContains(public, STAFF_SECRET)
        self.assertContains(public, "Nedskräpning i centrum")

    def test_the_action_plan_ties_measures_to_problems_and_lists_problems_without_one(self):
        self.client.force_login(self.community_police)
        page = self.client.get(reverse("site:action_plan", args=[self.picture.pk]))
        self.assertContains(page, "Städdagar vid torget")
        self.assertContains(page, "Problem utan beslutad åtgärd")
        self.assertContains(page, "Bostadsinbrott")

    def test_only_the_pictures_staff_see_them(self):
        for person in (self.partner, self.berg_coordinator, self.outsider):
            self.client.force_login(person)
            self.assertEqual(self.client.get(reverse("site:situation_report", args=[self.picture.pk])).status_code, 404)
            self.assertEqual(self.client.get(reverse("site:action_plan", args=[self.picture.pk])).status_code, 404)
        self.client.logout()
        self.assertEqual(self.client.get(reverse("site:situation_report", args=[self.picture.pk])).status_code, 302)

    def test_the_picture_page_links_to_both(self):
        self.client.force_login(self.ostersund_coordinator)
        page = self.client.get(self.picture.get_workspace_url())
        self.assertContains(page, reverse("site:situation_report", args=[self.picture.pk]))
        self.assertContains(page, reverse("site:action_plan", args=[self.picture.pk]))


class DemoProblemPicturesTest(TestCase):
    """The Jämtland demo's 2017 problem pictures: one per municipality, approved, and behind every 2017 commitment."""

    @classmethod
    def setUpTestData(cls):
        from medborgarloften.demo.load import load_demo

        load_demo(password="demo-password-for-tests")

    def test_every_municipality_has_an_approved_picture_and_every_commitment_names_its_problem(self):
        from medborgarloften.promises.models import Commitment

        pictures = ProblemPicture.objects.filter(year=2017)
        self.assertEqual(pictures.count(), 8)
        self.assertFalse(pictures.exclude(state=ProblemPicture.State.APPROVED).exists())
        self.assertFalse(Commitment.objects.filter(promise__valid_from__year=2017, problems__isnull=True).exists())

    def test_the_published_2017_promise_shows_why_without_staff_knowledge(self):
        from medborgarloften.demo.problems import STAFF_KNOWLEDGE
        from medborgarloften.promises.models import Promise

        promise = Promise.objects.get(valid_from__year=2017, municipalities__code="2380")
        page = self.client.get(promise.get_absolute_url())
        self.assertContains(page, "Därför lovar vi detta")
        self.assertNotContains(page, STAFF_KNOWLEDGE)
