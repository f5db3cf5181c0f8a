from django.test import SimpleTestCase
from django.utils import translation

from medborgarloften.areas.models import Municipality, Organisation
from medborgarloften.promises import selectors
from medborgarloften.scope.selectors import editable_municipalities
from medborgarloften.promises.forms import ActivityForm, CommitmentForm, PromiseCreateForm, PromiseForm, SignForm
from medborgarloften.promises.models import Promise
from tests.cast import CastTestCase

PROMISE_DATA = {
    "title": "Medborgarlöften i Östersund 2019", "valid_from": "2019-01-01", "valid_to": "2019-12-31",
    "situation": "Trygghetsmätningen 2018 och tre medborgardialoger.", "follow_up": "Varje kvartal.",
}


class FormTestMixin:
    def assertFieldError(self, form, field, code, message):
        """Assert that ``form`` is invalid with ``code`` and the English ``message`` on ``field``."""
        with translation.override("en"):
            self.assertFalse(form.is_valid())
            self.assertTrue(form.has_error(field, code), f"{field}: {form.errors.as_data()}")
            self.assertIn(message, form.errors[field])


class PromiseFormTest(FormTestMixin, CastTestCase):
    def form(self, **data):
        return PromiseForm(data={**PROMISE_DATA, **data}, instance=self.ostersund_draft)

    def test_it_requires_a_title_and_keeps_what_was_typed(self):
        form = self.form(title="")
        self.assertFieldError(form, "title", "required", "This field is required.")
        self.assertEqual(form["situation"].value(), PROMISE_DATA["situation"])
        self.assertEqual(form["valid_from"].value(), "2019-01-01")

    def test_it_rejects_an_end_before_the_start(self):
        form = self.form(valid_to="2018-12-31")
        self.assertFieldError(form, "valid_to", "end_before_start", "The end date must be after the start date.")
        self.assertEqual(form["valid_to"].value(), "2018-12-31")

    def test_it_rejects_an_end_date_for_a_promise_that_runs_until_replaced(self):
        form = self.form(until_replaced="on")
        self.assertFieldError(form, "valid_to", "end_with_until_replaced",
                              "Leave the end date empty when the promise runs until it is replaced.")
        self.assertTrue(form["until_replaced"].value())

    def test_it_asks_for_an_end_date_or_until_replaced(self):
        form = self.form(valid_to="")
        self.assertFieldError(form, "valid_to", "end_required",
                              "Give an end date, or choose that the promise runs until it is replaced.")

    def test_it_accepts_a_promise_that_runs_until_replaced(self):
        form = self.form(valid_to="", until_replaced="on")
        self.assertTrue(form.is_valid(), form.errors)
        self.assertIsNone(form.cleaned_data["valid_to"])

    def test_it_reports_an_impossible_date_once(self):
        form = self.form(valid_to="2019-02-30")
        self.assertFieldError(form, "valid_to", "invalid", "Enter a valid date.")
        self.assertEqual(len(form.errors["valid_to"]), 1)
        self.assertEqual(form["valid_to"].value(), "2019-02-30")

    def test_an_unbound_form_ticks_until_replaced_for_an_open_ended_promise(self):
        self.assertFalse(PromiseForm(instance=self.ostersund_draft)["until_replaced"].value())
        Promise.objects.filter(pk=self.ostersund_draft.pk).update(valid_to=None)
        self.assertTrue(PromiseForm(instance=Promise.objects.get(pk=self.ostersund_draft.pk))["until_replaced"].value())


class CommitmentFormTest(FormTestMixin, SimpleTestCase):
    def test_it_requires_a_focus_area_and_keeps_the_pledge(self):
        form = CommitmentForm(data={"focus_area": "", "pledge": "Polisen och kommunen lovar att …"})
        self.assertFieldError(form, "focus_area", "required", "This field is required.")
        self.assertEqual(form["pledge"].value(), "Polisen och kommunen lovar att …")

    def test_it_leaves_the_baseline_year_range_to_the_model(self):
        """The range is checked once, by the model, so the service, the admin and imports check it too."""
        form = CommitmentForm(data={"focus_area": "Narkotika", "pledge": "Vi lovar …", "baseline_year": "218"})
        self.assertTrue(form.is_valid())


class SignFormTest(FormTestMixin, SimpleTestCase):
    def test_it_requires_confirmation(self):
        form = SignForm(data={}, parties=[])
        self.assertFieldError(form, "confirm", "required", "Confirm that you have read the promise before signing.")


