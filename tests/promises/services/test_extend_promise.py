import datetime

from django.core.exceptions import PermissionDenied

from medborgarloften.promises import services
from medborgarloften.promises.models import Extension, Promise
from tests.cast import CastTestCase

MID_2018 = datetime.date(2018, 6, 30)


class ProposeExtensionTest(CastTestCase):
    def test_a_proposal_changes_nothing_until_every_signing_party_agrees(self):
        extension = services.propose_extension(self.ostersund_published, by=self.ostersund_coordinator, until=MID_2018,
                                               reason="Arbetet med ny lägesbild tar längre tid.")
        self.assertIsNone(Promise.objects.get(pk=self.ostersund_published.pk).extended_to)
        services.agree_to_extension(extension, person=self.lpo_ostersund_chief)
        self.assertIsNone(Promise.objects.get(pk=self.ostersund_published.pk).extended_to)
        services.agree_to_extension(extension, person=self.ostersund_signatory)
        promise = Promise.objects.get(pk=self.ostersund_published.pk)
        self.assertEqual(promise.extended_to, MID_2018)
        extension.refresh_from_db()
        self.assertEqual(extension.state, Extension.State.AGREED)
        self.assertEqual([(c.name, c.organisation_name) for c in extension.consents.all()],
                         [("Maria Sjöberg", "Lokalpolisområde Östersund"), ("Karin Holm", "Östersunds kommun")])
        self.assertEqual(self.last_audit(promise)[:2], (self.ostersund_signatory, "promise.extended"))

    def test_a_signatory_who_proposes_agrees_for_their_party_at_once(self):
        extension = services.propose_extension(self.berg_published, by=self.berg_signatory, until=MID_2018)
        self.assertEqual([c.organisation_name for c in extension.consents.all()], ["Bergs kommun"])
        services.agree_to_extension(extension, person=self.lpo_jh_chief)
        self.assertEqual(Promise.objects.get(pk=self.berg_published.pk).extended_to, MID_2018)

    def test_a_party_agrees_only_once(self):
        extension = services.propose_extension(self.berg_published, by=self.berg_signatory, until=MID_2018)
        with self.assertRaises(PermissionDenied):
            services.agree_to_extension(extension, person=self.berg_signatory)

    def test_one_proposal_at_a_time(self):
        services.propose_extension(self.ostersund_published, by=self.ostersund_coordinator, until=MID_2018)
        with self.assertInvalid("extension_pending", "An extension is already waiting for the parties' agreement."):
            services.propose_extension(self.ostersund_published, by=self.community_police, until=datetime.date(2018, 12, 31))

    def test_the_new_end_must_be_later(self):
        with self.assertWritesNothing(), self.assertInvalid(
                "not_later", "The new end date must be after the current one.", field="until"):
            services.propose_extension(self.ostersund_published, by=self.ostersund_coordinator, until=datetime.date(2017, 6, 1))

    def test_it_refuses_an_extension_past_three_years(self):
        with self.assertWritesNothing(), self.assertInvalid(
                "too_long", "A promise runs for at most three years, extensions included.", field="until"):
            services.propose_extension(self.ostersund_published, by=self.ostersund_coordinator, until=datetime.date(2020, 6, 30))

    def test_it_refuses_a_promise_that_runs_until_replaced(self):
        open_ended = self.draft_promise(self.ostersund, self.ostersund_coordinator, valid_from=datetime.date(2019, 1, 1))
        self.sign_all(open_ended, self.ostersund_coordinator, [self.ostersund_signatory, self.lpo_ostersund_chief])
        services.publish_promise(open_ended, by=self.ostersund_coordinator)
        with self.assertInvalid("open_ended", "The promise already runs until it is replaced."):
            services.propose_extension(open_ended, by=self.ostersund_coordinator, until=datetime.date(2020, 1, 1))

    def test_it_refuses_drafts_and_outsiders(self):
        with self.assertRaises(PermissionDenied):
            services.propose_extension(self.ostersund_draft, by=self.ostersund_coordinator, until=MID_2018)
        with self.assertRaises(PermissionDenied):
            services.propose_extension(self.ostersund_published, by=self.berg_coordinator, until=MID_2018)
