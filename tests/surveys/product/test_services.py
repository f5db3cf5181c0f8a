"""The survey services: building, questions, population, states, answering and sub-areas, with each bad input."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import translation

from medborgarloften.surveys import services
from medborgarloften.surveys.models import Draft, Invitation, Question, Response, Survey

from .cast import POPULATION, SurveyCastTestCase


class ServiceTestCase(SurveyCastTestCase):
    def assertInvalid(self, call, code, message=None):
        with translation.override("en"):
            with self.assertRaises(ValidationError) as caught:
                call()
        error = caught.exception
        codes = [e.code for e in error.error_list] if not hasattr(error, "error_dict") else [
            e.code for errors in error.error_dict.values() for e in errors]
        self.assertIn(code, codes)
        if message:
            with translation.override("en"):
                self.assertIn(message, " ".join(error.messages))


class CreateSurveyTest(ServiceTestCase):
    def test_it_builds_the_standard_instrument_with_themes_on_every_local_problem(self):
        problems = Question.objects.filter(survey=self.draft_survey, kind=Question.Kind.PROBLEM)
        self.assertGreaterEqual(problems.count(), 11)
        self.assertFalse(problems.filter(theme="").exists())
        codes = set(Question.objects.filter(survey=self.draft_survey).values_list("code", flat=True))
        self.assertTrue({"trygg_kvall", "undviker", "utsatt_vald", "anmalt", "alder", "kon", "delomrade"} <= codes)

    def test_it_refuses_municipalities_the_person_does_not_edit_for(self):
        with self.assertRaises(PermissionDenied):
            services.create_survey(by=self.ostersund_coordinator, title="X", year=2024, municipalities=[self.berg])
        with self.assertRaises(PermissionDenied):
            services.create_survey(by=self.ostersund_viewer, title="X", year=2024, municipalities=[self.ostersund])

    def test_an_lpo_survey_needs_an_editor_for_every_municipality(self):
        survey = services.create_survey(by=self.community_police, title="LPO", year=2024,
                                        municipalities=[self.ostersund, self.bracke], local_police_area=self.lpo_ostersund)
        self.assertTrue(self.community_police.has_perm("surveys.change_survey", survey))
        self.assertFalse(self.ostersund_coordinator.has_perm("surveys.change_survey", survey))
        self.assertTrue(self.ostersund_coordinator.has_perm("surveys.view_survey", survey))

    def test_an_open_questionnaire_over_several_municipalities_asks_for_the_municipality(self):
        survey = services.create_survey(by=self.community_police, title="Öppen", year=2024, mode=Survey.Mode.OPEN,
                                        municipalities=[self.ostersund, self.bracke])
        self.assertTrue(survey.questions.filter(kind=Question.Kind.MUNICIPALITY).exists())
        self.assertEqual(survey.min_n, 5)

    def test_the_survey_to_compare_with_must_be_earlier(self):
        self.assertInvalid(lambda: services.create_survey(by=self.ostersund_coordinator, title="X", year=2022,
                                                          municipalities=[self.ostersund], previous=self.draft_survey),
                           "previous_not_earlier")

    def test_it_copies_the_questions_of_another_survey(self):
        services.add_question(self.draft_survey, by=self.ostersund_coordinator, code="egen", kind="text", text="Övrigt?")
        copy = services.create_survey(by=self.ostersund_coordinator, title="Kopia", year=2025,
                                      municipalities=[self.ostersund], copy_from=self.draft_survey)
        self.assertTrue(copy.questions.filter(code="egen").exists())


class QuestionTest(ServiceTestCase):
    def _add(self, **values):
        defaults = {"code": "egen", "kind": "single", "text": "Fråga", "options": [
            {"code": "a", "label": "A"}, {"code": "b", "label": "B"}]}
        return services.add_question(self.draft_survey, by=self.ostersund_coordinator, **{**defaults, **values})

    def test_it_adds_each_kind_of_own_question(self):
        self._add(code="val")
        self._add(code="flera", kind="multi")
        self._add(code="skala", kind="scale", options=[{"code": f"s{i}", "label": str(i)} for i in range(1, 6)])
        self._add(code="fritext", kind="text", options=[])
        self._add(code="buller", kind="problem", theme="other", options=[])
        self.assertEqual(self.draft_survey.questions.filter(topic="own").count(), 5)

    def test_each_bad_question_is_refused(self):
        self.assertInvalid(lambda: self._add(code="Bad code"), "bad_code")
        self.assertInvalid(lambda: self._add(code="klotter"), "duplicate_code")
        self.assertInvalid(lambda: self._add(kind="problem", options=[]), "theme_required")
        self.assertInvalid(lambda: self._add(options=[{"code": "a", "label": "A"}]), "too_few_options")
        self.assertInvalid(lambda: self._add(options=[{"code": "a", "label": "A"}, {"code": "a", "label": "B"}]),
                           "duplicate_option")
        self.assertInvalid(lambda: self._add(options=[{"code": "vet_ej", "label": "A"}, {"code": "b", "label": "B"}]),
                           "bad_option_code")
        self.assertInvalid(lambda: self._add(kind="text"), "unexpected_options")
        self.assertInvalid(lambda: self._add(kind="age_group", options=[]), "duplicate_background")

    def test_questions_lock_once_an_answer_exists(self):
        self.add_answers(self.field_survey, 1)
        with self.assertRaises(PermissionDenied):
            services.add_question(self.field_survey, by=self.ostersund_coordinator, code="ny", kind="text", text="?")
        question = self.question(self.field_survey, "klotter")
        with self.assertRaises(PermissionDenied):
            services.update_question(question, by=self.ostersund_coordinator, text="Ändrad")
        with self.assertRaises(PermissionDenied):
            services.delete_question(question, by=self.ostersund_coordinator)

    def test_moving_a_question_swaps_it_with_its_neighbour(self):
        first, second = list(self.draft_survey.questions.filter(topic="worry").order_by("order"))[:2]
        services.move_question(second, by=self.ostersund_coordinator, up=True)
        self.assertEqual(list(self.draft_survey.questions.filter(topic="worry").order_by("order"))[0], second)


class PopulationTest(ServiceTestCase):
    def test_it_replaces_a_municipality_year(self):
        services.set_population(self.draft_survey, by=self.ostersund_coordinator, municipality=self.ostersund,
                                year=2024, cells=POPULATION)
        services.set_population(self.draft_survey, by=self.ostersund_coordinator, municipality=self.ostersund,
                                year=2024, cells={k: 10 for k in POPULATION})
        self.assertEqual(sum(self.draft_survey.population.values_list("population", flat=True)), 140)

    def test_each_bad_table_is_refused(self):
        call = services.set_population
        self.assertInvalid(lambda: call(self.draft_survey, by=self.ostersund_coordinator, municipality=self.berg,
                                        year=2024, cells=POPULATION), "not_in_survey")
        self.assertInvalid(lambda: call(self.draft_survey, by=self.ostersund_coordinator, municipality=self.ostersund,
                                        year=2024, cells={**POPULATION, ("16-24", "man"): -1}), "bad_population")
        self.assertInvalid(lambda: call(self.draft_survey, by=self.ostersund_coordinator, municipality=self.ostersund,
                                        year=2024, cells={k: 0 for k in POPULATION}), "empty_population")


class InvitationTest(ServiceTestCase):
    def test_codes_are_unique_unambiguous_and_typed_loosely(self):
        codes = self.codes
        self.assertEqual(len(set(codes)), 5)
        self.assertTrue(all(len(c) == 10 and not set(c) & set("01OIL") for c in codes))
        formatted = services.format_code(codes[0]).lower()
        self.assertEqual(services.invitation_for_code(f" {formatted} ").code, codes[0])

    def test_each_bad_code_is_refused(self):
        self.assertInvalid(lambda: services.invitation_for_code("NOSUCHCODE"), "unknown_code",
                           "There is no survey with this code")
        self.assertInvalid(lambda: services.invitation_for_code(""), "unknown_code")
        services.close_survey(self.field_survey, by=self.ostersund_coordinator)
        self.assertInvalid(lambda: services.invitation_for_code(self.codes[0]), "survey_not_open")

    def test_invitations_are_refused_for_another_municipality_or_none(self):
        self.assertInvalid(lambda: services.create_invitations(self.draft_survey, by=self.ostersund_coordinator,
                                                               municipality=self.berg, count=3), "not_in_survey")
        self.assertInvalid(lambda: services.create_invitations(self.draft_survey, by=self.ostersund_coordinator,
                                                               municipality=self.ostersund, count=0), "too_few")

    def test_closing_erases_addresses_and_drafts(self):
        Invitation.objects.filter(survey=self.field_survey).update(name="Anna", street="Storgatan 1", postcode="831 30",
                                                                   city="Östersund")
        invitation = self.invitation(self.codes[0])
        services.save_answers(self.field_survey, invitation=invitation, answers={"klotter": "1"})
        services.close_survey(self.field_survey, by=self.ostersund_coordinator)
        self.assertFalse(Invitation.objects.exclude(street="").exists())
        self.assertFalse(Draft.objects.exists())


class AnsweringTest(ServiceTestCase):
    def test_answers_saved_page_by_page_are_kept_until_submitted(self):
        invitation = self.invitation(self.codes[0])
        services.save_answers(self.field_survey, invitation=invitation, answers={"klotter": "1", "undviker": "ja"})
        services.save_answers(self.field_survey, invitation=invitation, answers={"klotter": "4", "undviker": None})
        self.assertEqual(services.draft_answers(self.field_survey, invitation=invitation), {"klotter": "4"})
        services.submit_answers(self.field_survey, invitation=invitation)
        self.assertEqual(Response.objects.get().answers, {"klotter": "4"})

    def test_each_bad_answer_is_refused(self):
        questions = list(self.field_survey.questions.all())
        call = services.clean_answers
        self.assertInvalid(lambda: call(self.field_survey, questions, {"klotter": "5"}), "bad_option")
        self.assertInvalid(lambda: call(self.field_survey, questions, {"trygg_kvall": "vet_ej"}), "bad_option")
        self.assertInvalid(lambda: call(self.field_survey, questions, {"delomrade": str(self.berg_sub.pk)},
                                        municipality=self.ostersund), "bad_sub_area")
        self.assertInvalid(lambda: call(self.field_survey, questions, {"kon": "annat"}), "bad_option")

    def test_a_closed_survey_takes_no_answers(self):
        invitation = self.invitation(self.codes[0])
        services.close_survey(self.field_survey, by=self.ostersund_coordinator)
        self.field_survey.refresh_from_db()
        self.assertInvalid(lambda: services.save_answers(self.field_survey, invitation=invitation, answers={}),
                           "survey_not_open")
        self.assertInvalid(lambda: services.submit_answers(self.field_survey, invitation=invitation), "survey_not_open")

    def test_a_sample_survey_needs_a_code(self):
        self.assertInvalid(lambda: services.submit_answers(self.field_survey, token="x"), "code_required")

    def test_an_open_questionnaire_keeps_answers_against_a_token(self):
        survey = services.create_survey(by=self.ostersund_coordinator, title="Öppen", year=2024, mode=Survey.Mode.OPEN,
                                        municipalities=[self.ostersund])
        services.open_survey(survey, by=self.ostersund_coordinator)
        survey.refresh_from_db()
        token = services.new_token()
        services.save_answers(survey, token=token, answers={"klotter": "2"})
        self.assertEqual(Draft.objects.get().token_hash != token, True)
        services.submit_answers(survey, token=token)
        response = Response.objects.get(survey=survey)
        self.assertEqual((response.municipality, response.answers), (self.ostersund, {"klotter": "2"}))


class StateTest(ServiceTestCase):
    def test_a_survey_needs_questions_to_open(self):
        empty = services.create_survey(by=self.ostersund_coordinator, title="Tom", year=2024,
                                       municipalities=[self.ostersund], template="empty")
        self.assertInvalid(lambda: services.open_survey(empty, by=self.ostersund_coordinator), "no_questions")

    def test_publishing_needs_results_from_every_answer(self):
        self.add_answers(self.field_survey, 60)
        with self.captureOnCommitCallbacks(execute=True):
            services.close_survey(self.field_survey, by=self.ostersund_coordinator)
        self.add_answers(self.field_survey, 1)
        self.assertInvalid(lambda: services.publish_survey(self.field_survey, by=self.ostersund_coordinator),
                           "results_outdated")
        services.compute_results(self.field_survey)
        services.publish_survey(self.field_survey, by=self.ostersund_coordinator)
        self.assertEqual(Survey.objects.get(pk=self.field_survey.pk).state, Survey.State.PUBLISHED)
        self.assertInvalid(lambda: services.unpublish_survey(self.field_survey, by=self.ostersund_coordinator, reason=" "),
                           "reason_required")
        services.unpublish_survey(self.field_survey, by=self.ostersund_coordinator, reason="Fel befolkning")
        self.assertEqual(self.last_audit(self.field_survey)[1], "survey.unpublished")

    def test_only_editors_of_the_survey_change_its_state(self):
        for person in (self.berg_coordinator, self.ostersund_viewer, self.ostersund_signatory, self.partner):
            with self.assertRaises(PermissionDenied):
                services.close_survey(self.field_survey, by=person)


class SubAreaTest(ServiceTestCase):
    def test_each_bad_sub_area_is_refused(self):
        self.assertInvalid(lambda: services.add_sub_area(self.ostersund, by=self.ostersund_coordinator, name="centrum"),
                           "duplicate_sub_area")
        self.assertInvalid(lambda: services.add_sub_area(self.ostersund, by=self.ostersund_coordinator, name=""), "blank")
        with self.assertRaises(PermissionDenied):
            services.add_sub_area(self.berg, by=self.ostersund_coordinator, name="Ny")

    def test_a_sub_area_named_by_answers_cannot_be_deleted(self):
        self.add_answers(self.field_survey, 3)
        self.assertInvalid(lambda: services.delete_sub_area(self.centrum, by=self.ostersund_coordinator), "sub_area_in_use")
        services.update_sub_area(self.centrum, by=self.ostersund_coordinator, name="Stadskärnan")
        new = services.add_sub_area(self.ostersund, by=self.ostersund_coordinator, name="Lugnvik")
        services.delete_sub_area(new, by=self.ostersund_coordinator)
