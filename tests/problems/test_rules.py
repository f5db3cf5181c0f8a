"""Every cast member on Östersund's problem picture, for every permission (Berg's staff and partners see nothing)."""

from medborgarloften.problems import services

from .base import ProblemsTestCase

STAFF = ["ostersund_coordinator", "community_police", "ostersund_signatory", "lpo_ostersund_chief", "ostersund_viewer",
         "ostersund_admin"]
EDITORS = ["ostersund_coordinator", "community_police"]


class ProblemPictureRulesTest(ProblemsTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        suggestions = services.suggest_problems(cls.picture, by=cls.ostersund_coordinator)
        cls.open_suggestion = suggestions[0]
        cls.dismissed = suggestions[1]
        services.dismiss_suggestion(cls.dismissed, by=cls.ostersund_coordinator, reason="Inte nu")

    def everyone_else(self, *names):
        from tests.cast import everyone_but
        return everyone_but(*names)

    def test_staff_of_the_municipality_and_its_police_read_it(self):
        self.assertPermission("problems.view_problempicture", self.picture, allowed=STAFF, denied=self.everyone_else(*STAFF))

    def test_restricted_evidence_is_for_police_and_municipal_staff_only(self):
        self.assertPermission("problems.view_restricted_evidence", self.picture, allowed=STAFF,
                              denied=self.everyone_else(*STAFF))

    def test_editors_of_either_party_change_it(self):
        self.assertPermission("problems.change_problempicture", self.picture, allowed=EDITORS,
                              denied=self.everyone_else(*EDITORS))
        self.assertPermission("problems.set_priorities", self.picture, allowed=EDITORS, denied=self.everyone_else(*EDITORS))
        self.assertPermission("problems.approve_problempicture", self.picture, allowed=EDITORS,
                              denied=self.everyone_else(*EDITORS))

    def test_editors_decide_open_suggestions_only(self):
        self.assertPermission("problems.decide_suggestion", self.open_suggestion, allowed=EDITORS,
                              denied=self.everyone_else(*EDITORS))
        self.assertPermission("problems.decide_suggestion", self.dismissed, allowed=[], denied=self.everyone_else())

    def test_any_editor_may_start_a_picture_but_only_for_where_they_edit(self):
        allowed = ["ostersund_coordinator", "berg_coordinator", "community_police"]
        self.assertPermission("problems.add_problempicture", None, allowed=allowed, denied=self.everyone_else(*allowed))
        from django.core.exceptions import PermissionDenied
        for person in (self.berg_coordinator, self.partner):
            with self.assertRaises(PermissionDenied):
                services.create_problem_picture(by=person, municipalities=[self.ostersund], year=2018)
