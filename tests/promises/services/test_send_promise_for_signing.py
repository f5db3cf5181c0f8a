from django.core.exceptions import PermissionDenied

from medborgarloften.promises import selectors, services
from medborgarloften.promises.models import Activity, Commitment, Promise
from tests.cast import CastTestCase


class SendPromiseForSigningTest(CastTestCase):
    def test_it_freezes_the_text_into_version_one(self):
        version = services.send_promise_for_signing(self.ostersund_draft, by=self.community_police)

        promise = self.fresh(self.ostersund_draft)
        self.assertEqual(promise.state, Promise.State.AWAITING_SIGNATURES)
        self.assertEqual((version.number, version.created_by), (1, self.community_police))
        self.assertEqual(version.content, selectors.promise_content(promise))
        self.assertEqual(version.content_hash, version.compute_hash())
        self.assertEqual(len(version.content_hash), 64)
        self.assertEqual(self.last_audit(promise), (
            self.community_police, "promise.sent_for_signing",
            {"version": 1, "sha256": version.content_hash, "state": ["draft", "awaiting_signatures"]},
        ))

    def test_it_sends_an_approved_promise(self):
        services.send_promise_for_signing(self.berg_approved, by=self.berg_coordinator)

        self.assertEqual(self.fresh(self.berg_approved).state, Promise.State.AWAITING_SIGNATURES)
        self.assertEqual(self.last_audit(self.berg_approved)[2]["state"], ["approved", "awaiting_signatures"])

    def test_it_rejects_a_promise_without_commitments(self):
        Commitment.objects.filter(promise=self.ostersund_draft).delete()
        with self.assertWritesNothing(), self.assertInvalid(
                "no_commitments", "Add at least one commitment before sending for signing."):
            services.send_promise_for_signing(self.ostersund_draft, by=self.ostersund_coordinator)

    def test_it_names_each_commitment_without_activities(self):
        Activity.objects.filter(commitment__promise=self.ostersund_draft).delete()
        services.add_commitment(self.ostersund_draft, by=self.ostersund_coordinator, focus_area="Narkotika", pledge="Vi lovar …")

        with self.assertWritesNothing(), self.assertInvalid(
                "no_activities", "The commitment “Narkotika” has no activities.") as caught:
            services.send_promise_for_signing(self.ostersund_draft, by=self.ostersund_coordinator)
        self.assertEqual([e.code for e in caught.exception.error_list], ["no_activities", "no_activities"])

    def test_it_refuses_people_who_do_not_edit_for_a_party(self):
        for name in ("berg_coordinator", "ostersund_signatory", "lpo_ostersund_chief", "ostersund_viewer", "partner", "resident"):
            with self.subTest(name), self.assertWritesNothing(), self.assertRaises(PermissionDenied):
                services.send_promise_for_signing(self.ostersund_draft, by=getattr(self, name))

    def test_it_refuses_a_promise_already_sent(self):
        for promise in (self.ostersund_awaiting, self.ostersund_signed, self.ostersund_published, self.ostersund_withdrawn):
            with self.subTest(promise.state), self.assertWritesNothing(), self.assertRaises(PermissionDenied):
                services.send_promise_for_signing(promise, by=self.ostersund_coordinator)
