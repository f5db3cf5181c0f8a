from django.core.exceptions import PermissionDenied

from medborgarloften.promises import selectors, services
from medborgarloften.promises.models import Promise
from tests.cast import CastTestCase


class UpdateCommitmentTest(CastTestCase):
    def commitment(self, promise):
        return self.fresh(promise).commitments.all()[0]

    def test_it_changes_the_commitment_and_records_old_and_new(self):
        commitment = self.commitment(self.ostersund_draft)
        services.update_commitment(commitment, by=self.ostersund_coordinator, focus_area="Trafik", baseline_year=2016)

        commitment.refresh_from_db()
        self.assertEqual((commitment.focus_area, commitment.baseline_year), ("Trafik", 2016))
        self.assertEqual(self.last_audit(self.ostersund_draft), (
            self.ostersund_coordinator, "commitment.changed",
            {"commitment": "Trafik", "focus_area": ["Trafiksäkerhet", "Trafik"], "baseline_year": [None, 2016]},
        ))

    def test_it_writes_nothing_when_nothing_changed(self):
        commitment = self.commitment(self.ostersund_signed)
        with self.assertWritesNothing():
            services.update_commitment(commitment, by=self.ostersund_coordinator, focus_area=commitment.focus_area)

    def test_changing_a_signed_promise_makes_a_new_version_to_sign(self):
        services.update_commitment(self.commitment(self.berg_signed), by=self.berg_coordinator, pledge="Vi lovar mer.")

        promise = self.fresh(self.berg_signed)
        self.assertEqual(promise.state, Promise.State.AWAITING_SIGNATURES)
        latest = selectors.latest_version(promise)
        self.assertEqual((latest.number, latest.content["commitments"][0]["pledge"]), (2, "Vi lovar mer."))
        self.assertEqual(list(latest.signatures.all()), [])

    def test_it_rejects_an_empty_pledge(self):
        with self.assertWritesNothing(), self.assertInvalid("blank", "This field cannot be blank.", field="pledge"):
            services.update_commitment(self.commitment(self.ostersund_draft), by=self.ostersund_coordinator, pledge="")

    def test_it_refuses_another_municipalitys_coordinator(self):
        with self.assertWritesNothing(), self.assertRaises(PermissionDenied):
            services.update_commitment(self.commitment(self.ostersund_draft), by=self.berg_coordinator, focus_area="Berg")

    def test_it_refuses_a_published_promise(self):
        with self.assertWritesNothing(), self.assertRaises(PermissionDenied):
            services.update_commitment(self.commitment(self.berg_published), by=self.berg_coordinator, focus_area="Nytt")

    def test_it_refuses_an_unlikely_baseline_year(self):
        commitment = self.fresh(self.ostersund_draft).commitments.all()[0]
        with self.assertWritesNothing(), self.assertInvalid(
                "baseline_year", "Give a year between 1990 and 2100.", field="baseline_year"):
            services.update_commitment(commitment, by=self.ostersund_coordinator, baseline_year=3016)
