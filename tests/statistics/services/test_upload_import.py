"""The workspace flow: upload and check in the background, then import or discard; every step audited."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from medborgarloften.audit.models import AuditEntry
from medborgarloften.jobs.models import Job
from medborgarloften.statistics import services
from medborgarloften.statistics.models import Event, ImportRun, Source
from tests.statistics.base import NOTHING, StatisticsTestCase, data


class UploadImportTest(StatisticsTestCase):
    def test_the_check_runs_as_a_job_and_stores_nothing(self):
        run = self.upload(Source.POLICE_EVENTS, "police_events_sample.json", by=self.community_police)
        self.assertEqual(run.state, ImportRun.State.CHECKED)
        self.assertEqual(self.stored(), NOTHING)
        job = Job.objects.get(pk=run.job_id)
        self.assertEqual((job.status, job.kind, job.created_by), (Job.Status.SUCCEEDED, "statistics.check", self.community_police))
        self.assertIn("Rows read: 30", job.result["summary"])
        self.assertTrue(job.return_url.endswith(f"/arbetsyta/statistik/import/{run.pk}/"))
        # LPO Östersund: Östersund, Bräcke and Ragunda only.
        self.assertEqual(set(run.municipality_codes), {"2380", "2305", "2303"})
        self.assertEqual(run.rows_new + run.rows_ignored, 30)

    def test_importing_a_checked_file_stores_it_and_is_audited(self):
        run = self.upload(Source.SCB, "scb_population_sample.json", by=self.national_admin)
        run = self.commit(run, by=self.national_admin)
        self.assertEqual((run.state, run.committed_by), (ImportRun.State.IMPORTED, self.national_admin))
        self.assertIsNotNone(run.committed_at)
        self.assertEqual(self.stored()["Population"], 3264)
        actions = list(AuditEntry.objects.filter(target_id=str(run.pk)).values_list("action", flat=True))
        self.assertEqual(sorted(actions), ["statistics.import", "statistics.upload_import"])
        self.assertEqual(Job.objects.get(pk=run.job_id).kind, "statistics.import")

    def test_a_file_with_errors_cannot_be_imported(self):
        run = self.upload(Source.POLICE_EVENTS, "bad_police_events_truncated.json", by=self.national_admin)
        self.assertEqual(run.state, ImportRun.State.REJECTED)
        with self.assertRaises(ValidationError) as caught:
            services.commit_import(run, by=self.national_admin)
        self.assertEqual(caught.exception.code, "not_checked")

    def test_an_import_finding_an_error_after_the_check_stores_nothing(self):
        run = self.upload(Source.POLICE_EVENTS, "police_events_sample.json", by=self.national_admin)
        run.file.open("wb")
        with open(data("bad_police_events_truncated.json"), "rb") as bad:
            run.file.write(bad.read())
        run.file.close()
        run = self.commit(run, by=self.national_admin)
        self.assertEqual(run.state, ImportRun.State.REJECTED)
        self.assertEqual(Event.objects.count(), 0)

    def test_a_file_is_imported_once(self):
        run = self.upload(Source.POLICE_EVENTS, "police_events_sample.json", by=self.national_admin)
        self.commit(run, by=self.national_admin)
        with self.assertRaises(ValidationError):
            services.commit_import(run, by=self.national_admin)

    def test_discarding_deletes_the_file_and_keeps_the_history(self):
        run = self.upload(Source.POLICE_EVENTS, "police_events_sample.json", by=self.community_police)
        name = run.file.name
        services.discard_import(run, by=self.community_police)
        run.refresh_from_db()
        self.assertEqual((run.state, run.file.name), (ImportRun.State.DISCARDED, ""))
        self.assertFalse(run.file.storage.exists(name))
        with self.assertRaises(ValidationError):
            services.discard_import(run, by=self.community_police)

    def test_only_the_uploader_or_a_national_administrator_imports_or_discards(self):
        run = self.upload(Source.POLICE_EVENTS, "police_events_sample.json", by=self.community_police)
        for someone in (self.ostersund_coordinator, self.berg_coordinator, self.outsider):
            with self.assertRaises(PermissionDenied):
                services.commit_import(run, by=someone)
            with self.assertRaises(PermissionDenied):
                services.discard_import(run, by=someone)

    def test_population_is_imported_by_national_administrators_only(self):
        for someone in (self.ostersund_coordinator, self.community_police, self.ostersund_admin, self.ostersund_viewer):
            with self.assertRaises(PermissionDenied):
                services.upload_import(by=someone, source=Source.SCB,
                                       uploaded_file=SimpleUploadedFile("b.json", b"{}"))
        self.assertEqual(ImportRun.objects.count(), 0)

    def test_viewers_signatories_and_partners_import_nothing(self):
        for someone in (self.ostersund_viewer, self.ostersund_signatory, self.lpo_ostersund_chief, self.partner,
                        self.outsider, self.former_coordinator):
            with self.assertRaises(PermissionDenied):
                services.upload_import(by=someone, source=Source.BRA, uploaded_file=SimpleUploadedFile("b.csv", b"x"))
