import datetime

from django.db import connection
from django.utils import timezone
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from medborgarloften.problems import services
from medborgarloften.problems.models import EvidenceLink, Problem, Suggestion

from .base import STAFF_SECRET, ProblemsTestCase


class WorkspacePagesTest(ProblemsTestCase):
    def url(self, name, *args):
        return reverse(f"problems:{name}", args=args)

    def test_a_coordinator_builds_a_problem_and_links_evidence_without_javascript(self):
        self.client.force_login(self.ostersund_coordinator)
        response = self.client.post(self.url("add_problem", self.picture.pk), {
            "title": "Mörkt vid Stortorget", "theme": "poor_lighting", "places": [self.stortorget.pk],
            "times": "Kvällar", "public": "on"})
        problem = Problem.objects.get(title="Mörkt vid Stortorget")
        self.assertRedirects(response, self.url("link_evidence", problem.pk))
        page = self.client.get(self.url("link_evidence", problem.pk))
        self.assertContains(page, f'value="dialogues:{self.ostersund.pk}:poor_lighting"')
        self.client.post(self.url("link_evidence", problem.pk), {"source": f"survey:{self.survey.pk}:{self.ostersund.pk}:belysning"})
        self.client.post(self.url("link_evidence", problem.pk), {"staff_text": STAFF_SECRET,
                                                                 "staff_municipality": self.ostersund.pk})
        self.assertEqual(sorted(problem.evidence.values_list("kind", flat=True)), ["staff", "survey"])
        detail = self.client.get(self.url("detail", self.picture.pk))
        self.assertContains(detail, "Dålig belysning")
        self.assertContains(detail, STAFF_SECRET)

    def test_a_rejected_form_keeps_what_was_typed(self):
        self.client.force_login(self.ostersund_coordinator)
        response = self.client.post(self.url("add_problem", self.picture.pk), {"title": "Skrivet men utan tema"})
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, 'value="Skrivet men utan tema"')

    def test_the_picture_page_shows_stale_flags_and_suggestions(self):
        problem = services.add_problem(self.picture, by=self.ostersund_coordinator, title="Klotter", theme="graffiti")
        services.link_evidence(problem, by=self.ostersund_coordinator, municipality=self.ostersund, kind="statistics",
                               category=self.graffiti, year=2016)
        from medborgarloften.statistics.models import Observation
        Observation.objects.filter(region_code="2380", category=self.graffiti, year=2016).update(count=90)
        # Some time later: the page checks the evidence not checked in the last five minutes.
        EvidenceLink.objects.update(checked_at=timezone.now() - datetime.timedelta(minutes=10))
        self.client.force_login(self.community_police)
        self.client.post(self.url("suggest", self.picture.pk))
        page = self.client.get(self.url("detail", self.picture.pk))
        self.assertContains(page, 'class="flag"')
        self.assertTrue(EvidenceLink.objects.get(problem=problem).stale)
        self.assertContains(page, "Inbrottsstöld i bostad")

    def test_dismissing_asks_for_a_reason(self):
        suggestion = services.suggest_problems(self.picture, by=self.ostersund_coordinator)[0]
        self.client.force_login(self.ostersund_coordinator)
        response = self.client.post(self.url("decide", suggestion.pk, "dismiss"), {"reason": ""})
        self.assertEqual(response.status_code, 200)
        self.client.post(self.url("decide", suggestion.pk, "dismiss"), {"reason": "Inte nu"})
        suggestion.refresh_from_db()
        self.assertEqual(suggestion.state, Suggestion.State.DISMISSED)

    def test_priorities_page_enforces_the_citizen_rule_and_keeps_what_was_typed(self):
        strong = services.add_problem(self.picture, by=self.ostersund_coordinator, title="Nedskräpning", theme="littering")
        services.link_evidence(strong, by=self.ostersund_coordinator, municipality=self.ostersund, kind="survey",
                               survey=self.survey, item="nedskrapning")
        services.link_evidence(strong, by=self.ostersund_coordinator, municipality=self.ostersund, kind="dialogues",
                               theme="poor_lighting")
        other = services.add_problem(self.picture, by=self.ostersund_coordinator, title="Inbrott", theme="burglary")
        self.client.force_login(self.ostersund_coordinator)
        response = self.client.post(self.url("priorities", self.picture.pk), {
            f"rank-{other.pk}": "1", "justification": "Polisens prioritering"})
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "Polisens prioritering")
        self.client.post(self.url("priorities", self.picture.pk), {
            f"rank-{other.pk}": "1", f"reason-{strong.pk}": "Kommunen städar redan.", "justification": "Polisens prioritering"})
        self.assertEqual(Problem.objects.get(pk=other.pk).priority, 1)

    def test_outsiders_partners_and_other_municipalities_get_404_viewers_get_403_on_changes(self):
        for person in (self.partner, self.outsider, self.berg_coordinator):
            self.client.force_login(person)
            self.assertEqual(self.client.get(self.url("detail", self.picture.pk)).status_code, 404)
        self.client.force_login(self.ostersund_viewer)
        self.assertEqual(self.client.get(self.url("detail", self.picture.pk)).status_code, 200)
        self.assertEqual(self.client.get(self.url("add_problem", self.picture.pk)).status_code, 403)
        self.client.logout()
        self.assertEqual(self.client.get(self.url("detail", self.picture.pk)).status_code, 302)

    def test_the_start_page_lists_the_pictures(self):
        self.client.force_login(self.community_police)
        self.assertContains(self.client.get(reverse("web:workspace")), self.picture.title)


