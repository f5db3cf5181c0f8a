"""Starting a promise from another: the problems its commitments answer are kept only where the copy may name them."""

import datetime

from medborgarloften.accounts.models import Membership
from medborgarloften.problems import services
from medborgarloften.problems.models import ProblemPicture
from medborgarloften.promises import services as promise_services
from medborgarloften.promises.models import Promise
from tests.cast import person

from .test_drafting_warnings import problem_warnings
from .test_promises_trace import TraceTestCase

YEAR_2020 = {"valid_from": datetime.date(2020, 1, 1), "valid_to": datetime.date(2020, 12, 31)}


class CopyingProblemLinksTest(TraceTestCase):
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
        cls.source = Promise.objects.get(pk=promise.pk)
        cls.forget_memberships()

    def answered(self, promise):
        return {c.focus_area: [p.title for p in c.problems.order_by("pk")] for c in promise.commitments.all()}

    def approve_berg_picture(self):
        police = person("kommunpolis.jh", "Kim", "Jär", (self.jh_police, Membership.Role.EDITOR, "Kommunpolis"))
        picture = services.create_problem_picture(by=self.berg_coordinator, municipalities=[self.berg], year=2020)
        problem = services.add_problem(picture, by=self.berg_coordinator, title="Skoteråkning i byarna", theme="other")
        services.set_priorities(picture, by=self.berg_coordinator, order=[problem.pk], justification="Byborna först.")
        services.approve_problem_picture(picture, by=self.berg_coordinator)
        services.approve_problem_picture(picture, by=police)
        self.assertIsNotNone(ProblemPicture.objects.get(pk=picture.pk).approved_version)
        return problem

    def test_a_copy_for_the_same_municipality_keeps_the_problems_of_its_approved_picture(self):
        copy = promise_services.start_from_promise(self.source, by=self.ostersund_coordinator,
                                                   municipalities=[self.ostersund], **YEAR_2020)
        self.assertEqual(self.answered(copy), {"Trafiksäkerhet": [], "Ett renare centrum": ["Nedskräpning i centrum"]})

    def test_a_copy_for_a_municipality_with_its_own_approved_picture_leaves_out_the_other_municipalitys_problems(self):
        berg_problem = self.approve_berg_picture()
        copy = promise_services.start_from_promise(self.source, by=self.berg_coordinator,
                                                   municipalities=[self.berg], **YEAR_2020)
        self.assertEqual(self.answered(copy), {"Trafiksäkerhet": [], "Ett renare centrum": []})
        # The drafting help then asks for Berg's own problem to be answered.
        self.assertIn(("problem_without_commitment", "The promise's commitments",
                       f"The problem “{berg_problem.title}” (priority 1 in the problem picture "
                       f"“{berg_problem.picture.title}”) has no commitment that answers it."),
                      problem_warnings(copy))
        # Berg's editors then name their own problem.
        promise_services.update_commitment(copy.commitments.get(focus_area="Ett renare centrum"),
                                           by=self.berg_coordinator, problems=[berg_problem])

    def test_a_copy_for_a_municipality_without_a_picture_names_no_problems(self):
        copy = promise_services.start_from_promise(self.source, by=self.berg_coordinator,
                                                   municipalities=[self.berg], **YEAR_2020)
        self.assertEqual(self.answered(copy), {"Trafiksäkerhet": [], "Ett renare centrum": []})