class PromiseCreateFormTest(FormTestMixin, CastTestCase):
    def form(self, person, **data):
        return PromiseCreateForm(
            data={"valid_from": "2019-01-01", "valid_to": "2019-12-31", **data},
            municipalities=editable_municipalities(person),
            copyable=selectors.copyable_promises(person),
        )

    def test_it_offers_only_the_municipalities_the_editor_works_for(self):
        form = self.form(self.community_police)
        self.assertEqual(
            [m.code for m in form.fields["municipalities"].queryset], [m.code for m in
                                                                       Municipality.objects.filter(code__in=["2305", "2303", "2380"])])

    def test_it_rejects_another_municipality_and_keeps_what_was_typed(self):
        form = self.form(self.ostersund_coordinator, municipalities=[str(self.berg.pk)], title="Tryggare Berg")
        self.assertFieldError(form, "municipalities", "invalid_choice", "Choose a municipality you work for.")
        self.assertEqual(form["title"].value(), "Tryggare Berg")

    def test_it_requires_a_municipality(self):
        form = self.form(self.ostersund_coordinator)
        self.assertFieldError(form, "municipalities", "required", "Choose at least one municipality.")

    def test_it_rejects_an_end_before_the_start(self):
        form = self.form(self.ostersund_coordinator, municipalities=[str(self.ostersund.pk)], valid_to="2018-06-30")
        self.assertFieldError(form, "valid_to", "end_before_start", "The end date must be after the start date.")

    def test_it_offers_public_promises_and_the_editors_own_as_copies(self):
        offered = set(self.form(self.berg_coordinator).fields["based_on"].queryset)
        self.assertIn(self.ostersund_published, offered)
        self.assertIn(self.berg_draft, offered)
        self.assertNotIn(self.ostersund_draft, offered)


class ActivityFormTest(FormTestMixin, CastTestCase):
    def form(self, promise=None, **data):
        return ActivityForm(
            data={"description": "Trygghetsvandring i centrum", "responsible": "both", "status": "planned", **data},
            promise=promise or self.ostersund_draft,
        )

    def test_it_accepts_a_partner_working_in_the_municipality(self):
        form = self.form(partners=[str(self.property_owner.pk)])
        self.assertTrue(form.is_valid(), form.errors)

    def test_it_rejects_an_unknown_partner_organisation_and_keeps_the_description(self):
        form = self.form(partners=["999999"])
        self.assertFieldError(form, "partners", "invalid_choice",
                              "Choose among the partner organisations working in the promise's municipalities.")
        self.assertEqual(form["description"].value(), "Trygghetsvandring i centrum")

    def test_it_rejects_a_partner_that_does_not_work_in_the_municipality(self):
        # Östersundshem works in Östersund only.
        form = self.form(self.berg_draft, partners=[str(self.property_owner.pk)])
        self.assertFieldError(form, "partners", "invalid_choice",
                              "Choose among the partner organisations working in the promise's municipalities.")

    def test_it_rejects_an_organisation_that_is_not_a_partner(self):
        self.assertEqual(self.ostersund_municipality.kind, Organisation.Kind.MUNICIPALITY)
        form = self.form(partners=[str(self.ostersund_municipality.pk)])
        self.assertFieldError(form, "partners", "invalid_choice",
                              "Choose among the partner organisations working in the promise's municipalities.")

    def test_it_requires_partners_when_partners_are_responsible(self):
        form = self.form(responsible="partners")
        self.assertFieldError(form, "partners", "partners_required", "Choose the partners responsible.")

    def test_it_rejects_an_end_before_the_start_and_keeps_the_dates(self):
        form = self.form(period_start="2018-05-01", period_end="2018-04-30")
        self.assertFieldError(form, "period_end", "end_before_start", "The end date must be after the start date.")
        self.assertEqual((form["period_start"].value(), form["period_end"].value()), ("2018-05-01", "2018-04-30"))

    def test_a_filled_field_with_an_error_gets_no_second_one(self):
        form = self.form(responsible="partners", partners=["999999"])
        with translation.override("en"):
            self.assertFalse(form.is_valid())
            self.assertEqual(form.errors["partners"],
                             ["Choose among the partner organisations working in the promise's municipalities."])
        form = self.form(target_quantity="50", unit="x" * 500)
        with translation.override("en"):
            self.assertFalse(form.is_valid())
            self.assertEqual(len(form.errors["unit"]), 1, form.errors["unit"])

    def test_a_quantity_too_large_is_answered_with_the_largest_allowed(self):
        form = self.form(target_quantity="99999999999999999999999", unit="pass")
        with translation.override("sv"):
            self.assertFalse(form.is_valid())
            self.assertEqual(len(form.errors["target_quantity"]), 1)
            self.assertTrue(form.errors["target_quantity"][0].startswith("Ange högst "), form.errors["target_quantity"])

    def test_it_requires_a_unit_for_a_quantity(self):
        form = self.form(target_quantity="50")
        self.assertFieldError(form, "unit", "unit_required", "Say what is counted, e.g. traffic checks.")

    def test_it_requires_a_description(self):
        form = self.form(description="  ")
        self.assertFieldError(form, "description", "required", "This field is required.")