class PublicPanelTest(ProblemsTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        by = cls.ostersund_coordinator
        cls.problem = services.add_problem(cls.picture, by=by, title="Mörkt i centrum", theme="poor_lighting")
        services.link_evidence(cls.problem, by=by, municipality=cls.ostersund, kind="survey", survey=cls.survey,
                               item="nedskrapning")
        services.link_evidence(cls.problem, by=by, municipality=cls.ostersund, kind="staff", text=STAFF_SECRET)
        services.add_problem(cls.picture, by=by, title="Intern fråga om personalen", theme="other", public=False)

    def municipality_page(self):
        return self.client.get(self.ostersund.get_absolute_url())

    def test_nothing_is_shown_before_both_parties_approved(self):
        services.approve_problem_picture(self.picture, by=self.ostersund_coordinator)
        self.assertNotContains(self.municipality_page(), "Mörkt i centrum")

    def test_the_approved_picture_shows_public_problems_and_evidence_never_staff_knowledge(self):
        services.approve_problem_picture(self.picture, by=self.ostersund_coordinator)
        services.approve_problem_picture(self.picture, by=self.community_police)
        page = self.municipality_page()
        self.assertContains(page, "Mörkt i centrum")
        self.assertContains(page, "42 %")
        self.assertNotContains(page, STAFF_SECRET)
        self.assertNotContains(page, "Intern fråga")


class PictureQueryCountTest(ProblemsTestCase):
    def add_problem_with_evidence(self, title):
        problem = services.add_problem(self.picture, by=self.ostersund_coordinator, title=title, theme="graffiti",
                                       places=[self.stortorget])
        services.link_evidence(problem, by=self.ostersund_coordinator, municipality=self.ostersund, kind="survey",
                               survey=self.survey, item="klotter")
        services.link_evidence(problem, by=self.ostersund_coordinator, municipality=self.ostersund, kind="staff",
                               text=f"Personalen om {title}")

    def test_the_picture_page_costs_the_same_with_more_problems_and_evidence(self):
        self.add_problem_with_evidence("Klotter i centrum")
        services.suggest_problems(self.picture, by=self.ostersund_coordinator)
        self.client.force_login(self.community_police)
        url = reverse("problems:detail", args=[self.picture.pk])
        self.client.get(url)  # checks the evidence; a view soon after reads no source
        with CaptureQueriesContext(connection) as first:
            self.assertEqual(self.client.get(url).status_code, 200)
        for title in ("Klotter vid skolan", "Klotter i Lugnvik", "Klotter vid Frösöbron"):
            self.add_problem_with_evidence(title)
        with self.assertNumQueries(len(first.captured_queries)):
            self.assertEqual(self.client.get(url).status_code, 200)


class CheckEvidenceCommandTest(ProblemsTestCase):
    def test_the_command_flags_links_whose_source_changed(self):
        from io import StringIO

        from django.core.management import call_command

        from medborgarloften.statistics.models import Observation

        problem = services.add_problem(self.picture, by=self.ostersund_coordinator, title="Klotter", theme="graffiti")
        link = services.link_evidence(problem, by=self.ostersund_coordinator, municipality=self.ostersund,
                                      kind="statistics", category=self.graffiti, year=2016)
        Observation.objects.filter(region_code="2380", category=self.graffiti, year=2016).update(count=1)
        out = StringIO()
        call_command("check_evidence", stdout=out)
        self.assertEqual(out.getvalue().strip(), "1 evidence links flagged or cleared.")
        link.refresh_from_db()
        self.assertTrue(link.stale)
