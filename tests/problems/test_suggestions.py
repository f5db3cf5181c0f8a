from medborgarloften.problems import services
from medborgarloften.problems.models import EvidenceLink, Problem, Suggestion

from .base import ProblemsTestCase


class SuggestProblemsTest(ProblemsTestCase):
    def suggest(self):
        return {s.key: s for s in services.suggest_problems(self.picture, by=self.ostersund_coordinator)}

    def test_it_suggests_from_the_survey_the_dialogues_and_the_statistics(self):
        found = self.suggest()
        self.assertEqual(sorted(found), sorted([
            f"survey:{self.survey.pk}:2380:nedskrapning",   # level 5
            f"survey:{self.survey.pk}:2380:klotter",        # level 3 and a significant rise
            "dialogues:2380:poor_lighting",                 # four comments and an observation
            f"place:{self.stortorget.pk}",                  # four comments name Stortorget
            "statistics:2380:klotter",                      # +50 %
            "statistics:2380:inbrott",                      # 1.8 times the county's rate
        ]))
        self.assertEqual(found["statistics:2380:klotter"].basis, Suggestion.Basis.CRIME_RISE)
        self.assertEqual(found["statistics:2380:inbrott"].basis, Suggestion.Basis.CRIME_ABOVE_COUNTY)
        self.assertEqual(found[f"survey:{self.survey.pk}:2380:nedskrapning"].theme, "littering")

    def test_it_leaves_out_low_levels_small_counts_themeless_totals_and_staff_dialogues(self):
        keys = set(self.suggest())
        self.assertNotIn(f"survey:{self.survey.pk}:2380:belysning", keys)
        self.assertNotIn("dialogues:2380:graffiti", keys)
        self.assertNotIn("dialogues:2380:drug_dealing", keys)
        self.assertFalse(any("totalt" in key for key in keys))

    def test_each_suggestion_carries_its_evidence(self):
        found = self.suggest()
        survey = found[f"survey:{self.survey.pk}:2380:nedskrapning"].evidence.get()
        self.assertEqual((survey.kind, survey.snapshot["estimate"], survey.snapshot["level"]), ("survey", 0.42, 5))
        dialogues = found["dialogues:2380:poor_lighting"].evidence.get()
        self.assertEqual((dialogues.snapshot["comments"], dialogues.snapshot["observations"]), (4, 1))
        place = found[f"place:{self.stortorget.pk}"]
        self.assertEqual(place.evidence.filter(kind=EvidenceLink.Kind.COMMENT).count(), 4)
        self.assertEqual(list(place.places.all()), [self.stortorget])

    def test_a_second_run_adds_nothing_twice(self):
        first = self.suggest()
        self.assertEqual(self.suggest(), {})
        self.assertEqual(Suggestion.objects.filter(picture=self.picture).count(), len(first))

    def test_accepting_makes_a_problem_with_the_evidence(self):
        suggestion = self.suggest()["dialogues:2380:poor_lighting"]
        problem = services.accept_suggestion(suggestion, by=self.community_police)
        self.assertEqual((problem.title, problem.theme), ("Dålig belysning", "poor_lighting"))
        self.assertEqual(problem.evidence.count(), 1)
        suggestion.refresh_from_db()
        self.assertEqual((suggestion.state, suggestion.problem), (Suggestion.State.ACCEPTED, problem))

    def test_merging_adds_the_evidence_to_an_existing_problem_without_duplicates(self):
        found = self.suggest()
        problem = services.accept_suggestion(found["dialogues:2380:poor_lighting"], by=self.ostersund_coordinator)
        services.merge_suggestion(found[f"place:{self.stortorget.pk}"], by=self.ostersund_coordinator, problem=problem)
        self.assertEqual(problem.evidence.count(), 5)
        self.assertEqual(list(problem.places.all()), [self.stortorget])

    def test_dismissing_needs_a_reason(self):
        suggestion = self.suggest()["statistics:2380:inbrott"]
        with self.assertInvalid("reason_required", "Say why the suggestion is dismissed.", field="reason"):
            services.dismiss_suggestion(suggestion, by=self.ostersund_coordinator, reason="  ")
        services.dismiss_suggestion(suggestion, by=self.ostersund_coordinator, reason="Få fall, polisen följer upp.")
        suggestion.refresh_from_db()
        self.assertEqual(suggestion.state, Suggestion.State.DISMISSED)
        self.assertEqual(self.last_audit(suggestion)[1:], ("suggestion.dismissed", {"reason": "Få fall, polisen följer upp."}))

    def test_a_decided_suggestion_cannot_be_decided_again(self):
        suggestion = self.suggest()["statistics:2380:inbrott"]
        services.accept_suggestion(suggestion, by=self.ostersund_coordinator)
        suggestion.refresh_from_db()
        from django.core.exceptions import PermissionDenied
        with self.assertRaises(PermissionDenied):
            services.dismiss_suggestion(suggestion, by=self.ostersund_coordinator, reason="Nej")
        self.assertEqual(Problem.objects.filter(picture=self.picture).count(), 1)
