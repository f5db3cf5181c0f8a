from django.core.exceptions import PermissionDenied

from medborgarloften.promises import selectors, services
from medborgarloften.promises.models import Promise
from tests.cast import CastTestCase


class AddCommitmentTest(CastTestCase):
    def test_it_adds_a_commitment_after_the_others(self):
        commitment = services.add_commitment(
            self.ostersund_draft, by=self.ostersund_coordinator, focus_area="Narkotika",
            pledge="Polisen och kommunen lovar att arbeta mot narkotika bland unga.",
            goal="Färre unga som provar narkotika.", indicator="CAN-undersökningen", baseline_year=2016,
        )

        promise = self.fresh(self.ostersund_draft)
        self.assertEqual([c.focus_area for c in promise.commitments.all()], ["Trafiksäkerhet", "Narkotika"])
        self.assertEqual((commitment.order, commitment.baseline_year), (2, 2016))
        self.assertEqual(self.last_audit(promise), (self.ostersund_coordinator, "commitment.added", {"commitment": "Narkotika"}))

    def test_adding_while_awaiting_signatures_makes_a_new_version(self):
        services.add_commitment(self.berg_awaiting, by=self.berg_coordinator, focus_area="Narkotika", pledge="Vi lovar …")

        latest = selectors.latest_version(self.fresh(self.berg_awaiting))
        self.assertEqual(latest.number, 2)
        self.assertEqual([c["focus_area"] for c in latest.content["commitments"]], ["Trafiksäkerhet", "Narkotika"])

    def test_it_rejects_an_empty_focus_area(self):
        with self.assertWritesNothing(), self.assertInvalid("blank", "This field cannot be blank.", field="focus_area"):
            services.add_commitment(self.ostersund_draft, by=self.ostersund_coordinator, focus_area="", pledge="Vi lovar …")

    def test_it_refuses_another_municipalitys_coordinator_and_non_editors(self):
        for name in ("berg_coordinator", "ostersund_signatory", "ostersund_viewer", "partner", "resident"):
            with self.subTest(name), self.assertWritesNothing(), self.assertRaises(PermissionDenied):
                services.add_commitment(self.ostersund_draft, by=getattr(self, name), focus_area="Klotter", pledge="Vi lovar …")

    def test_it_refuses_a_published_promise(self):
        self.assertEqual(self.ostersund_published.state, Promise.State.PUBLISHED)
        with self.assertWritesNothing(), self.assertRaises(PermissionDenied):
            services.add_commitment(self.ostersund_published, by=self.ostersund_coordinator, focus_area="Klotter", pledge="Vi lovar …")

    def test_it_refuses_an_unlikely_baseline_year(self):
        with self.assertWritesNothing(), self.assertInvalid(
                "baseline_year", "Give a year between 1990 and 2100.", field="baseline_year"):
            services.add_commitment(self.ostersund_draft, by=self.ostersund_coordinator, focus_area="Narkotika",
                                    pledge="Vi lovar …", baseline_year=218)
