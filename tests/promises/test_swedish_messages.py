"""Every message a person can meet in the promise cycle, in Swedish.

SWEDISH is the wording for the translator (locale/sv): English msgid → the
Swedish text. The tests check the catalogue and that the services and forms
show these exact words under Swedish.
"""

import datetime

from django.utils import translation
from django.utils.translation import gettext

from medborgarloften.promises import selectors, services
from medborgarloften.scope.selectors import editable_municipalities
from medborgarloften.promises.forms import ActivityForm, PromiseCreateForm, PromiseForm, SignForm
from medborgarloften.promises.models import Commitment, Promise
from tests.cast import CastTestCase

SWEDISH = {
    # Periods (forms and models)
    "The end date must be after the start date.": "Slutdatum måste vara efter startdatum.",
    "A promise runs for at most three years.": "Ett medborgarlöfte gäller i högst tre år.",
    "Leave the end date empty when the promise runs until it is replaced.":
        "Lämna slutdatum tomt när löftet gäller tills det ersätts.",
    "Give an end date, or choose that the promise runs until it is replaced.":
        "Ange ett slutdatum eller välj att löftet gäller tills det ersätts.",
    # Creating a promise
    "Choose at least one municipality.": "Välj minst en kommun.",
    "Choose a municipality you work for.": "Välj en kommun som du arbetar för.",
    "%(municipality)s has no municipal organisation registered.": "%(municipality)s har ingen kommunal organisation registrerad.",
    "No local police area covers %(municipality)s.": "Inget lokalpolisområde omfattar %(municipality)s.",
    "Citizen promises in %(places)s %(years)s": "Medborgarlöften i %(places)s %(years)s",
    # Commitments and activities
    "Give a year between 1990 and 2100.": "Ange ett år mellan 1990 och 2100.",
    "Choose among the partner organisations working in the promise's municipalities.":
        "Välj bland samverkansaktörerna som arbetar i löftets kommuner.",
    "Say what is counted, e.g. traffic checks.": "Ange vad som räknas, till exempel trafikkontroller.",
    "Choose the partners responsible.": "Välj vilka samverkansaktörer som ansvarar.",
    "%(name)s is not a partner organisation.": "%(name)s är ingen samverkansaktör.",
    # Approval and sending for signing
    "Name the body that approved the text.": "Ange vilket organ som godkände texten.",
    "The approval date cannot be in the future.": "Datumet för godkännandet kan inte ligga i framtiden.",
    "Add at least one commitment before sending for signing.":
        "Lägg till minst ett löfte innan texten skickas för underskrift.",
    "The commitment “%(focus_area)s” has no activities.": "Löftet ”%(focus_area)s” har inga aktiviteter.",
    "The promise has no signing parties.": "Medborgarlöftet har inga parter som undertecknar.",
    # Signing
    "Confirm that you have read the promise before signing.": "Bekräfta att du har läst löftet innan du undertecknar.",
    "This version has been replaced by a newer one; sign the latest version.":
        "Den här versionen har ersatts av en nyare. Underteckna den senaste versionen.",
    "The text no longer matches the version sent for signing.":
        "Texten stämmer inte längre med versionen som skickades för underskrift.",
    "Choose which party you sign for.": "Välj vilken part du undertecknar för.",
    "Your role has no title to print beside your signature; ask your organisation's administrator to add one.":
        "Din roll saknar en titel att skriva ut vid din underskrift. Be din organisations administratör att lägga till en.",
    "A signed version can never be changed.": "En undertecknad version kan aldrig ändras.",
    # Publishing, extending, withdrawing
    "Every party must sign the same version before publishing.":
        "Alla parter måste underteckna samma version innan löftet publiceras.",
    "The promise already runs until it is replaced.": "Löftet gäller redan tills det ersätts.",
    "The new end date must be after the current one.": "Det nya slutdatumet måste vara efter det nuvarande.",
    "Give a reason for the withdrawal.": "Ange varför löftet dras tillbaka.",
}


def test_each_message_has_its_swedish_wording():
    with translation.override("sv"):
        wrong = {english: gettext(english) for english, swedish in SWEDISH.items() if gettext(english) != swedish}
    assert wrong == {}


