from django.core.exceptions import PermissionDenied

from medborgarloften.problems import ranking, selectors, services
from medborgarloften.problems.models import Problem, ProblemPicture

from .base import ProblemsTestCase


class CitizenRankingTest(ProblemsTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        by = cls.ostersund_coordinator
        cls.littering = services.add_problem(cls.picture, by=by, title="Nedskräpning i centrum", theme="littering")
        services.link_evidence(cls.littering, by=by, municipality=cls.ostersund, kind="survey", survey=cls.survey,
                               item="nedskrapning")
        services.link_evidence(cls.littering, by=by, municipality=cls.ostersund, kind="dialogues", theme="poor_lighting")
        cls.burglary = services.add_problem(cls.picture, by=by, title="Bostadsinbrott", theme="burglary")
        services.link_evidence(cls.burglary, by=by, municipality=cls.ostersund, kind="statistics",
                               category=cls.burglary_category(), year=2016)
        cls.graffiti_problem = services.add_problem(cls.picture, by=by, title="Klotter", theme="graffiti")
        cls.drugs = services.add_problem(cls.picture, by=by, title="Narkotika", theme="drug_dealing")
        services.link_evidence(cls.drugs, by=by, municipality=cls.ostersund, kind="staff", text="Langning vid stationen.")

    @classmethod
    def burglary_category(cls):
        return cls.burglary if not isinstance(cls.burglary, Problem) else cls._burglary_category

    @classmethod
    def build_statistics(cls):
        super().build_statistics()
        cls._burglary_category = cls.burglary

    def scores(self):
        return {p.title: s for p, s in selectors.scored(selectors.problems_of(self.picture))}

    def test_the_citizen_score_weighs_survey_and_dialogues_against_police_and_municipal_data(self):
        scores = self.scores()
        littering = scores["Nedskräpning i centrum"]
        # survey 0.42 / 0.5 = 0.84; dialogues 5 of 6 public items / 0.25 → 1: 100 × (0.6 × 0.84 + 0.4 × 1) = 90
        self.assertEqual((littering.citizen, littering.authority, littering.strong), (90, 0, True))
        burglary = scores["Bostadsinbrott"]
        self.assertEqual((burglary.citizen, burglary.authority, burglary.leaning), (0, 78, "data"))
        self.assertEqual(scores["Narkotika"].authority, 50)
        self.assertIn("signal", littering.prompts)
        self.assertIn("common", burglary.prompts)

    def test_a_problem_residents_point_at_strongly_cannot_be_dropped_without_a_reason(self):
        order = [self.burglary.pk, self.drugs.pk, self.graffiti_problem.pk, self.littering.pk]
        message = ("Residents point strongly at Nedskräpning i centrum: give a written reason for ranking it below 3 "
                   "or leaving it out.")
        with self.assertInvalid("citizen_reason_required", message):
            services.set_priorities(self.picture, by=self.community_police, order=order, justification="Resurser.")
        with self.assertInvalid("citizen_reason_required", message):
            services.set_priorities(self.picture, by=self.community_police, order=order[:2], justification="Resurser.")

    def test_with_a_written_reason_the_order_is_decided_and_recorded(self):
        order = [self.burglary.pk, self.drugs.pk, self.graffiti_problem.pk, self.littering.pk]
        decision = services.set_priorities(
            self.picture, by=self.community_police, order=order, justification="Polisens resurser räcker till tre.",
            reasons={self.littering.pk: "Kommunens städplan tar hand om nedskräpningen."})
        ranks = dict(Problem.objects.filter(picture=self.picture).values_list("title", "priority"))
        self.assertEqual(ranks, {"Bostadsinbrott": 1, "Narkotika": 2, "Klotter": 3, "Nedskräpning i centrum": 4})
        self.assertEqual(decision.order[3]["reason"], "Kommunens städplan tar hand om nedskräpningen.")
        self.assertEqual(decision.order[3]["citizen_score"], 90)
        self.assertEqual(self.last_audit(decision)[1], "problem_picture.prioritised")

    def test_ranked_high_it_needs_no_reason(self):
        services.set_priorities(self.picture, by=self.ostersund_coordinator, order=[self.littering.pk, self.burglary.pk],
                                justification="Invånarnas bild först.")
        self.assertEqual(Problem.objects.get(pk=self.drugs.pk).priority, None)

    def test_a_justification_is_required(self):
        with self.assertInvalid("justification_required", "Give the justification of the priority order.",
                                field="justification"):
            services.set_priorities(self.picture, by=self.ostersund_coordinator, order=[self.littering.pk], justification="")

    def test_the_thresholds_are_settings(self):
        with self.settings(PROBLEMS_STRONG_CITIZEN_SCORE=95):
            self.assertFalse(self.scores()["Nedskräpning i centrum"].strong)
        self.assertEqual(ranking.protected_rank(), 3)


class ApproveProblemPictureTest(ProblemsTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.problem = services.add_problem(cls.picture, by=cls.ostersund_coordinator, title="Klotter", theme="graffiti")
        services.link_evidence(cls.problem, by=cls.ostersund_coordinator, municipality=cls.ostersund, kind="staff",
                               text="Hemlig kunskap om klottrarna.")

    def picture_now(self):
        return ProblemPicture.objects.get(pk=self.picture.pk)

    def test_it_is_approved_when_both_police_and_municipality_approved_the_same_version(self):
        version = services.approve_problem_picture(self.picture, by=self.ostersund_coordinator)
        self.assertEqual(self.picture_now().state, ProblemPicture.State.DRAFT)
        self.assertEqual(services.approve_problem_picture(self.picture, by=self.community_police), version)
        picture = self.picture_now()
        self.assertEqual((picture.state, picture.approved_version), (ProblemPicture.State.APPROVED, version))
        self.assertEqual(version.content["problems"][0]["title"], "Klotter")
        self.assertEqual(version.content_hash, version.compute_hash())

    def test_an_edit_after_one_approval_makes_a_new_version_that_needs_both_again(self):
        first = services.approve_problem_picture(self.picture, by=self.ostersund_coordinator)
        services.update_problem(self.problem, by=self.community_police, title="Klotter i centrum")
        second = services.approve_problem_picture(self.picture, by=self.community_police)
        self.assertEqual(second.number, first.number + 1)
        self.assertEqual(self.picture_now().state, ProblemPicture.State.DRAFT)

    def test_an_edit_after_approval_reopens_the_picture_but_keeps_the_approved_version_public(self):
        services.approve_problem_picture(self.picture, by=self.ostersund_coordinator)
        version = services.approve_problem_picture(self.picture, by=self.community_police)
        services.update_problem(self.problem, by=self.ostersund_coordinator, times="Helgnätter")
        picture = self.picture_now()
        self.assertEqual((picture.state, picture.approved_version), (ProblemPicture.State.DRAFT, version))

    def test_a_party_approves_once(self):
        services.approve_problem_picture(self.picture, by=self.ostersund_coordinator)
        with self.assertInvalid("already_approved", "You have already approved this version."):
            services.approve_problem_picture(self.picture, by=self.ostersund_coordinator)

    def test_a_version_is_immutable(self):
        version = services.approve_problem_picture(self.picture, by=self.ostersund_coordinator)
        version.content = {}
        with self.assertInvalid("immutable", "An approved version can never be changed."):
            version.save()

    def test_the_public_parts_never_hold_staff_knowledge_or_non_public_problems(self):
        services.add_problem(self.picture, by=self.ostersund_coordinator, title="Intern fråga", theme="other", public=False)
        version = services.approve_problem_picture(self.picture, by=self.ostersund_coordinator)
        public = selectors.public_content(version.content)
        self.assertEqual([p["title"] for p in public["problems"]], ["Klotter"])
        self.assertEqual(public["problems"][0]["evidence"], [])
        self.assertNotIn("Hemlig", str(public))

    def test_viewers_cannot_approve(self):
        with self.assertRaises(PermissionDenied):
            services.approve_problem_picture(self.picture, by=self.ostersund_viewer)
