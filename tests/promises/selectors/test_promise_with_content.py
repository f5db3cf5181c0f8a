from medborgarloften.promises import selectors, services
from tests.cast import CastTestCase


class PromiseWithContentTest(CastTestCase):
    def read_everything(self, pk):
        promise = selectors.promise_with_content(pk)
        selectors.promise_content(promise)
        for version in promise.versions.all():
            selectors.unsigned_parties(promise, version)
            [s.party.organisation.name for s in version.signatures.all()]
        return promise

    def test_it_reads_a_promise_in_a_fixed_number_of_queries(self):
        # promise, municipalities, parties + organisations, commitments,
        # activities, partners, versions, signatures + parties + organisations;
        # the content: the problems the commitments answer
        with self.assertNumQueries(9):
            self.read_everything(self.ostersund_signed.pk)

        # More commitments, activities, partners and versions cost nothing more.
        for focus_area in ("Narkotika", "Klotter"):
            commitment = services.add_commitment(self.ostersund_signed, by=self.ostersund_coordinator,
                                                 focus_area=focus_area, pledge="Vi lovar …")
            services.add_activity(commitment, by=self.ostersund_coordinator, description="Insats",
                                  partners=[self.victim_support, self.property_owner])
        self.assertEqual(len(self.fresh(self.ostersund_signed).versions.all()), 5)  # each edit made a version
        with self.assertNumQueries(9):
            self.read_everything(self.ostersund_signed.pk)
