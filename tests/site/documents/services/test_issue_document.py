"""issue_document: one stored, signed file per kind and source; rendered once; again when lost or after a failure."""

import datetime
import hashlib
from unittest import mock

from django.core.files.storage import default_storage
from django.test import override_settings
from django.utils import timezone

from medborgarloften.audit.models import AuditEntry
from medborgarloften.followup import services as followup_services
from medborgarloften.followup.selectors import yearly_followup
from medborgarloften.jobs.models import Job
from medborgarloften.site.documents import services, sources
from medborgarloften.site.documents.models import Document

from ..helpers import BASE_URL, DocumentsTestCase


class IssueDocumentTests(DocumentsTestCase):
    def test_it_stores_the_signed_file_with_its_hashes(self):
        document = self.promise_document
        self.assertEqual(document.state, Document.State.READY)
        self.assertTrue(default_storage.exists(document.file.name))
        self.assertEqual(document.file_sha256, hashlib.sha256(self.pdf).hexdigest())
        self.assertEqual(document.size, len(self.pdf))
        self.assertEqual(document.source_hash, sources.source_hash(document.source))
        self.assertEqual(document.file.name, f"documents/promise/{document.source_hash}.pdf")
        self.assertTrue(document.certificate_sha256)
        self.assertEqual(Job.objects.get(pk=document.job_id).status, Job.Status.SUCCEEDED)

    def test_it_records_each_sealed_file_in_the_audit_log(self):
        entry = AuditEntry.objects.get(action="documents.sign", target_id=str(self.promise_document.pk))
        self.assertEqual(entry.changes["file_sha256"], self.promise_document.file_sha256)
        self.assertIsNone(entry.actor)

    def test_the_same_source_is_rendered_once(self):
        with mock.patch.object(services, "_start") as start:
            again = self.issue_promise(self.ostersund_published)
        start.assert_not_called()
        self.assertEqual(again.pk, self.promise_document.pk)
        self.assertEqual(Document.objects.filter(kind=Document.Kind.PROMISE).count(), 1)

    def test_a_lost_file_is_rendered_again(self):
        default_storage.delete(self.promise_document.file.name)
        again = self.issue_promise(self.ostersund_published)
        self.assertEqual(again.pk, self.promise_document.pk)
        self.assertTrue(again.is_ready)
        self.assertTrue(default_storage.exists(again.file.name))

    def test_a_failure_is_recorded_and_tried_again_only_after_a_while(self):
        promise = self.berg_published
        with mock.patch.object(services.signing, "sign_pdf", side_effect=RuntimeError("no key")):
            failed = self.issue_promise(promise)
        self.assertEqual(failed.state, Document.State.FAILED)
        self.assertEqual(Job.objects.get(pk=failed.job_id).status, Job.Status.FAILED)
        with mock.patch.object(services, "_start") as start:
            self.issue_promise(promise)
        start.assert_not_called()
        Document.objects.filter(pk=failed.pk).update(failed_at=timezone.now() - services.RETRY_AFTER - datetime.timedelta(seconds=1))
        retried = self.issue_promise(promise)
        self.assertTrue(retried.is_ready)
        self.assertEqual(retried.pk, failed.pk)

    @override_settings(TASKS={"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": []}})
    def test_with_a_queue_the_document_waits_for_the_worker(self):
        pending = self.issue_promise(self.berg_published)
        self.assertEqual(pending.state, Document.State.PENDING)
        self.assertFalse(pending.file)

    def test_a_new_follow_up_report_makes_a_new_document(self):
        def issue():
            source = sources.followup_source(self.ostersund, 2017, yearly_followup([self.ostersund], 2017),
                                             base_url=BASE_URL, url="/kommun/2380-ostersund/uppfoljning/2017/")
            with self.captureOnCommitCallbacks(execute=True):
                document = services.issue_document(source, kind=Document.Kind.MUNICIPALITY_FOLLOWUP,
                                                   municipality=self.ostersund, year=2017)
            return Document.objects.get(pk=document.pk)

        before = issue()
        self.assertTrue(before.is_ready)
        self.assertEqual(before.content_hash, before.source_hash)
        report = followup_services.start_report(self.ostersund_published, by=self.ostersund_coordinator,
                                                period_start=datetime.date(2017, 1, 1), period_end=datetime.date(2017, 4, 30))
        activity = self.fresh(self.ostersund_published).commitments.all()[0].activities.all()[0]
        followup_services.report_activity(report, activity, by=self.community_police, status="ongoing", actual_quantity=12)
        followup_services.publish_report(report, by=self.ostersund_coordinator)
        after = issue()
        self.assertNotEqual(after.pk, before.pk)
        self.assertEqual(after.source["promises"][0]["commitments"][0]["activities"][0]["actual"], 12)
