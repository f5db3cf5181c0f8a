import datetime

from django.core.exceptions import PermissionDenied
from django.utils import timezone

from medborgarloften.promises import services
from medborgarloften.promises.models import Commitment, Promise, PromiseVersion
from tests.cast import CastTestCase, person


class PublishPromiseTest(CastTestCase):
    def publish_new(self, municipality, coordinator, signatories, **period):
        promise = self.draft_promise(municipality, coordinator, **period)
        self.sign_all(promise, coordinator, signatories)
        return services.publish_promise(promise, by=coordinator)

    def test_it_publishes_a_signed_promise(self):
        services.publish_promise(self.ostersund_signed, by=self.lpo_ostersund_chief)

        promise = self.fresh(self.ostersund_signed)
        self.assertEqual(promise.state, Promise.State.PUBLISHED)
        self.assertLess(timezone.now() - promise.published_at, datetime.timedelta(minutes=1))
        self.assertTrue(self.resident.has_perm("promises.view_promise", promise))
        self.assertEqual(self.last_audit(promise), (
            self.lpo_ostersund_chief, "promise.published", {"version": 1, "state": ["signed", "published"]}))

    def test_it_supersedes_an_earlier_promise_that_ran_until_replaced(self):
        ostersund_signatories = [self.ostersund_signatory, self.lpo_ostersund_chief]
        old = self.publish_new(self.ostersund, self.ostersund_coordinator, ostersund_signatories,
                               valid_from=datetime.date(2018, 1, 1))
        # Berg's until-replaced promise is another municipality's and stays.
        berg_old = self.publish_new(self.berg, self.berg_coordinator, [self.berg_signatory, self.lpo_jh_chief],
                                    valid_from=datetime.date(2018, 1, 1))

        new = self.publish_new(self.ostersund, self.ostersund_coordinator, ostersund_signatories,
                               valid_from=datetime.date(2019, 1, 1), valid_to=datetime.date(2020, 12, 31))

        self.assertEqual(Promise.objects.get(pk=old.pk).state, Promise.State.SUPERSEDED)
        self.assertEqual(self.last_audit(old), (self.ostersund_coordinator, "promise.superseded", {"by": new.title}))
        self.assertEqual(Promise.objects.get(pk=berg_old.pk).state, Promise.State.PUBLISHED)
        # The 2017 promise had an end date: it simply ended, nothing supersedes it.
        self.assertEqual(Promise.objects.get(pk=self.ostersund_published.pk).state, Promise.State.PUBLISHED)

    def test_it_does_not_supersede_a_later_promise(self):
        later = self.publish_new(self.berg, self.berg_coordinator, [self.berg_signatory, self.lpo_jh_chief],
                                 valid_from=datetime.date(2020, 1, 1))
        services.publish_promise(self.berg_signed, by=self.berg_coordinator)  # 2018

        self.assertEqual(Promise.objects.get(pk=later.pk).state, Promise.State.PUBLISHED)

    def test_it_refuses_a_promise_not_every_party_signed(self):
        for promise in (self.ostersund_partly_signed, self.ostersund_awaiting, self.ostersund_draft):
            with self.subTest(promise.state), self.assertWritesNothing(), self.assertRaises(PermissionDenied):
                services.publish_promise(promise, by=self.ostersund_coordinator)

    def test_it_refuses_a_signed_version_whose_text_no_longer_matches_its_hash(self):
        version = self.latest_version(self.berg_signed)
        PromiseVersion.objects.filter(pk=version.pk).update(content={**version.content, "follow_up": "Aldrig."})

        with self.assertWritesNothing(), self.assertInvalid(
                "not_signed", "Every party must sign the same version before publishing."):
            services.publish_promise(self.berg_signed, by=self.berg_coordinator)

    def test_it_refuses_a_signed_promise_whose_text_changed_behind_the_version(self):
        # A change that bypassed the services: the public would read a text nobody signed.
        Commitment.objects.filter(promise=self.ostersund_signed).update(pledge="Polisen lovar ingenting.")

        with self.assertWritesNothing(), self.assertInvalid(
                "hash_mismatch", "The text no longer matches the version sent for signing."):
            services.publish_promise(self.ostersund_signed, by=self.ostersund_coordinator)

    def test_it_refuses_people_outside_the_parties(self):
        for name in ("berg_coordinator", "berg_signatory", "ostersund_viewer", "ostersund_admin", "partner", "outsider", "resident"):
            with self.subTest(name), self.assertWritesNothing(), self.assertRaises(PermissionDenied):
                services.publish_promise(self.ostersund_signed, by=getattr(self, name))

    def test_it_refuses_a_promise_already_published(self):
        with self.assertWritesNothing(), self.assertRaises(PermissionDenied):
            services.publish_promise(self.ostersund_published, by=self.ostersund_coordinator)


class JointPromiseSupersedingTest(CastTestCase):
    def test_a_joint_promise_still_applies_where_the_new_one_does_not_reach(self):
        from medborgarloften.areas.models import Organisation

        joint = services.create_promise(by=self.community_police, municipalities=[self.ostersund, self.bracke],
                                        valid_from=datetime.date(2018, 1, 1))
        commitment = services.add_commitment(joint, by=self.community_police, focus_area="Trafik", pledge="Vi lovar.")
        services.add_activity(commitment, by=self.community_police, description="Kontroller")
        joint_version = services.send_promise_for_signing(joint, by=self.community_police)
        bracke_signatory = person("kso.bracke", "Bo", "Bräcke", (Organisation.objects.get(name="Bräcke kommun"), "signatory", "KSO"))
        for signatory in (self.ostersund_signatory, self.lpo_ostersund_chief, bracke_signatory):
            services.sign_promise(joint_version, person=signatory)
        services.publish_promise(joint, by=self.community_police)

        new = self.draft_promise(self.ostersund, self.ostersund_coordinator, valid_from=datetime.date(2019, 1, 1))
        self.sign_all(new, self.ostersund_coordinator, [self.ostersund_signatory, self.lpo_ostersund_chief])
        services.publish_promise(new, by=self.ostersund_coordinator)

        joint.refresh_from_db()
        self.assertEqual(joint.state, joint.State.PUBLISHED)
