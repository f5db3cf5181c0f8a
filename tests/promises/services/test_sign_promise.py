import datetime

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.utils import timezone

from medborgarloften.accounts.models import Membership
from medborgarloften.promises import selectors, services
from medborgarloften.promises.models import Commitment, Promise, PromiseVersion, Signature
from tests.cast import CastTestCase, person


class SignPromiseTest(CastTestCase):
    def test_it_signs_for_the_signatorys_party(self):
        version = self.latest_version(self.ostersund_awaiting)
        signature = services.sign_promise(version, person=self.ostersund_signatory)

        self.assertEqual(
            (signature.version, signature.party.organisation, signature.person, signature.name, signature.title,
             signature.organisation_name, signature.content_hash),
            (version, self.ostersund_municipality, self.ostersund_signatory, "Karin Holm", "Kommunstyrelsens ordförande",
             "Östersunds kommun", version.content_hash),
        )
        self.assertLess(timezone.now() - signature.signed_at, datetime.timedelta(minutes=1))
        # One of two parties: still awaiting.
        self.assertEqual(self.fresh(self.ostersund_awaiting).state, Promise.State.AWAITING_SIGNATURES)
        self.assertEqual(self.last_audit(self.ostersund_awaiting), (
            self.ostersund_signatory, "promise.signed",
            {"version": 1, "sha256": version.content_hash, "party": "Östersunds kommun"},
        ))

    def test_the_last_partys_signature_makes_the_promise_signed(self):
        version = self.latest_version(self.ostersund_partly_signed)
        services.sign_promise(version, person=self.ostersund_signatory)

        self.assertEqual(self.fresh(self.ostersund_partly_signed).state, Promise.State.SIGNED)
        self.assertEqual(self.last_audit(self.ostersund_partly_signed), (
            self.ostersund_signatory, "promise.signed",
            {"version": 1, "sha256": version.content_hash, "party": "Östersunds kommun",
             "state": ["awaiting_signatures", "signed"]},
        ))

    def test_it_rejects_signature_on_stale_version(self):
        stale = self.latest_version(self.ostersund_awaiting)
        services.update_promise(self.ostersund_awaiting, by=self.ostersund_coordinator, situation="Ny problembild.")

        with self.assertWritesNothing(), self.assertInvalid(
                "stale_version", "This version has been replaced by a newer one; sign the latest version."):
            services.sign_promise(stale, person=self.ostersund_signatory)

    def test_it_rejects_a_signature_when_the_text_changed_behind_the_version(self):
        # A change that bypassed the services: the live text no longer is the version's text.
        Commitment.objects.filter(promise=self.ostersund_awaiting).update(pledge="Polisen lovar ingenting.")
        version = self.latest_version(self.ostersund_awaiting)

        with self.assertWritesNothing(), self.assertInvalid(
                "hash_mismatch", "The text no longer matches the version sent for signing."):
            services.sign_promise(version, person=self.ostersund_signatory)

    def test_it_rejects_a_signature_when_the_stored_version_no_longer_matches_its_hash(self):
        version = self.latest_version(self.berg_awaiting)
        content = {**version.content, "title": "Något annat"}
        PromiseVersion.objects.filter(pk=version.pk).update(content=content)

        with self.assertWritesNothing(), self.assertInvalid(
                "hash_mismatch", "The text no longer matches the version sent for signing."):
            services.sign_promise(self.latest_version(self.berg_awaiting), person=self.berg_signatory)

    def test_the_promise_counts_as_signed_only_when_each_party_signed_the_same_version(self):
        # The police signed version 1; an edit makes version 2, which the municipality signs.
        services.update_promise(self.ostersund_partly_signed, by=self.ostersund_coordinator, follow_up="Två gånger per år.")
        second = self.latest_version(self.ostersund_partly_signed)
        services.sign_promise(second, person=self.ostersund_signatory)

        promise = self.fresh(self.ostersund_partly_signed)
        self.assertEqual(promise.state, Promise.State.AWAITING_SIGNATURES)
        self.assertEqual([p.organisation for p in selectors.unsigned_parties(promise, selectors.latest_version(promise))],
                         [self.ostersund_police])

        services.sign_promise(second, person=self.lpo_ostersund_chief)
        self.assertEqual(self.fresh(self.ostersund_partly_signed).state, Promise.State.SIGNED)

    def test_editing_after_a_signature_makes_a_new_version_and_clears_the_signatures(self):
        first = self.latest_version(self.ostersund_partly_signed)
        services.update_promise(self.ostersund_partly_signed, by=self.community_police, situation="Ny problembild.")

        promise = self.fresh(self.ostersund_partly_signed)
        second = selectors.latest_version(promise)
        self.assertEqual(second.number, first.number + 1)
        self.assertNotEqual(second.content_hash, first.content_hash)
        self.assertEqual(list(second.signatures.all()), [])
        self.assertEqual(Signature.objects.filter(version=first).count(), 1)  # history is kept
        self.assertEqual(selectors.unsigned_parties(promise, second), list(promise.parties.all()))
        # So the LPO chief, who had signed version 1, signs again.
        self.assertTrue(self.lpo_ostersund_chief.has_perm("promises.sign_promiseversion", second))

    def test_a_police_signatory_cannot_sign_for_the_municipality(self):
        version = self.latest_version(self.ostersund_awaiting)
        municipality_party = version.promise.parties.get(organisation=self.ostersund_municipality)

        with self.assertWritesNothing(), self.assertRaises(PermissionDenied):
            services.sign_promise(version, person=self.lpo_ostersund_chief, party=municipality_party)

    def test_after_the_police_signed_the_lpo_chief_can_no_longer_sign(self):
        version = self.latest_version(self.ostersund_partly_signed)
        with self.assertWritesNothing(), self.assertRaises(PermissionDenied):
            services.sign_promise(version, person=self.lpo_ostersund_chief)

    def test_one_signature_per_party_per_version(self):
        version = self.latest_version(self.ostersund_partly_signed)
        police_signature = version.signatures.get()
        police_signature.pk = None
        with transaction.atomic(), self.assertRaises(IntegrityError):
            police_signature.save()

    def test_it_refuses_people_who_do_not_sign_for_a_party(self):
        version = self.latest_version(self.ostersund_awaiting)
        for name in ("ostersund_coordinator", "community_police", "berg_signatory", "lpo_jh_chief", "ostersund_viewer",
                     "ostersund_admin", "partner", "outsider", "resident"):
            with self.subTest(name), self.assertWritesNothing(), self.assertRaises(PermissionDenied):
                services.sign_promise(version, person=getattr(self, name))

    def test_it_refuses_a_version_of_a_withdrawn_promise(self):
        version = self.latest_version(self.ostersund_withdrawn)
        with self.assertWritesNothing(), self.assertRaises(PermissionDenied):
            services.sign_promise(version, person=self.ostersund_signatory)

    def test_it_refuses_a_signed_promise(self):
        version = self.latest_version(self.ostersund_signed)
        with self.assertWritesNothing(), self.assertRaises(PermissionDenied):
            services.sign_promise(version, person=self.ostersund_signatory)

    def test_a_signatory_of_both_parties_chooses_which_to_sign_for(self):
        both = person("dubbel", "Alva", "Björk",
                      (self.ostersund_municipality, Membership.Role.SIGNATORY, "Kommunstyrelsens ordförande"),
                      (self.ostersund_police, Membership.Role.SIGNATORY, "Lokalpolisområdeschef"))
        version = self.latest_version(self.ostersund_awaiting)

        with self.assertWritesNothing(), self.assertInvalid("party_required", "Choose which party you sign for."):
            services.sign_promise(version, person=both)

        police_party = version.promise.parties.get(organisation=self.ostersund_police)
        signature = services.sign_promise(version, person=both, party=police_party)
        self.assertEqual((signature.organisation_name, signature.title), ("Lokalpolisområde Östersund", "Lokalpolisområdeschef"))

    def test_a_signatory_without_a_title_is_told_to_get_one(self):
        untitled = person("kso.utan.titel", "Bo", "Sten", (self.berg_municipality, Membership.Role.SIGNATORY, ""))
        version = self.latest_version(self.berg_awaiting)

        with self.assertWritesNothing(), self.assertInvalid(
                "title_required",
                "Your role has no title to print beside your signature; ask your organisation's administrator to add one."):
            services.sign_promise(version, person=untitled)

    def test_a_signatory_whose_role_ended_cannot_sign(self):
        Membership.objects.filter(person=self.ostersund_signatory).update(
            valid_to=timezone.localdate() - datetime.timedelta(days=1))
        version = self.latest_version(self.ostersund_awaiting)
        with self.assertWritesNothing(), self.assertRaises(PermissionDenied):
            services.sign_promise(version, person=self.ostersund_signatory)


class OnePersonOneSignatureTest(CastTestCase):
    """Finding 2 of issue 11: a person with signatory roles at both parties signed for both."""

    def test_a_person_who_signed_for_one_party_cannot_sign_the_same_version_for_another(self):
        # The police chief also (wrongly or not) holds a signatory role at the municipality.
        Membership.objects.create(person=self.lpo_ostersund_chief, organisation=self.ostersund_municipality,
                                  role=Membership.Role.SIGNATORY, title="Ledamot")
        self.lpo_ostersund_chief.__dict__.pop("_current_memberships", None)
        version = self.latest_version(self.ostersund_partly_signed)  # the chief signed for the police already
        self.assertEqual(selectors.signable_parties(self.lpo_ostersund_chief, version), [])
        with self.assertInvalid("already_signed", "You have already signed this version for another party."):
            services.sign_promise(version, person=self.lpo_ostersund_chief)
        self.assertEqual(Signature.objects.filter(version=version).count(), 1)
        self.assertEqual(self.fresh(self.ostersund_partly_signed).state, Promise.State.AWAITING_SIGNATURES)