class SwedishMessagesTest(CastTestCase):
    def assertSwedish(self, callable_, message):
        from django.core.exceptions import ValidationError

        with translation.override("sv"), self.assertRaises(ValidationError) as caught:
            callable_()
        self.assertIn(message, caught.exception.messages)

    def test_create_promise_names_the_municipality_without_organisation(self):
        self.bracke_municipality.delete()
        self.assertSwedish(
            lambda: services.create_promise(by=self.community_police, municipalities=[self.bracke],
                                            valid_from=datetime.date(2019, 1, 1), valid_to=datetime.date(2019, 12, 31)),
            "Bräcke har ingen kommunal organisation registrerad.",
        )

    def test_create_promise_rejects_an_end_before_the_start(self):
        self.assertSwedish(
            lambda: services.create_promise(by=self.ostersund_coordinator, municipalities=[self.ostersund],
                                            valid_from=datetime.date(2019, 1, 1), valid_to=datetime.date(2018, 1, 1)),
            "Slutdatum måste vara efter startdatum.",
        )

    def test_the_customary_title_is_swedish(self):
        promise = services.create_promise(by=self.ostersund_coordinator, municipalities=[self.ostersund],
                                          valid_from=datetime.date(2019, 1, 1), valid_to=datetime.date(2020, 12, 31))
        self.assertEqual(promise.title, "Medborgarlöften i Östersund 2019–2020")

    def test_sending_an_incomplete_promise_names_the_commitment(self):
        services.add_commitment(self.ostersund_draft, by=self.ostersund_coordinator, focus_area="Narkotika", pledge="Vi lovar …")
        self.assertSwedish(
            lambda: services.send_promise_for_signing(self.ostersund_draft, by=self.ostersund_coordinator),
            "Löftet ”Narkotika” har inga aktiviteter.",
        )
        Commitment.objects.filter(promise=self.ostersund_draft).delete()
        self.assertSwedish(
            lambda: services.send_promise_for_signing(self.ostersund_draft, by=self.ostersund_coordinator),
            "Lägg till minst ett löfte innan texten skickas för underskrift.",
        )

    def test_signing_a_stale_version(self):
        stale = self.latest_version(self.ostersund_awaiting)
        services.update_promise(self.ostersund_awaiting, by=self.ostersund_coordinator, situation="Ny problembild.")
        self.assertSwedish(
            lambda: services.sign_promise(stale, person=self.ostersund_signatory),
            "Den här versionen har ersatts av en nyare. Underteckna den senaste versionen.",
        )

    def test_signing_when_the_text_changed_behind_the_version(self):
        Commitment.objects.filter(promise=self.berg_awaiting).update(pledge="Ändrad bakom ryggen.")
        version = selectors.latest_version(self.fresh(self.berg_awaiting))
        self.assertSwedish(
            lambda: services.sign_promise(version, person=self.berg_signatory),
            "Texten stämmer inte längre med versionen som skickades för underskrift.",
        )

    def test_withdrawing_without_a_reason(self):
        self.assertSwedish(
            lambda: services.withdraw_promise(self.ostersund_published, by=self.ostersund_signatory, reason=""),
            "Ange varför löftet dras tillbaka.",
        )

    def test_forms_show_swedish_errors_and_keep_what_was_typed(self):
        with translation.override("sv"):
            form = PromiseForm(
                data={"title": "", "valid_from": "2019-01-01", "valid_to": "2018-12-31", "situation": "Dialoger."},
                instance=self.ostersund_draft,
            )
            self.assertFalse(form.is_valid())
            self.assertEqual(form.errors["title"], ["Detta fält måste fyllas i."])
            self.assertEqual(form.errors["valid_to"], ["Slutdatum måste vara efter startdatum."])
            self.assertEqual(form["situation"].value(), "Dialoger.")

            form = PromiseForm(data={"title": "T", "valid_from": "2019-01-01", "valid_to": "2019-12-31", "until_replaced": "on"},
                               instance=self.ostersund_draft)
            self.assertEqual(form.errors["valid_to"], ["Lämna slutdatum tomt när löftet gäller tills det ersätts."])

            form = PromiseCreateForm(
                data={"municipalities": [str(self.berg.pk)], "valid_from": "2019-01-01", "valid_to": "2019-12-31"},
                municipalities=editable_municipalities(self.ostersund_coordinator),
                copyable=Promise.objects.none(),
            )
            self.assertEqual(form.errors["municipalities"], ["Välj en kommun som du arbetar för."])

            form = ActivityForm(
                data={"description": "Vandring", "responsible": "both", "status": "planned", "partners": ["999999"],
                      "target_quantity": "2"},
                promise=self.ostersund_draft,
            )
            self.assertEqual(form.errors["partners"], ["Välj bland samverkansaktörerna som arbetar i löftets kommuner."])
            self.assertEqual(form.errors["unit"], ["Ange vad som räknas, till exempel trafikkontroller."])

            form = SignForm(data={}, parties=[])
            self.assertEqual(form.errors["confirm"], ["Bekräfta att du har läst löftet innan du undertecknar."])
