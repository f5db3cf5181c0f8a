"""The cast is what its names say, so the permission tests rest on it."""

from medborgarloften.promises.models import Promise
from tests.cast import PROMISES, CastTestCase


class CastTest(CastTestCase):
    def test_each_promise_is_in_the_state_its_name_says(self):
        expected = {
            "draft": Promise.State.DRAFT,
            "approved": Promise.State.APPROVED,
            "awaiting": Promise.State.AWAITING_SIGNATURES,
            "partly_signed": Promise.State.AWAITING_SIGNATURES,
            "signed": Promise.State.SIGNED,
            "published": Promise.State.PUBLISHED,
            "withdrawn": Promise.State.WITHDRAWN,
        }
        for name in PROMISES:
            state = name.split("_", 1)[1]
            self.assertEqual(Promise.objects.get(pk=getattr(self, name).pk).state, expected[state], name)
            self.assertEqual(getattr(self, name).state, expected[state], name)

    def test_promises_have_the_municipality_and_its_local_police_area_as_signing_parties(self):
        ostersund = self.fresh(self.ostersund_draft)
        berg = self.fresh(self.berg_draft)
        self.assertEqual([p.organisation for p in ostersund.parties.all()], [self.ostersund_municipality, self.ostersund_police])
        self.assertEqual([p.organisation for p in berg.parties.all()], [self.berg_municipality, self.jh_police])
        self.assertTrue(all(p.signs for p in [*ostersund.parties.all(), *berg.parties.all()]))

    def test_the_partner_is_named_on_ostersunds_activities_only(self):
        self.assertEqual(
            set(self.victim_support.activities.values_list("commitment__promise__municipalities__code", flat=True)),
            {self.ostersund.code},
        )

    def test_the_police_has_signed_the_partly_signed_promise(self):
        version = self.latest_version(self.ostersund_partly_signed)
        self.assertEqual([s.person for s in version.signatures.all()], [self.lpo_ostersund_chief])
