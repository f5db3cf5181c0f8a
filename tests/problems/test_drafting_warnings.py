"""Drafting warnings (e) and (f): a draft's commitments against the prioritised problems of the approved problem picture."""

import datetime

from django.urls import reverse
from django.utils import translation

from medborgarloften.problems import services
from medborgarloften.problems.models import ProblemPicture
from medborgarloften.promises import drafting, selectors
from medborgarloften.promises import services as promise_services

from .base import ProblemsTestCase
from .test_promises_trace import TraceTestCase

PROBLEM_CODES = ("commitment_without_problem", "problem_without_commitment")


def problem_warnings(promise):
    with translation.override("en"):
        found = drafting.drafting_warnings(selectors.promise_with_content(promise.pk))
    return [(w.code, w.where, w.message) for w in found if w.code in PROBLEM_CODES]


class ProblemWarningsTest(TraceTestCase):
    def test_a_commitment_that_answers_no_prioritised_problem_is_flagged(self):
        found = [w for w in problem_warnings(self.ostersund_draft) if w[0] == "commitment_without_problem"]
        self.assertEqual(found, [(
            "commitment_without_problem", "Commitment “Trafiksäkerhet”",
            "The commitment answers none of the prioritised problems of the problem picture “%s”." % self.picture.title)])

    def test_a_commitment_that_answers_only_an_unprioritised_problem_is_flagged_too(self):
        commitment = self.ostersund_draft.commitments.get()
        promise_services.update_commitment(commitment, by=self.ostersund_coordinator, problems=[self.internal])
        self.assertEqual([w[0] for w in problem_warnings(self.ostersund_draft)],
                         ["commitment_without_problem", "problem_without_commitment"])

    def test_a_prioritised_problem_without_a_commitment_is_flagged(self):
        found = [w for w in problem_warnings(self.ostersund_draft) if w[0] == "problem_without_commitment"]
        self.assertEqual(found, [(
            "problem_without_commitment", "The promise's commitments",
            "The problem “Nedskräpning i centrum” (priority 1 in the problem picture “%s”) "
            "has no commitment that answers it." % self.picture.title)])

    def test_a_draft_whose_commitments_answer_the_prioritised_problems_has_no_such_warnings(self):
        commitment = self.ostersund_draft.commitments.get()
        promise_services.update_commitment(commitment, by=self.ostersund_coordinator, problems=[self.littering])
        self.assertEqual(problem_warnings(self.ostersund_draft), [])

    def test_the_warnings_link_to_where_they_are_fixed(self):
        with translation.override("en"):
            found = {w.code: w.url for w in drafting.drafting_warnings(selectors.promise_with_content(self.ostersund_draft.pk))}
        commitment = self.ostersund_draft.commitments.get()
        self.assertEqual(found["commitment_without_problem"], reverse("promises:commitment_edit", args=[commitment.pk]))
        self.assertEqual(found["problem_without_commitment"],
                         reverse("promises:commitment_create", args=[self.ostersund_draft.pk]))

    def test_another_municipalitys_picture_warns_nothing(self):
        self.assertEqual(problem_warnings(self.berg_draft), [])

    def test_a_picture_for_a_later_cycle_is_not_yet_the_one_a_promise_answers(self):
        ProblemPicture.objects.filter(pk=self.picture.pk).update(year=2019)
        self.assertEqual(problem_warnings(self.ostersund_draft), [])

    def test_the_editor_sees_them_on_the_draft_page_in_swedish(self):
        self.client.force_login(self.ostersund_coordinator)
        page = self.client.get(self.ostersund_draft.get_workspace_url())
        self.assertContains(page, "Problemet ”Nedskräpning i centrum”")
        self.assertContains(page, "warning-commitment_without_problem")

    def test_the_draft_page_costs_the_same_queries_with_more_commitments_and_problems(self):
        by = self.ostersund_coordinator
        self.client.force_login(by)
        url = self.ostersund_draft.get_workspace_url()
        self.client.get(url)  # warm the content type cache
        with self.assertNumQueries(17) as first:
            self.client.get(url)
        graffiti = services.add_problem(self.picture, by=by, title="Klotter", theme="graffiti")
        services.set_priorities(self.picture, by=by, order=[self.littering.pk, graffiti.pk], justification="Båda.")
        services.approve_problem_picture(self.picture, by=by)
        services.approve_problem_picture(self.picture, by=self.community_police)
        self.forget_memberships()
        for n in range(3):
            promise_services.add_commitment(self.ostersund_draft, by=by, focus_area=f"Område {n}", pledge="Vi lovar.",
                                            problems=[self.littering, graffiti][: n % 2 + 1])
        self.forget_memberships()
        with self.assertNumQueries(len(first.captured_queries)):
            page = self.client.get(url)
        self.assertContains(page, "warning-commitment_without_problem", count=1)


class NoApprovedPictureTest(ProblemsTestCase):
    """Without an approved picture with prioritised problems there is nothing to answer: no warning."""

    def test_a_draft_picture_with_prioritised_problems_warns_nothing(self):
        problem = services.add_problem(self.picture, by=self.ostersund_coordinator, title="Klotter", theme="graffiti")
        services.set_priorities(self.picture, by=self.ostersund_coordinator, order=[problem.pk], justification="Först.")
        self.assertEqual(problem_warnings(self.ostersund_draft), [])

    def test_an_approved_picture_without_prioritised_problems_warns_nothing(self):
        services.add_problem(self.picture, by=self.ostersund_coordinator, title="Klotter", theme="graffiti")
        services.approve_problem_picture(self.picture, by=self.ostersund_coordinator)
        services.approve_problem_picture(self.picture, by=self.community_police)
        self.assertIsNotNone(ProblemPicture.objects.get(pk=self.picture.pk).approved_version)
        self.assertEqual(problem_warnings(self.ostersund_draft), [])

    def test_without_a_picture_the_checks_cost_one_query(self):
        promise = selectors.promise_with_content(self.ostersund_draft.pk)
        with self.assertNumQueries(1):
            list(drafting.check_commitments_answer_problems(promise))
            list(drafting.check_problems_have_commitments(promise))
