import datetime

from django.core.exceptions import PermissionDenied

from medborgarloften.promises import selectors, services
from medborgarloften.promises.models import Promise
from tests.cast import CastTestCase


class UpdatePromiseTest(CastTestCase):
    def test_it_changes_a_draft_and_records_old_and_new_values(self):
        old_title = self.ostersund_draft.title
        services.update_promise(
            self.ostersund_draft, by=self.community_police, title="Tryggare Östersund", situation="Enkät och dialoger.")

        promise = self.fresh(self.ostersund_draft)
        self.assertEqual((promise.title, promise.situation), ("Tryggare Östersund", "Enkät och dialoger."))
        self.assertEqual(promise.state, Promise.State.DRAFT)
        self.assertEqual(promise.versions.count(), 0)
        self.assertEqual(self.last_audit(promise), (
            self.community_police, "promise.changed",
            {"title": [old_title, "Tryggare Östersund"], "situation": ["", "Enkät och dialoger."]},
        ))

    def test_it_records_dates_as_text(self):
        services.update_promise(self.ostersund_draft, by=self.ostersund_coordinator, valid_to=datetime.date(2019, 12, 31))
        self.assertEqual(self.last_audit(self.ostersund_draft)[2], {"valid_to": ["2018-12-31", "2019-12-31"]})

    def test_it_writes_nothing_when_nothing_changed(self):
        with self.assertWritesNothing():
            services.update_promise(self.ostersund_draft, by=self.ostersund_coordinator, title=self.ostersund_draft.title)

    def test_editing_an_approved_promise_sends_it_back_to_draft(self):
        services.update_promise(self.ostersund_approved, by=self.ostersund_coordinator, follow_up="Varje kvartal.")

        promise = self.fresh(self.ostersund_approved)
        self.assertEqual((promise.state, promise.approved_by_body, promise.approved_on), (Promise.State.DRAFT, "", None))
        self.assertEqual(self.last_audit(promise), (
            self.ostersund_coordinator, "promise.changed",
            {"follow_up": ["", "Varje kvartal."], "state": ["approved", "draft"]},
        ))

    def test_editing_while_awaiting_signatures_makes_a_new_version(self):
        services.update_promise(self.ostersund_awaiting, by=self.ostersund_coordinator, situation="Ny problembild.")

        promise = self.fresh(self.ostersund_awaiting)
        self.assertEqual(promise.state, Promise.State.AWAITING_SIGNATURES)
        latest = selectors.latest_version(promise)
        self.assertEqual(latest.number, 2)
        self.assertEqual(latest.content["situation"], "Ny problembild.")
        self.assertEqual(self.last_audit(promise), (
            self.ostersund_coordinator, "promise.changed",
            {"situation": ["", "Ny problembild."], "version": 2, "state": ["awaiting_signatures", "awaiting_signatures"]},
        ))

    def test_editing_a_signed_promise_makes_a_new_version_and_clears_the_signatures(self):
        services.update_promise(self.berg_signed, by=self.berg_coordinator, title="Tryggare Berg")

        promise = self.fresh(self.berg_signed)
        self.assertEqual(promise.state, Promise.State.AWAITING_SIGNATURES)
        first, second = sorted(promise.versions.all(), key=lambda v: v.number)
        self.assertEqual(len(first.signatures.all()), 2)  # kept in the history
        self.assertEqual(list(second.signatures.all()), [])
        self.assertEqual(selectors.unsigned_parties(promise, second), list(promise.parties.all()))
        self.assertEqual(self.last_audit(promise)[2]["state"], ["signed", "awaiting_signatures"])

    def test_it_refuses_people_who_do_not_edit_for_a_party(self):
        for name in ("berg_coordinator", "ostersund_signatory", "lpo_ostersund_chief", "ostersund_viewer",
                     "ostersund_admin", "former_coordinator", "partner", "outsider", "resident"):
            with self.subTest(name), self.assertWritesNothing(), self.assertRaises(PermissionDenied):
                services.update_promise(self.ostersund_draft, by=getattr(self, name), title="Kapat")

    def test_it_refuses_a_published_or_withdrawn_promise(self):
        for promise in (self.ostersund_published, self.ostersund_withdrawn):
            with self.subTest(promise.state), self.assertWritesNothing(), self.assertRaises(PermissionDenied):
                services.update_promise(promise, by=self.ostersund_coordinator, title="Ändrat i efterhand")

    def test_it_rejects_an_end_before_the_start(self):
        with self.assertWritesNothing(), self.assertInvalid(
                "end_before_start", "The end date must be after the start date.", field="valid_to"):
            services.update_promise(self.ostersund_awaiting, by=self.ostersund_coordinator, valid_to=datetime.date(2017, 6, 30))

    def test_it_rejects_an_empty_title(self):
        with self.assertWritesNothing(), self.assertInvalid("blank", "This field cannot be blank.", field="title"):
            services.update_promise(self.ostersund_draft, by=self.ostersund_coordinator, title="")

    def test_it_refuses_an_agreement_that_does_not_cover_the_municipality(self):
        from medborgarloften.promises.models import CollaborationAgreement

        agreement = CollaborationAgreement.objects.create(title="SÖK Berg", valid_from=datetime.date(2016, 1, 1))
        agreement.municipalities.set([self.berg])
        with self.assertWritesNothing(), self.assertInvalid(
                "agreement_mismatch", "The agreement does not cover all the chosen municipalities.",
                field="collaboration_agreement"):
            services.update_promise(self.ostersund_draft, by=self.ostersund_coordinator, collaboration_agreement=agreement)

    def test_it_refuses_a_new_period_that_leaves_an_activity_outside(self):
        activity = self.fresh(self.ostersund_draft).commitments.all()[0].activities.all()[0]
        services.update_activity(activity, by=self.ostersund_coordinator,
                                 period_start=datetime.date(2018, 11, 1), period_end=datetime.date(2018, 12, 31))
        with self.assertWritesNothing(), self.assertInvalid(
                "activities_outside_period",
                "The activity “Trafikkontroller vid skolor” would lie outside the new period; change its dates first.",
                field="valid_from"):
            services.update_promise(self.ostersund_draft, by=self.ostersund_coordinator, valid_to=datetime.date(2018, 6, 30))

    def test_it_refuses_a_new_period_overlapping_a_published_promise(self):
        with self.assertWritesNothing(), self.assertInvalid(
                "overlaps_published",
                "The period overlaps the published promise “Medborgarlöften i Östersund 2017”; "
                "shorten the period or choose that this promise replaces it.", field="replaces"):
            services.update_promise(self.ostersund_draft, by=self.ostersund_coordinator, valid_from=datetime.date(2017, 12, 1))

    def test_it_refuses_more_than_three_years(self):
        with self.assertWritesNothing(), self.assertInvalid(
                "too_long", "A promise runs for at most three years.", field="valid_to"):
            services.update_promise(self.ostersund_draft, by=self.ostersund_coordinator, valid_to=datetime.date(2021, 6, 30))
