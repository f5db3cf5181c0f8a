from django.core.exceptions import PermissionDenied

from medborgarloften.promises import selectors, services
from medborgarloften.promises.models import Activity, Commitment, Promise
from tests.cast import CastTestCase


class DeleteCommitmentTest(CastTestCase):
    def commitment(self, promise):
        return self.fresh(promise).commitments.all()[0]

    def test_it_deletes_the_commitment_with_its_activities(self):
        commitment = self.commitment(self.ostersund_draft)
        services.delete_commitment(commitment, by=self.community_police)

        self.assertFalse(Commitment.objects.filter(pk=commitment.pk).exists())
        self.assertFalse(Activity.objects.filter(commitment_id=commitment.pk).exists())
        self.assertEqual(self.last_audit(self.ostersund_draft),
                         (self.community_police, "commitment.deleted", {"commitment": "Trafiksäkerhet"}))

    def test_deleting_from_a_signed_promise_makes_a_new_version(self):
        services.delete_commitment(self.commitment(self.ostersund_signed), by=self.ostersund_coordinator)

        promise = self.fresh(self.ostersund_signed)
        self.assertEqual(promise.state, Promise.State.AWAITING_SIGNATURES)
        self.assertEqual(selectors.latest_version(promise).content["commitments"], [])

    def test_it_refuses_a_viewer_and_a_signatory(self):
        for name in ("ostersund_viewer", "ostersund_signatory"):
            with self.subTest(name), self.assertWritesNothing(), self.assertRaises(PermissionDenied):
                services.delete_commitment(self.commitment(self.ostersund_draft), by=getattr(self, name))

    def test_it_refuses_a_withdrawn_promise(self):
        with self.assertWritesNothing(), self.assertRaises(PermissionDenied):
            services.delete_commitment(self.commitment(self.ostersund_withdrawn), by=self.ostersund_coordinator)
