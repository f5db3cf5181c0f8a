"""Staff dialogues, comments awaiting moderation and staff-only files never reach the public: one test per output."""

import json

from django.contrib.auth.models import AnonymousUser
from django.test import override_settings

from medborgarloften.dialogues import selectors
from medborgarloften.dialogues.models import Attachment, Comment, Dialogue, Observation

from .base import SECRET, SECRET_COMMENT, DialoguesTestCase

PENDING_WORDS = "hon vet vem som klottrar"
UNPUBLISHED_WORDS = "Klotter på busskuren"


class PublicOutputTests(DialoguesTestCase):
    def assertShowsOnlyPublic(self, content):
        if isinstance(content, bytes):
            content = content.decode("utf-8-sig")
        self.assertIn("mörkt och otäckt på Stortorget", content)
        for secret in (SECRET, SECRET_COMMENT, "Hemliga anteckningar", PENDING_WORDS, UNPUBLISHED_WORDS):
            self.assertNotIn(secret, content)

    def test_public_comment_list(self):
        response = self.client.get(self.public_url("public_comments"))
        self.assertEqual(response.status_code, 200)
        self.assertShowsOnlyPublic(response.content)

    def test_public_comment_page(self):
        self.assertEqual(self.client.get(self.public_url("public_comment", pk=self.approved.pk)).status_code, 200)
        for hidden in (self.staff_comment, self.pending, self.unpublished):
            with self.subTest(comment=hidden.text[:20]):
                self.assertEqual(self.client.get(self.public_url("public_comment", pk=hidden.pk)).status_code, 404)

    def test_public_places_page(self):
        response = self.client.get(self.public_url("public_places"))
        self.assertShowsOnlyPublic(response.content)
        # Badhusparken's only comments are hidden ones; its observation is public.
        self.assertContains(response, "Trasig gatlampa")

    def test_public_dialogue_list(self):
        response = self.client.get(self.public_url("public_dialogues"))
        self.assertContains(response, "Öppet möte om tryggheten i centrum")
        self.assertNotContains(response, SECRET)

    def test_public_dialogue_page(self):
        response = self.client.get(self.public_url("public_dialogue", pk=self.meeting.pk))
        self.assertShowsOnlyPublic(response.content)
        self.assertContains(response, "Minnesanteckningar")
        self.assertEqual(self.client.get(self.public_url("public_dialogue", pk=self.staff_dialogue.pk)).status_code, 404)

    def test_municipality_page_panel(self):
        response = self.client.get(self.ostersund.get_absolute_url())
        self.assertContains(response, "Lämna en synpunkt")
        self.assertShowsOnlyPublic(response.content)

    def test_feed(self):
        response = self.client.get(self.public_url("feed"))
        self.assertEqual(response["Content-Type"], "application/atom+xml; charset=utf-8")
        self.assertShowsOnlyPublic(response.content)

    def test_public_comments_csv(self):
        response = self.client.get(self.public_url("public_comments_csv"))
        self.assertTrue(response.content.startswith("\ufeff".encode()))
        self.assertShowsOnlyPublic(response.content)

    def test_public_observations_csv(self):
        services_walk_secret = Observation.objects.filter(dialogue__kind=Dialogue.Kind.STAFF)
        self.assertFalse(services_walk_secret.exists())
        content = self.client.get(self.public_url("public_observations_csv")).content.decode("utf-8-sig")
        self.assertIn("Trasig gatlampa", content)
        self.assertNotIn(SECRET, content)

    def test_json_api(self):
        data = json.loads(self.client.get(self.public_url("public_json")).content)
        self.assertEqual([c["id"] for c in data["comments"]], [self.approved.pk])
        self.assertNotIn(self.staff_dialogue.pk, [d["id"] for d in data["dialogues"]])
        self.assertShowsOnlyPublic(json.dumps(data, ensure_ascii=False))

    def test_attachment_url(self):
        self.assertEqual(self.client.get(self.public_attachment.get_absolute_url()).status_code, 200)
        self.assertEqual(self.client.get(self.secret_attachment.get_absolute_url()).status_code, 404)
        self.client.force_login(self.partner)
        self.assertEqual(self.client.get(self.secret_attachment.get_absolute_url()).status_code, 404)
        self.client.force_login(self.ostersund_viewer)
        self.assertEqual(b"".join(self.client.get(self.secret_attachment.get_absolute_url()).streaming_content), b"Bara for personalen.\n")

    def test_staff_exports_are_not_public(self):
        for name in ("dialogues:staff_comments_csv", "dialogues:staff_observations_csv"):
            from django.urls import reverse

            response = self.client.get(reverse(name))
            self.assertEqual(response.status_code, 302, name)
            self.client.force_login(self.outsider)
            self.assertEqual(self.client.get(reverse(name)).status_code, 403)
            self.client.logout()

    @override_settings(MAP_TILE_URL="https://tile.example.org/{z}/{x}/{y}.png")
    def test_map_data(self):
        content = self.client.get(self.public_url("public_places")).content.decode()
        self.assertIn("data-map-points", content)
        self.assertShowsOnlyPublic(content)


class PublicSelectorAgreesWithRulesTests(DialoguesTestCase):
    """The query sets' ``public()`` and the rows' ``is_public`` (which the rules ask) say the same."""

    def test_comments(self):
        public = set(Comment.objects.public().values_list("pk", flat=True))
        self.assertEqual(public, {c.pk for c in Comment.objects.all() if c.is_public})
        self.assertEqual(public, {self.approved.pk, self.berg_comment.pk})
        resident = AnonymousUser()
        self.assertEqual(public, {c.pk for c in Comment.objects.all() if resident.has_perm("dialogues.view_comment", c)})

    def test_dialogues_and_attachments(self):
        self.assertNotIn(self.staff_dialogue, Dialogue.objects.public())
        self.assertEqual(list(Attachment.objects.public()), [self.public_attachment])
        self.assertEqual([a for a in Attachment.objects.all() if a.is_public], [self.public_attachment])

    def test_theme_counts_leave_staff_dialogues_out_unless_asked(self):
        public = selectors.theme_counts(self.ostersund)
        self.assertEqual(public["comments"], 1)
        self.assertNotIn("drug_dealing", [row["theme"] for row in public["themes"]])
        staff = selectors.theme_counts(self.ostersund, include_staff=True)
        self.assertEqual(staff["comments"], 4)
        self.assertIn("drug_dealing", [row["theme"] for row in staff["themes"]])
