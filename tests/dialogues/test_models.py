"""One-row rules of the models: in clean() with a message, and in the database for whatever skips clean()."""

import datetime

from django.db import IntegrityError, transaction

from medborgarloften.dialogues.models import Comment, Observation

from .base import DialoguesTestCase


class ModelTests(DialoguesTestCase):
    def test_the_database_refuses_what_clean_refuses(self):
        for update in ({"latitude": 63}, {"latitude": 48, "longitude": 2}, {"contact_name": "Eva"},
                       {"published_text": ""}):
            with self.subTest(update=update), self.assertRaises(IntegrityError), transaction.atomic():
                Comment.objects.filter(pk=self.approved.pk).update(**update)
        for update in ({"status": "fixed"}, {"fixed_on": datetime.date(2016, 11, 1)}):
            with self.subTest(update=update), self.assertRaises(IntegrityError), transaction.atomic():
                Observation.objects.filter(pk=self.observation.pk).update(**update)

    def test_a_point_comes_from_the_row_or_its_place(self):
        self.assertEqual(self.approved.point, (63.17583, 14.63694))
        self.assertIsNone(self.pending.point)  # Badhusparken has no coordinates
        self.pending.latitude, self.pending.longitude = 63.1, 14.6
        self.assertEqual(self.pending.point, (63.1, 14.6))

    def test_public_addresses_exist_only_for_public_rows(self):
        self.assertEqual(self.approved.get_absolute_url(), f"/kommun/2380-ostersund/synpunkter/{self.approved.pk}/")
        self.assertIsNone(self.pending.get_absolute_url())
        self.assertIsNone(self.staff_comment.get_absolute_url())
        self.assertIsNone(self.staff_dialogue.get_absolute_url())
        self.assertEqual(self.meeting.get_absolute_url(), f"/kommun/2380-ostersund/dialoger/{self.meeting.pk}/")
