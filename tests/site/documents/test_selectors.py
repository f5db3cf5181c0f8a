"""lookup: which promise version, follow-up document or issued file a SHA-256 names, and whether it still holds."""

import datetime

from medborgarloften.followup import services as followup_services
from medborgarloften.followup.selectors import yearly_followup
from medborgarloften.site.documents import selectors, services, sources
from medborgarloften.site.documents.models import Document

from .helpers import BASE_URL, DocumentsTestCase


class LookupTests(DocumentsTestCase):
    def issue_followup(self):
        source = sources.followup_source(self.ostersund, 2017, yearly_followup([self.ostersund], 2017),
                                         base_url=BASE_URL, url="/kommun/2380-ostersund/uppfoljning/2017/")
        with self.captureOnCommitCallbacks(execute=True):
            document = services.issue_document(source, kind=Document.Kind.MUNICIPALITY_FOLLOWUP,
                                               municipality=self.ostersund, year=2017)
        return Document.objects.get(pk=document.pk)

    def test_a_follow_up_document_is_current_until_a_new_report_is_published(self):
        document = self.issue_followup()
        found = selectors.lookup(document.content_hash)
        self.assertEqual([d.pk for d in found.documents], [document.pk])
        self.assertTrue(found.documents[0].is_current)
        report = followup_services.start_report(self.ostersund_published, by=self.ostersund_coordinator,
                                                period_start=datetime.date(2017, 1, 1), period_end=datetime.date(2017, 4, 30))
        activity = self.fresh(self.ostersund_published).commitments.all()[0].activities.all()[0]
        followup_services.report_activity(report, activity, by=self.community_police, status="ongoing", actual_quantity=3)
        followup_services.publish_report(report, by=self.ostersund_coordinator)
        self.assertFalse(selectors.lookup(document.content_hash).documents[0].is_current)
        by_file = selectors.lookup(document.file_sha256)
        self.assertEqual(by_file.issued_file.pk, document.pk)

    def test_a_promise_versions_lookup_costs_a_fixed_number_of_queries(self):
        version = self.latest_version(self.ostersund_published)
        # 1 documents with this hash, 2 versions with their latest number and promise, 3 signatures,
        # 4 newer public promises, 5 municipalities.
        with self.assertNumQueries(5):
            found = selectors.lookup(version.content_hash)
        self.assertEqual([m.promise.pk for m in found.versions], [self.ostersund_published.pk])
        self.assertEqual(found.issued_file, None)
        self.assertEqual(len(found.versions[0].signatures), 2)

    def test_an_unknown_hash_finds_nothing(self):
        self.assertFalse(selectors.lookup("0" * 64).found)
