from django.core.exceptions import PermissionDenied
from django.test import override_settings

from medborgarloften.dialogues import services
from medborgarloften.dialogues.models import ThemeClassifier
from medborgarloften.jobs.models import Job

from ..base import DialoguesTestCase


class ConfirmThemesTests(DialoguesTestCase):
    def test_the_coordinator_overrides_the_suggestion(self):
        with self.captureOnCommitCallbacks(execute=True):
            comment = services.submit_comment(self.ostersund, text="Klotter på skolans vägg.")
        comment.refresh_from_db()
        self.assertEqual([s["theme"] for s in comment.suggestions], ["graffiti"])
        services.confirm_themes(comment, by=self.ostersund_coordinator, themes=["vandalism", "youth_gangs"])
        self.assertEqual(sorted(t.theme for t in comment.themes.all()), ["vandalism", "youth_gangs"])
        services.confirm_themes(comment, by=self.ostersund_coordinator, themes=["vandalism"])
        self.assertEqual([t.theme for t in comment.themes.all()], ["vandalism"])
        self.assertEqual(self.last_audit(comment)[2], {"themes": [["vandalism", "youth_gangs"], ["vandalism"]]})

    def test_only_editors_confirm(self):
        with self.assertRaises(PermissionDenied):
            services.confirm_themes(self.approved, by=self.ostersund_viewer, themes=["graffiti"])

    @override_settings(DIALOGUES_RETRAIN_EVERY=5)
    def test_enough_new_confirmations_retrain_the_classifier_in_a_background_job(self):
        comments = [services.submit_comment(self.ostersund, text=t) for t in (
            "Hundägarna släpper hundarna lösa i elljusspåret.", "Drönare surrar över villorna på nätterna.")]
        with self.captureOnCommitCallbacks(execute=True):
            services.confirm_themes(comments[0], by=self.ostersund_coordinator, themes=["other"])
        self.assertFalse(ThemeClassifier.objects.exists())
        with self.captureOnCommitCallbacks(execute=True):
            services.confirm_themes(comments[1], by=self.ostersund_coordinator, themes=["other"])
        classifier = ThemeClassifier.objects.get()
        self.assertEqual(classifier.confirmed_examples, 5)  # three of the cast's comments were confirmed when recorded
        job = Job.objects.get(kind="dialogues.retrain")
        self.assertEqual(job.status, Job.Status.SUCCEEDED)
        self.assertEqual(job.created_by, self.ostersund_coordinator)
