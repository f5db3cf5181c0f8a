import datetime

from django.core.exceptions import PermissionDenied

from medborgarloften.dialogues import services

from ..base import DialoguesTestCase


class RecordCommentTests(DialoguesTestCase):
    def test_it_publishes_at_once_with_confirmed_themes_on_the_dialogues_day(self):
        comment = services.record_comment(self.meeting, by=self.community_police, text="Fortkörning på Storgatan.",
                                          themes=["disruptive_traffic"])
        self.assertEqual((comment.status, comment.published_text), ("approved", "Fortkörning på Storgatan."))
        self.assertEqual(comment.made_on, datetime.date(2016, 9, 14))
        self.assertEqual([t.theme for t in comment.themes.all()], ["disruptive_traffic"])
        self.assertEqual(comment.themes_confirmed_by, self.community_police)
        self.assertEqual(self.last_audit(comment)[1], "comment.recorded")

    def test_unpublished_it_waits_in_the_moderation_queue(self):
        comment = services.record_comment(self.meeting, by=self.ostersund_coordinator, text="Hej", publish=False)
        self.assertEqual(comment.status, "pending")
        self.assertIsNone(comment.themes_confirmed_at)

    def test_only_editors_of_the_municipality_record(self):
        for person in (self.berg_coordinator, self.ostersund_viewer, self.ostersund_signatory, self.partner):
            with self.subTest(person=person.username), self.assertRaises(PermissionDenied):
                services.record_comment(self.meeting, by=person, text="Hej")

    def test_it_refuses_an_unknown_theme(self):
        with self.assertInvalid("unknown_theme", "Unknown theme: ghosts.", field="themes"):
            services.record_comment(self.meeting, by=self.ostersund_coordinator, text="Spöken", themes=["ghosts"])
