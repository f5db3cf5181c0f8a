"""The classifier that learns from staff: stored in the database, read back, retrained by a job."""

import json

from django.core.exceptions import PermissionDenied
from django.test import SimpleTestCase

from medborgarloften.dialogues import services
from medborgarloften.dialogues.analysis.classifier import ThemeSuggester
from medborgarloften.dialogues.models import ThemeClassifier
from medborgarloften.dialogues.services.analysis import current_suggester, seed_examples

from ..base import DialoguesTestCase

NEW_WORD = "Parkourhoppare studsar på taken vid torget."


class StorageTests(SimpleTestCase):
    def test_a_stored_classifier_suggests_exactly_as_the_trained_one(self):
        texts, labels = zip(*seed_examples()[:120])
        trained = ThemeSuggester().fit(list(texts), list(labels))
        stored = ThemeSuggester.from_parameters(json.loads(json.dumps(trained.to_parameters())))
        sample = ["Mörkt och klotter i tunneln", "Cykeln stulen vid stationen", NEW_WORD]
        self.assertEqual(trained.predict(sample), stored.predict(sample))

    def test_a_stored_classifier_of_another_format_is_refused(self):
        with self.assertRaises(ValueError):
            ThemeSuggester.from_parameters({"format": 99, "themes": []})


class LearningTests(DialoguesTestCase):
    def test_retraining_learns_from_the_themes_staff_confirmed(self):
        self.assertNotIn("harassment", [s.theme for s in current_suggester().suggest(NEW_WORD)])
        for i in range(6):
            comment = services.submit_comment(self.ostersund, text=f"{NEW_WORD} Gång {i}.")
            services.confirm_themes(comment, by=self.ostersund_coordinator, themes=["harassment"])
        with self.captureOnCommitCallbacks(execute=True):
            job = services.start_retraining(by=self.ostersund_coordinator)
        job.refresh_from_db()
        self.assertEqual(job.status, "succeeded", job.result)
        row = ThemeClassifier.objects.get()
        self.assertEqual((row.confirmed_examples, row.seed_examples), (9, 359))
        self.assertIn("harassment", [s.theme for s in current_suggester().suggest(NEW_WORD)])
        # Unconfirmed comments got new suggestions from the new classifier.
        self.pending.refresh_from_db()
        self.assertTrue(self.pending.suggestions)

    def test_only_editors_start_retraining(self):
        with self.assertRaises(PermissionDenied):
            services.start_retraining(by=self.ostersund_viewer)
