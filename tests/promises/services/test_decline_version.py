"""A signatory declines a version with a comment for the drafters (issue 11); the promise returns to draft."""

from django.core.exceptions import PermissionDenied

from medborgarloften.promises import services
from medborgarloften.promises.models import Decline, Promise
from tests.cast import CAST, CastTestCase


class DeclineVersionTests(CastTestCase):
    def test_a_signatory_declines_with_a_comment_and_the_promise_returns_to_draft(self):
        version = self.latest_version(self.ostersund_awaiting)
        decline = services.decline_version(version, person=self.ostersund_signatory, comment="Åtagande 1 saknar mål.")
        self.assertEqual((decline.party.organisation, decline.name, decline.comment),
                         (self.ostersund_municipality, "Karin Holm", "Åtagande 1 saknar mål."))
        self.assertEqual(self.fresh(self.ostersund_awaiting).state, Promise.State.DRAFT)
        actor, action, changes = self.last_audit(self.ostersund_awaiting)
        self.assertEqual((actor, action, changes["comment"], changes["state"]),
                         (self.ostersund_signatory, "promise.declined", "Åtagande 1 saknar mål.", ["awaiting_signatures", "draft"]))
        # The drafters send a new version.
        new = services.send_promise_for_signing(self.ostersund_awaiting, by=self.ostersund_coordinator)
        self.assertEqual(new.number, version.number + 1)

    def test_the_comment_is_required(self):
        version = self.latest_version(self.ostersund_awaiting)
        with self.assertWritesNothing(), self.assertInvalid("required", "Say why you decline, so that the drafters know what to change.",
                                                            field="comment"):
            services.decline_version(version, person=self.ostersund_signatory, comment="  ")

    def test_only_someone_who_may_sign_may_decline(self):
        version = self.latest_version(self.ostersund_awaiting)
        for name in CAST:
            if name in ("ostersund_signatory", "lpo_ostersund_chief", "resident"):
                continue
            with self.subTest(name=name), self.assertRaises(PermissionDenied):
                services.decline_version(version, person=getattr(self, name), comment="Nej.")
        self.assertFalse(Decline.objects.exists())

    def test_the_drafters_see_the_comment_on_the_workspace_page(self):
        version = self.latest_version(self.ostersund_awaiting)
        self.client.force_login(self.lpo_ostersund_chief)
        url = f"/arbetsyta/medborgarlofte/{self.ostersund_awaiting.pk}/version/{version.number}/avboj/"
        self.assertContains(self.client.get(self.ostersund_awaiting.get_workspace_url()), url)
        self.assertContains(self.client.post(url, {"comment": ""}), "Detta fält måste fyllas i", status_code=200)
        self.assertEqual(self.client.post(url, {"comment": "Polisen kan inte lova 50 kontroller."}).status_code, 302)
        self.client.force_login(self.ostersund_coordinator)
        response = self.client.get(self.ostersund_awaiting.get_workspace_url())
        self.assertContains(response, "Polisen kan inte lova 50 kontroller.")
        self.assertEqual(self.client.post(url, {"comment": "x"}).status_code, 403)
