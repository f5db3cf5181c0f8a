"""The moderation queue: approve with a redacted text, reject with a reason; query counts stay flat."""

from django.urls import reverse

from medborgarloften.dialogues import services
from medborgarloften.dialogues.models import Comment

from ..base import DialoguesTestCase

QUEUE = reverse("dialogues:moderation")


class ModerationFlowTests(DialoguesTestCase):
    def test_the_queue_lists_waiting_comments_with_what_may_be_personal_data(self):
        self.client.force_login(self.ostersund_coordinator)
        response = self.client.get(QUEUE)
        self.assertContains(response, "hon vet vem som klottrar")
        self.assertContains(response, "<mark>Stina Holm</mark>", html=True)
        self.assertContains(response, "<mark>070-987 65 43</mark>", html=True)
        self.assertNotContains(response, "Skotrar kör för fort")  # Berg's

    def test_a_moderator_publishes_the_suggested_redaction_after_editing_it(self):
        self.client.force_login(self.ostersund_coordinator)
        page = self.client.get(reverse("dialogues:approve", args=[self.pending.pk]))
        self.assertContains(page, "Ring [namn] [telefonnummer], hon vet vem som klottrar i Badhusparken.")
        response = self.client.post(reverse("dialogues:approve", args=[self.pending.pk]), {
            "published_text": "Någon vet vem som klottrar i Badhusparken.", "themes": ["graffiti"]})
        self.assertRedirects(response, QUEUE)
        self.pending.refresh_from_db()
        self.assertEqual(self.pending.published_text, "Någon vet vem som klottrar i Badhusparken.")
        public = self.client.get(self.public_url("public_comments"))
        self.assertContains(public, "Någon vet vem som klottrar i Badhusparken.")
        self.assertNotContains(public, "Stina")

    def test_a_moderator_rejects_with_a_reason(self):
        self.client.force_login(self.community_police)
        response = self.client.post(reverse("dialogues:reject", args=[self.pending.pk]), {"reason": "Pekar ut en person"})
        self.assertRedirects(response, QUEUE)
        self.pending.refresh_from_db()
        self.assertEqual((self.pending.status, self.pending.rejection_reason), ("rejected", "Pekar ut en person"))
        self.assertNotContains(self.client.get(QUEUE), "hon vet vem som klottrar")

    def test_an_empty_text_to_publish_keeps_the_form(self):
        self.client.force_login(self.ostersund_coordinator)
        response = self.client.post(reverse("dialogues:approve", args=[self.pending.pk]), {"published_text": ""})
        self.assertEqual(response.status_code, 400)
        self.pending.refresh_from_db()
        self.assertEqual(self.pending.status, "pending")

    def test_who_may_moderate(self):
        url = reverse("dialogues:approve", args=[self.pending.pk])
        for person, status in ((self.ostersund_viewer, 403), (self.lpo_ostersund_chief, 403), (self.berg_coordinator, 404),
                               (self.partner, 404), (self.outsider, 404)):
            with self.subTest(person=person.username):
                self.client.force_login(person)
                self.assertEqual(self.client.get(url).status_code, status)
        self.client.logout()
        self.assertEqual(self.client.get(url).status_code, 302)
        self.client.force_login(self.ostersund_viewer)
        self.assertEqual(self.client.get(QUEUE).status_code, 403)


class QueryCountTests(DialoguesTestCase):
    def add_comments(self, n):
        for i in range(n):
            comment = services.submit_comment(self.ostersund, text=f"Synpunkt nummer {i} om Stortorget",
                                              place=self.stortorget if i % 2 else None)
            if i % 3 == 0:
                services.approve_comment(comment, by=self.ostersund_coordinator, published_text=comment.text,
                                         themes=["littering", "graffiti"])
        services.record_comment(self.meeting, by=self.ostersund_coordinator, text="Ännu en", themes=["vandalism"])

    def assert_costs(self, url, n, person=None):
        if person:
            self.client.force_login(person)
        with self.assertNumQueries(n):
            self.assertEqual(self.client.get(url).status_code, 200)

    def test_the_public_comment_list_costs_the_same_with_more_comments(self):
        # municipality + county + organisation; places for the filter; count; page of comments with
        # place, dialogue and municipality; their themes
        url = self.public_url("public_comments")
        self.assert_costs(url, 5)
        self.add_comments(12)
        self.assert_costs(url, 5)

    def test_the_moderation_queue_costs_the_same_with_more_comments(self):
        # session, person, memberships (scope); municipalities; count; page of comments with place,
        # dialogue and municipality
        self.assert_costs(QUEUE, 6, self.ostersund_coordinator)
        self.add_comments(12)
        self.assertGreater(Comment.objects.filter(status="pending").count(), 6)
        self.assert_costs(QUEUE, 6)

    def test_the_places_page_costs_the_same_with_more_comments(self):
        # municipality; counts per place; newest per place; observations; places
        url = self.public_url("public_places")
        self.assert_costs(url, 5)
        self.add_comments(12)
        self.assert_costs(url, 5)
